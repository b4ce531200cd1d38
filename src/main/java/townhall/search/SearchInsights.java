package townhall.search;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static townhall.db.schema.Tables.ASK_EVENTS;
import static townhall.db.schema.Tables.SEARCH_LOG;
import static townhall.db.schema.Tables.SEARCH_OPENS;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** What staff learn from the search log and the ask events: missing content, and how often asking is avoided. */
public final class SearchInsights {
    static final int DAYS = 30;

    private final DSLContext db;
    private final Clock clock;

    public SearchInsights(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record QueryCount(String query, int searches, int opened, LocalDateTime last) {}

    /**
     * Over the last 30 days, counted per ask session: how many sessions were shown suggestions, opened one,
     * posted their question, and how many were shown suggestions and did not post (the deflection candidates).
     */
    public record Deflection(int sessions, int shown, int opened, int posted, int shownNotPosted,
                             int openedNotPosted) {}

    /** Searches that found nothing, most frequent first: content the community is missing. */
    public List<QueryCount> zeroResultQueries(int limit) {
        Field<String> query = lower(SEARCH_LOG.QUERY).as("q");
        return db.select(query, count(), max(SEARCH_LOG.CREATED_AT))
                .from(SEARCH_LOG)
                .where(SEARCH_LOG.RESULT_COUNT.eq(0)).and(SEARCH_LOG.CREATED_AT.gt(since()))
                .groupBy(lower(SEARCH_LOG.QUERY))
                .orderBy(count().desc(), max(SEARCH_LOG.CREATED_AT).desc())
                .limit(limit)
                .fetch(r -> new QueryCount(r.value1(), r.value2(), 0, r.value3()));
    }

    /** The most frequent searches, with how many of them led to an opened result. */
    public List<QueryCount> topQueries(int limit) {
        Field<String> query = lower(SEARCH_LOG.QUERY).as("q");
        Field<Integer> opened = countDistinct(SEARCH_OPENS.SEARCH_TOKEN).as("opened");
        return db.select(query, countDistinct(SEARCH_LOG.TOKEN), opened, max(SEARCH_LOG.CREATED_AT))
                .from(SEARCH_LOG)
                .leftJoin(SEARCH_OPENS).on(SEARCH_OPENS.SEARCH_TOKEN.eq(SEARCH_LOG.TOKEN))
                .where(SEARCH_LOG.CREATED_AT.gt(since()))
                .groupBy(lower(SEARCH_LOG.QUERY))
                .orderBy(countDistinct(SEARCH_LOG.TOKEN).desc())
                .limit(limit)
                .fetch(r -> new QueryCount(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public Deflection deflection() {
        Table<?> sessions = select(ASK_EVENTS.ASK_SESSION,
                        max(flag("shown")).as("shown"), max(flag("opened")).as("opened"),
                        max(flag("posted")).as("posted"))
                .from(ASK_EVENTS)
                .where(ASK_EVENTS.CREATED_AT.gt(since()))
                .groupBy(ASK_EVENTS.ASK_SESSION)
                .asTable("s");
        Field<Integer> shown = field(name("s", "shown"), Integer.class);
        Field<Integer> opened = field(name("s", "opened"), Integer.class);
        Field<Integer> posted = field(name("s", "posted"), Integer.class);
        Record r = db.select(count(), sum(shown), sum(opened), sum(posted),
                        sum(when(shown.eq(1).and(posted.eq(0)), 1).otherwise(0)),
                        sum(when(opened.eq(1).and(posted.eq(0)), 1).otherwise(0)))
                .from(sessions)
                .fetchOne();
        return new Deflection(r.get(0, Integer.class), number(r.get(1)), number(r.get(2)), number(r.get(3)),
                number(r.get(4)), number(r.get(5)));
    }

    private static Field<Integer> flag(String event) {
        return when(ASK_EVENTS.EVENT.eq(event), 1).otherwise(0);
    }

    private static int number(Object value) {
        return value == null ? 0 : ((BigDecimal) new BigDecimal(value.toString())).intValue();
    }

    private LocalDateTime since() {
        return LocalDateTime.now(clock).minusDays(DAYS);
    }
}
