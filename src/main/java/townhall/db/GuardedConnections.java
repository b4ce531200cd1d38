package townhall.db;

import java.sql.Connection;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/** The pool's connections, refused at once while the database is known to be down (see {@link Availability}). */
final class GuardedConnections implements ConnectionProvider {
    private final ConnectionProvider pool;
    private final Availability availability;

    GuardedConnections(ConnectionProvider pool, Availability availability) {
        this.pool = pool;
        this.availability = availability;
    }

    @Override
    public Connection acquire() {
        if (availability.isDown()) {
            throw new DataAccessException("The database does not answer",
                    new Availability.DatabaseDown(availability.lastFailure()));
        }
        try {
            return pool.acquire();
        } catch (DataAccessException e) {
            availability.suspect(e);
            throw e;
        }
    }

    @Override
    public void release(Connection connection) {
        pool.release(connection);
    }
}
