package townhall.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Typed jOOQ queries of the hot pages whose SQL is rendered once per shape instead of on every call. jOOQ renders a
 * query's SQL from its syntax tree each time it runs: about a sixth of a signed-in question page's CPU. A query
 * built here takes its changing values as named parameters ({@code DSL.param("id", Long.class)}); the shape (what
 * {@code build} makes of the key: which conditions, which joins) is rendered the first time it is asked for, and
 * later calls only bind the values, still through jOOQ (statement time limit, query counting, converters).
 */
public final class Prepared<K> {
    private final DSLContext db;
    private final Function<K, Select<?>> build;
    private final Map<K, Rendered> shapes = new ConcurrentHashMap<>();

    private record Rendered(String sql, List<Param<?>> params, Field<?>[] fields) {}

    /** {@code build} makes the query of a shape; every value it binds must be a named parameter. */
    public Prepared(DSLContext db, Function<K, Select<?>> build) {
        this.db = db;
        this.build = build;
    }

    /** A query of one shape. */
    public static Prepared<Boolean> of(DSLContext db, java.util.function.Supplier<Select<?>> build) {
        return new Prepared<>(db, shape -> build.get());
    }

    /** The rows of a query of one shape (see {@link #of}). */
    public Result<Record> fetch(Map<String, ?> values) {
        return fetch(oneShape(), values);
    }

    /** The one row of a query of one shape, or null. */
    public Record fetchOne(Map<String, ?> values) {
        return fetchOne(oneShape(), values);
    }

    @SuppressWarnings("unchecked")
    private K oneShape() {
        return (K) Boolean.TRUE;
    }

    /** The rows of the query of {@code shape} with {@code values} bound to its parameters by name. */
    public Result<Record> fetch(K shape, Map<String, ?> values) {
        Rendered query = shapes.computeIfAbsent(shape, this::render);
        Object[] bindings = new Object[query.params.size()];
        for (int i = 0; i < bindings.length; i++) {
            Param<?> param = query.params.get(i);
            if (!values.containsKey(param.getParamName())) {
                throw new IllegalArgumentException("No value for the parameter " + param.getParamName());
            }
            bindings[i] = DSL.val(values.get(param.getParamName()), param.getDataType());
        }
        return db.resultQuery(query.sql, bindings).coerce(query.fields).fetch();
    }

    /** The one row of the query, or null. */
    public Record fetchOne(K shape, Map<String, ?> values) {
        Result<Record> rows = fetch(shape, values);
        if (rows.size() > 1) {
            throw new IllegalStateException("More than one row for " + shape);
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Rendered render(K shape) {
        Select<?> query = build.apply(shape);
        Map<String, Param<?>> named = query.getParams();
        StringBuilder sql = new StringBuilder();
        List<Param<?>> params = new ArrayList<>();
        String rendered = db.renderNamedParams(query);
        char quote = 0;
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '`' || c == '"') {
                quote = c;
            } else if (c == ':' && i + 1 < rendered.length() && Character.isJavaIdentifierStart(rendered.charAt(i + 1))) {
                int end = i + 1;
                while (end < rendered.length() && Character.isJavaIdentifierPart(rendered.charAt(end))) {
                    end++;
                }
                params.add(named.get(rendered.substring(i + 1, end)));
                sql.append('?');
                i = end - 1;
                continue;
            } else if (c == ':' || c == '?') {
                throw new IllegalArgumentException("A prepared query binds an unnamed value; use DSL.param(name, type), "
                        + "or DSL.inline for a constant: " + rendered);
            }
            sql.append(c);
        }
        if (params.contains(null)) {
            throw new IllegalStateException("A parameter of the rendered query is unknown: " + rendered);
        }
        // the select list's own fields, so that a row's get(field) finds its column by identity (fields() are copies)
        return new Rendered(sql.toString(), params, query.getSelect().toArray(new Field<?>[0]));
    }
}
