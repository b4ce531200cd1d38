package townhall.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.ContextTransactionalCallable;
import org.jooq.ContextTransactionalRunnable;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.jooq.impl.DefaultConfiguration;
import townhall.config.Config;
import townhall.config.Setting;

/** The connection pool, migrations and jOOQ context; owns the embedded MariaDB when one is used. */
public final class Database implements AutoCloseable {
    public static final String EMBEDDED_DATABASE_NAME = "townhall";

    private final EmbeddedMariaDb embedded;
    private final HikariDataSource dataSource;
    private final Availability availability;
    private final DSLContext dsl;
    private final DSLContext background;
    private final LongAdder queries = new LongAdder();
    /** Set on the threads {@link #backgroundThreads} makes: their statements are not the requests' cost. */
    private final ThreadLocal<Boolean> onBackgroundThread = ThreadLocal.withInitial(() -> false);
    private final List<TransactionListener> transactionListeners = new CopyOnWriteArrayList<>();

    private Database(EmbeddedMariaDb embedded, HikariDataSource dataSource, Availability availability,
                     int statementSeconds) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.availability = availability;
        DefaultConfiguration configuration = new DefaultConfiguration();
        // Thread-bound transactions let each Store keep one DSLContext and still join the caller's transaction.
        configuration.set(new ThreadLocalTransactionProvider(
                new GuardedConnections(new DataSourceConnectionProvider(dataSource), availability), true));
        configuration.set(SQLDialect.MARIADB);
        ExecuteListener outages = ExecuteListener.onException(context -> availability.suspect(context.exception()));
        configuration.set(ExecuteListener.onExecuteStart(context -> {
            if (!onBackgroundThread.get()) {
                queries.increment();
            }
        }), outages);
        Settings settings = new Settings().withRenderSchema(false).withExecuteLogging(false)
                // multiset's JSON emulation needs a long GROUP_CONCAT; the pool sets it once per connection
                .withRenderGroupConcatMaxLenSessionVariable(false);
        // a request's statements have a time limit (the server ends them); background work reads long streams
        // (Settings.with... changes the object itself: the background's copy must be taken before the time limit)
        Settings background = (Settings) settings.clone();
        configuration.set(statementSeconds > 0 ? settings.withQueryTimeout(statementSeconds) : settings);
        configuration.set(new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                transactionListeners.forEach(listener -> listener.commitEnd(ctx));
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                transactionListeners.forEach(listener -> listener.rollbackEnd(ctx));
            }
        });
        this.dsl = DSL.using(configuration);
        this.background = DSL.using(configuration.derive(background).derive(new DefaultExecuteListenerProvider(outages)));
    }

    /** Connects (starting the embedded server when no URL is configured) and migrates. */
    public static Database open(Config config) {
        EmbeddedMariaDb embedded = null;
        String url = config.get(Setting.DB_URL);
        String user = config.get(Setting.DB_USER);
        String password = config.get(Setting.DB_PASSWORD);
        if (config.usesEmbeddedDatabase()) {
            Path dir = config.dataDir().resolve("mariadb");
            embedded = EmbeddedMariaDb.start(dir, config.get(Setting.DB_MEMORY));
            embedded.createDatabase(EMBEDDED_DATABASE_NAME);
            url = embedded.jdbcUrl(EMBEDDED_DATABASE_NAME);
            user = "root";
            password = "";
        }
        int statementSeconds = config.getInt(Setting.DB_STATEMENT_SECONDS);
        try {
            migrate(url, user, password);
            HikariDataSource dataSource = pool(url, user, password, config.getInt(Setting.DB_POOL_SIZE), statementSeconds);
            return new Database(embedded, dataSource,
                    new Availability(url, user, password, embedded, java.time.Clock.systemUTC()), statementSeconds);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int size, int statementSeconds) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("townhall");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        // short waits, so that a lost database is noticed (see Availability) rather than waited for
        hikari.setConnectionTimeout(3_000);
        hikari.setInitializationFailTimeout(15_000);
        hikari.addDataSourceProperty("connectTimeout", "2000");
        if (statementSeconds > 0) { // a stalled (frozen) server cannot hold a request past its time limit
            hikari.addDataSourceProperty("socketTimeout", Integer.toString((statementSeconds + 5) * 1000));
        }
        hikari.addDataSourceProperty("connectionTimeZone", "UTC");
        hikari.addDataSourceProperty("useServerPrepStmts", "true");
        hikari.addDataSourceProperty("cachePrepStmts", "true");
        hikari.setConnectionInitSql("SET time_zone = '+00:00', group_concat_max_len = 4294967295, NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new HikariDataSource(hikari);
    }

    /** Over a connection of its own, without the pool's time limits: a migration may rewrite a large table. */
    private static void migrate(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() { return dsl; }

    /**
     * The same database for background work (the search indexer, batched logs): its statements are not
     * counted in {@link #queryCount()}, which measures the work of requests.
     */
    public DSLContext background() { return background; }

    /**
     * Daemon threads for periodic jobs and workers: what they run on either context is left out of
     * {@link #queryCount()}, so a job that fires while a test measures a page does not count as the page's cost.
     */
    public ThreadFactory backgroundThreads(String name) {
        return work -> Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            onBackgroundThread.set(true);
            work.run();
        });
    }

    /** Hears transactions end (commit and rollback only), e.g. to act once a change is visible to others. */
    public void listen(TransactionListener listener) {
        transactionListeners.add(listener);
    }

    /** How many SQL statements jOOQ has run since start: for metrics, and for tests that bound a page's queries. */
    public long queryCount() { return queries.sum(); }

    /** Runs the work in one transaction; every Store call made inside it on this thread joins it. */
    public <T> T inTransaction(ContextTransactionalCallable<T> work) {
        return dsl.transactionResult(work);
    }

    public void inTransaction(ContextTransactionalRunnable work) {
        dsl.transaction(work);
    }

    /** The connection pool's figures (active, idle, waiting, total), for the metrics. */
    public com.zaxxer.hikari.HikariPoolMXBean pool() { return dataSource.getHikariPoolMXBean(); }

    public int poolSize() { return dataSource.getMaximumPoolSize(); }

    /** Whether the database answers, as last probed; what /health and the 503 page tell. */
    public Availability availability() { return availability; }

    /** True when the database answers a trivial query. */
    public boolean isHealthy() {
        if (availability.isDown()) {
            return false;
        }
        try {
            return dsl.selectOne().fetchOne(0, Integer.class) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        availability.close();
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
