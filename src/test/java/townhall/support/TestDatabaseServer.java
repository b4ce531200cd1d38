package townhall.support;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import townhall.db.EmbeddedMariaDb;

/** One real MariaDB for the whole test run; each test class gets a database of its own on it. */
final class TestDatabaseServer implements AutoCloseable {
    private static final AtomicInteger databases = new AtomicInteger();
    /** Each of Surefire's test JVMs its own server (two run side by side: see the pom). */
    private static final Path DIR = Path.of("target", "test-mariadb-" + System.getProperty("townhall.test.fork", "1"));
    static final Path PROGRAMS = DIR.resolve("server").resolve("bin");

    private final EmbeddedMariaDb server;

    private TestDatabaseServer(EmbeddedMariaDb server) {
        this.server = server;
    }

    static TestDatabaseServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestDatabaseServer.class,
                        key -> new TestDatabaseServer(EmbeddedMariaDb.start(DIR)),
                        TestDatabaseServer.class);
    }

    /** A new, empty database; returns its JDBC URL. */
    String newDatabase(String hint) {
        String name = "th_" + hint.replaceAll("[^A-Za-z0-9]", "").toLowerCase() + "_" + databases.incrementAndGet()
                + "_" + ProcessHandle.current().pid();
        server.createDatabase(name);
        return server.jdbcUrl(name);
    }

    @Override
    public void close() {
        server.close();
    }
}
