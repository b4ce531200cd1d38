package townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** A backup of a running Townhall, restored into a new empty database, holds every table's rows unchanged. */
class BackupTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    @Test
    void aBackupOfARunningTownhallRestoresEveryTableIntoAnEmptyDatabase() throws Exception {
        Community community = new Community(server);
        WebClient asker = community.member("asker");
        WebClient helper = community.member("helper");
        long question = community.ask(asker, "How do I pair ünïcödé headphones — twice?");
        long answer = community.answer(helper, question, "Hold the button for **ten** seconds.");
        community.answer(community.member("second"), question, "Reset them first.");
        assertThat(community.member("voter").post("/posts/" + answer + "/vote", Map.of("value", "up")).status())
                .isLessThan(400);

        String sourceUrl = server.config().get(Setting.DB_URL);
        DatabaseTarget source = DatabaseTarget.external(sourceUrl, "root", "", TownhallServer.mariaDbPrograms());
        Path file = Path.of("target", "test-data", "backup-" + ProcessHandle.current().pid() + ".sql.gz");
        // the running site may still write (views, the search outbox): take a backup that no write straddled
        Map<String, String> before = fingerprint(sourceUrl);
        long size = Backup.write(source, file);
        for (int attempt = 0; attempt < 5 && !fingerprint(sourceUrl).equals(before); attempt++) {
            Thread.sleep(500);
            before = fingerprint(sourceUrl);
            size = Backup.write(source, file);
        }
        assertThat(size).isEqualTo(Files.size(file)).isPositive();
        try (var sql = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(sql.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("CREATE TABLE").contains("ünïcödé");
        }

        String restoredUrl = server.newDatabase("restored");
        DatabaseTarget restored = DatabaseTarget.external(restoredUrl, "root", "", TownhallServer.mariaDbPrograms());
        int tables = Restore.load(restored, file);

        Map<String, String> after = fingerprint(restoredUrl);
        assertThat(tables).isEqualTo(before.size());
        assertThat(before).containsKeys("flyway_schema_history");
        assertThat(after).isEqualTo(before);
        assertThat(before.values()).anyMatch(rows -> !rows.startsWith("0 rows"));

        assertThatThrownBy(() -> Restore.load(restored, file))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not empty");
    }

    @Test
    void readsHostPortAndDatabaseFromTheUrl() {
        assertThat(DatabaseTarget.external("jdbc:mariadb://db.internal:3307/forum?useSsl=true", "u", "p", null)
                .describe()).isEqualTo("forum on db.internal:3307");
        assertThat(DatabaseTarget.external("jdbc:mariadb://db.internal/forum", "u", "p", null).describe())
                .isEqualTo("forum on db.internal:3306");
        assertThat(DatabaseTarget.external("jdbc:mariadb://h/x", "u", "secret", null).command("mariadb-dump"))
                .noneMatch(argument -> argument.contains("secret"));
    }

    /** Every table's row count and CHECKSUM TABLE, by name. */
    private static Map<String, String> fingerprint(String url) throws Exception {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "root", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), "");
                }
            }
            for (String table : tables.keySet()) {
                long count;
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rows.next();
                    count = rows.getLong(1);
                }
                try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE `" + table + "`")) {
                    rows.next();
                    tables.put(table, count + " rows, checksum " + rows.getString(2));
                }
            }
        }
        return tables;
    }
}
