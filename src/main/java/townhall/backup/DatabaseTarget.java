package townhall.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.db.EmbeddedMariaDb;

/**
 * The database a backup reads or a restore writes, and the MariaDB client programs (mariadb-dump, mariadb) that
 * reach it: the running embedded server (its port from {@code <data dir>/mariadb/port}), an embedded server started
 * for the command when Townhall is stopped, or the external database of TOWNHALL_DB_URL.
 */
public final class DatabaseTarget implements AutoCloseable {
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:(?:mariadb|mysql)://([^/:?,]+)(?::(\\d+))?/([^?;/]+).*");

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path binDir;
    private final EmbeddedMariaDb started;

    private DatabaseTarget(String host, int port, String database, String user, String password, Path binDir,
                           EmbeddedMariaDb started) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password == null ? "" : password;
        this.binDir = binDir;
        this.started = started;
    }

    /** Townhall's configured database; starts the embedded server when it is used and not running. */
    public static DatabaseTarget of(Config config) {
        Path mariadb = config.dataDir().resolve("mariadb");
        Path embeddedBin = mariadb.resolve("server").resolve("bin");
        if (!config.usesEmbeddedDatabase()) {
            Path bin = Files.isExecutable(embeddedBin.resolve("mariadb-dump")) ? embeddedBin : null;
            return external(config.get(Setting.DB_URL), config.get(Setting.DB_USER), config.get(Setting.DB_PASSWORD), bin);
        }
        OptionalInt running = EmbeddedMariaDb.runningPort(mariadb);
        if (running.isPresent()) {
            return new DatabaseTarget("127.0.0.1", running.getAsInt(), Database.EMBEDDED_DATABASE_NAME, "root", "",
                    embeddedBin, null);
        }
        EmbeddedMariaDb server = EmbeddedMariaDb.start(mariadb, config.get(Setting.DB_MEMORY));
        server.createDatabase(Database.EMBEDDED_DATABASE_NAME);
        return new DatabaseTarget("127.0.0.1", server.port(), Database.EMBEDDED_DATABASE_NAME, "root", "",
                embeddedBin, server);
    }

    /**
     * A database given by its JDBC URL ({@code jdbc:mariadb://host[:port]/database[?...]}); the client programs
     * come from {@code binDir}, or from the PATH when it is null.
     */
    public static DatabaseTarget external(String jdbcUrl, String user, String password, Path binDir) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalStateException("Cannot read host, port and database from the database URL " + jdbcUrl
                    + " (expected jdbc:mariadb://host:port/database)");
        }
        int port = url.group(2) == null ? 3306 : Integer.parseInt(url.group(2));
        return new DatabaseTarget(url.group(1), port, url.group(3), user, password, binDir, null);
    }

    public String database() { return database; }

    public String describe() { return database + " on " + host + ":" + port; }

    /** The names of the database's tables. */
    public List<String> tables() {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, database);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database " + describe() + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + database, user, password);
    }

    /** A client program's command line up to its own options: where and as whom to connect, never the password. */
    List<String> command(String program) {
        List<String> command = new ArrayList<>();
        command.add(binDir == null ? program : binDir.resolve(program).toString());
        command.add("--host=" + host);
        command.add("--port=" + port);
        command.add("--protocol=TCP");
        command.add("--user=" + user);
        command.add("--default-character-set=utf8mb4");
        if (isLoopback()) {
            command.add("--skip-ssl"); // the embedded server runs without TLS; on the loopback it protects nothing
        }
        return command;
    }

    private boolean isLoopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    /** Runs a client program with the password in MYSQL_PWD (never on the command line); stderr to a temp file. */
    Process start(List<String> command, ProcessBuilder.Redirect input, ProcessBuilder.Redirect output, Path errors)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(input).redirectOutput(output)
                .redirectError(errors.toFile());
        builder.environment().remove("MYSQL_PWD");
        if (!password.isEmpty()) {
            builder.environment().put("MYSQL_PWD", password);
        }
        return builder.start();
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
