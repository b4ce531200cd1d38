package townhall.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, and the breaker that keeps requests from waiting on one that does not.
 *
 * <p>A statement that fails the way a lost database fails (connection refused or broken, no answer in time) makes
 * this probe the database at once over a fresh connection of its own, outside the pool, so a pool that is merely
 * busy never opens the breaker; it also probes every five seconds, so that a stalled database is noticed while the
 * statements waiting on it have not yet timed out. A failed probe opens it: every request that needs the database is then refused at
 * once ({@link #isDown}, and the pool's connections are not even asked for) until a probe, each second, succeeds.
 * An embedded server whose process has died is started again, a few times at most (see {@link #RESTARTS}).
 */
public final class Availability implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Availability.class);

    /** At most this many restarts of a dead embedded server within {@link #RESTART_WINDOW}; then it is left down. */
    static final int RESTARTS = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    /** While the database answers it is also probed this often, so that a stall is noticed though no statement ends. */
    private static final long PROBE_WHILE_UP_NANOS = 5_000_000_000L;
    private static final int PROBE_CONNECT_MS = 1_000;
    private static final int PROBE_READ_MS = 2_000;

    private final String url;
    private final Properties probeProperties = new Properties();
    private final EmbeddedMariaDb embedded;
    private final Clock clock;
    private final ScheduledExecutorService watcher;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private volatile Instant downSince;
    private long lastProbe = System.nanoTime();
    private volatile String lastFailure = "";
    private volatile boolean gaveUp;
    private volatile int restartCount;

    Availability(String url, String user, String password, EmbeddedMariaDb embedded, Clock clock) {
        this.url = url;
        this.embedded = embedded;
        this.clock = clock;
        probeProperties.setProperty("user", user);
        probeProperties.setProperty("password", password);
        probeProperties.setProperty("connectTimeout", Integer.toString(PROBE_CONNECT_MS));
        probeProperties.setProperty("socketTimeout", Integer.toString(PROBE_READ_MS));
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "database-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    /** True while the breaker is open: the last probe found the database unreachable. */
    public boolean isDown() {
        return downSince != null;
    }

    /** When the database stopped answering, while it does not. */
    public Instant downSince() {
        return downSince;
    }

    /** How long a refused client should wait before it tries again, in seconds. */
    public int retryAfterSeconds() {
        return embedded != null && !gaveUp ? 10 : 30;
    }

    /** What /health shows of the database beside up or down. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        Instant since = downSince;
        figures.put("status", since == null ? "ok" : "unreachable");
        if (since != null) {
            figures.put("downSeconds", Duration.between(since, clock.instant()).toSeconds());
            figures.put("lastError", lastFailure);
        }
        if (embedded != null) {
            figures.put("embeddedRestarts", restartCount);
            if (gaveUp) {
                figures.put("embeddedRestartsGivenUp", true);
            }
        }
        return figures;
    }

    /** Heard from a failed statement: probes now, unless a probe is already under way. */
    void suspect(Throwable failure) {
        if (isLostConnection(failure) && !isDown() && probing.compareAndSet(false, true)) {
            watcher.execute(() -> {
                try {
                    probe();
                } finally {
                    probing.set(false);
                }
            });
        }
    }

    private void watch() {
        try {
            if (embedded != null && !embedded.isAlive()) {
                restartEmbedded();
            }
            if (isDown() || System.nanoTime() - lastProbe > PROBE_WHILE_UP_NANOS) {
                probe();
            }
        } catch (RuntimeException e) {
            log.warn("Watching the database failed", e);
        }
    }

    private void probe() {
        lastProbe = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, probeProperties);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            if (downSince != null) {
                log.warn("The database answers again after {} s; requests are served again",
                        Duration.between(downSince, clock.instant()).toSeconds());
                downSince = null;
            }
        } catch (SQLException e) {
            lastFailure = e.getMessage();
            if (downSince == null) {
                downSince = clock.instant();
                log.error("The database does not answer ({}); pages that need it get 503 until it is back, "
                        + "and it is tried again every second", e.getMessage());
            }
        }
    }

    private void restartEmbedded() {
        if (gaveUp) {
            return;
        }
        Instant now = clock.instant();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= RESTARTS) {
            gaveUp = true;
            log.error("The embedded MariaDB died {} times within {} minutes; it is not started again. Look at its "
                    + "log and the data folder's disk, then restart Townhall", RESTARTS, RESTART_WINDOW.toMinutes());
            return;
        }
        restarts.addLast(now);
        restartCount++;
        log.error("The embedded MariaDB has stopped running; starting it again (restart {} of at most {} in {} minutes)",
                restarts.size(), RESTARTS, RESTART_WINDOW.toMinutes());
        if (downSince == null) {
            downSince = now;
        }
        embedded.restart();
        probe();
    }

    /** Whether a failure is the database being gone or stalled, rather than a bad statement. */
    public static boolean isLostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08"))) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }

    /** Whether a request failed because the database is gone, stalled or took longer than a statement may. */
    public static boolean isOutage(Throwable failure) {
        if (isLostConnection(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException || cause instanceof DatabaseDown) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    /** Thrown instead of asking the pool for a connection while the database is known to be down. */
    public static final class DatabaseDown extends SQLTransientConnectionException {
        DatabaseDown(String lastFailure) {
            super("The database does not answer: " + lastFailure, "08001");
        }
    }

    String lastFailure() {
        return lastFailure;
    }
}
