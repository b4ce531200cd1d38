package townhall.importer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One multi-row {@code INSERT} over the generated tables and columns, bound straight through JDBC. The import
 * sends hundreds of thousands of rows; building each as jOOQ query parts (and binding its dates through
 * {@code java.sql.Timestamp}) took more CPU than the database spent storing them, so the hot inserts go here.
 * Runs on the caller's transaction, like every jOOQ query of the thread.
 */
final class BulkInsert {
    private final DSLContext db;
    private final Table<?> table;
    private final List<Field<?>> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private String prefix = "insert into ";
    private String suffix = "";

    private BulkInsert(DSLContext db, Table<?> table, List<Field<?>> columns) {
        this.db = db;
        this.table = table;
        this.columns = columns;
    }

    static BulkInsert into(DSLContext db, Table<?> table, Field<?>... columns) {
        return new BulkInsert(db, table, List.of(columns));
    }

    /** Adds a row: one value per column, in the columns' order; dates as {@code LocalDateTime}. */
    BulkInsert values(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " values expected, not " + values.length);
        }
        rows.add(values);
        return this;
    }

    /** Skips rows whose key exists already. */
    BulkInsert ignoringDuplicates() {
        prefix = "insert ignore into ";
        return this;
    }

    /** SQL after the values, such as an {@code ON DUPLICATE KEY UPDATE} clause. */
    BulkInsert then(String sql) {
        suffix = " " + sql;
        return this;
    }

    void execute() {
        if (rows.isEmpty()) return;
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql(null))) {
                bind(statement);
                statement.executeUpdate();
            }
        });
    }

    /** Inserts the rows and returns the generated ids, in the rows' order (MariaDB's INSERT ... RETURNING). */
    List<Long> returningIds(Field<Long> id) {
        if (rows.isEmpty()) return List.of();
        List<Long> ids = new ArrayList<>(rows.size());
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql(id))) {
                bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getLong(1));
                    }
                }
            }
        });
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("Inserted " + rows.size() + " rows into " + table.getName()
                    + " but the database returned " + ids.size() + " ids");
        }
        return ids;
    }

    private void bind(PreparedStatement statement) throws java.sql.SQLException {
        int i = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                statement.setObject(i++, value);
            }
        }
    }

    private String sql(Field<Long> returning) {
        StringBuilder sql = new StringBuilder(prefix).append(name(table.getName())).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(name(columns.get(i).getName()));
        }
        String placeholders = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        sql.append(") values ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "" : ", ").append(placeholders);
        }
        sql.append(suffix);
        if (returning != null) {
            sql.append(" returning ").append(name(returning.getName()));
        }
        return sql.toString();
    }

    /** A column or table name quoted for the database. */
    String name(String name) {
        return db.render(DSL.name(name));
    }
}
