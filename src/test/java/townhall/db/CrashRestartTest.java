package townhall.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import townhall.config.Setting;
import townhall.support.Eventually;
import townhall.support.WebClient;

/**
 * Townhall as an operator runs it, in a process of its own on the embedded database: killed with kill -9 in the
 * middle of concurrent writes, it starts again within 30 s (ending the mariadbd it left behind) with every
 * acknowledged write and an index that matches the database; when its mariadbd dies, requests get a 503 at once
 * and Townhall starts the database again by itself; SIGTERM stops it within 10 s.
 */
class CrashRestartTest {
    private static final int WRITERS = 4;

    private final Path dataDir = Path.of("target", "test-data", "crash-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process townhall;

    @AfterEach
    void stop() throws IOException {
        if (townhall != null) {
            townhall.destroy();
            townhall.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        LeftoverServer.endAll(mariaDbData(), 5);
        try (var files = Files.walk(dataDir)) { // the unpacked server alone is 350 MB
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void aRestartAfterKillNineKeepsEveryAcknowledgedWriteAndADeadDatabaseIsStartedAgain() throws Exception {
        int port = freePort();
        townhall = start(port, "first");
        awaitHealth(port, Duration.ofSeconds(90));

        Writers writers = new Writers("http://127.0.0.1:" + port, WRITERS);
        writers.awaitAcknowledged(60);
        townhall.destroyForcibly().onExit().join(); // kill -9, while the writers write
        List<Writers.Written> acknowledged = writers.stop();
        List<ProcessHandle> orphans = LeftoverServer.find(mariaDbData());
        assertThat(orphans).as("the killed Townhall's mariadbd, still running").hasSize(1);

        long restarted = System.nanoTime();
        townhall = start(port, "second");
        awaitHealth(port, Duration.ofSeconds(30));
        System.out.printf("Served again %d ms after the restart began%n", (System.nanoTime() - restarted) / 1_000_000);
        assertThat(orphans.getFirst().isAlive()).isFalse();
        assertThat(LeftoverServer.find(mariaDbData())).hasSize(1).doesNotContain(orphans.getFirst());
        assertThat(Files.readString(log("second"))).contains("left by a Townhall that did not stop it");
        assertEveryWriteKeptAndIndexed(port, acknowledged);

        ProcessHandle mariadbd = LeftoverServer.find(mariaDbData()).getFirst();
        mariadbd.destroyForcibly(); // the database dies under a running Townhall
        mariadbd.onExit().join();
        long refusedAt = System.nanoTime();
        WebClient member = writers.first();
        assertThat(member.get("/questions").status()).as("refused while the database is away").isEqualTo(503);
        System.out.printf("Refused %d ms after the database died%n", (System.nanoTime() - refusedAt) / 1_000_000);
        awaitHealth(port, Duration.ofSeconds(30));
        assertThat(Files.readString(log("second"))).contains("The embedded MariaDB has stopped running; starting it again");
        assertThat(LeftoverServer.find(mariaDbData())).hasSize(1).doesNotContain(mariadbd);
        assertThat(member.post("/ask", Map.of("title", "Does the database come back by itself?",
                "body", "It was killed while Townhall ran; this question is written after it came back.",
                "tags", "crash")).status()).as("writes work again").isEqualTo(303);

        Process reindex = command("reindex").start();
        assertThat(reindex.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("reindex answered at once").isTrue();
        assertThat(reindex.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log("reindex"))).contains("is running on the embedded database");
        assertThat(townhall.isAlive()).isTrue();

        ProcessHandle second = LeftoverServer.find(mariaDbData()).getFirst();
        second.destroyForcibly(); // dead again, and now Townhall is stopped while it starts the database anew
        second.onExit().join();
        Thread.sleep(1_500);
        long stopping = System.nanoTime();
        townhall.destroy(); // SIGTERM: the shutdown hook closes the application, the database last
        assertThat(townhall.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("stopped within 10 s with the database dead: %s", logs()).isTrue();
        System.out.printf("Stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
        assertThat(LeftoverServer.find(mariaDbData())).as("its mariadbd stopped with it").isEmpty();
    }

    /** Every acknowledged question is in the database, and the index holds exactly what the database holds. */
    private void assertEveryWriteKeptAndIndexed(int port, List<Writers.Written> acknowledged) throws Exception {
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
        Map<Long, String> stored = new java.util.HashMap<>();
        int dbPort = Integer.parseInt(Files.readString(dataDir.resolve("mariadb").resolve("port")).trim());
        try (var connection = java.sql.DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + dbPort + "/townhall", "root", "");
             var rows = connection.createStatement().executeQuery("SELECT id, title FROM questions")) {
            while (rows.next()) {
                stored.put(rows.getLong(1), rows.getString(2));
            }
        }
        for (Writers.Written written : acknowledged) {
            assertThat(stored.get(written.id())).as("acknowledged question %d", written.id()).isEqualTo(written.title());
        }
        System.out.printf("%d questions acknowledged before kill -9, %d in the database after the restart%n",
                acknowledged.size(), stored.size());
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        Eventually.await(() -> {
            try {
                return http.send(health, HttpResponse.BodyHandlers.ofString()).body()
                        .contains("\"documents\":" + stored.size() + ",");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        Writers.Written last = acknowledged.getLast();
        var found = new WebClient("http://127.0.0.1:" + port).get("/search?q=" + Writers.tokenOf(last.title())).html();
        assertThat(found.select("h2.result-title").eachText()).as("the last acknowledged question is found")
                .containsExactly(last.title());
    }

    private Process start(int port, String name) throws IOException {
        ProcessBuilder builder = command("serve");
        builder.environment().put("TOWNHALL_PORT", Integer.toString(port));
        return builder.redirectOutput(log(name).toFile()).start();
    }

    /** Townhall's command line on the test's data folder, its output in {@code <command>.log}. */
    private ProcessBuilder command(String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "townhall.Townhall", command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TOWNHALL_"));
        env.put("TOWNHALL_CONFIG", dataDir.resolve("none.properties").toString());
        env.put("TOWNHALL_DATA_DIR", dataDir.toString());
        env.put("TOWNHALL_DEMO", "false");
        env.put("TOWNHALL_ACCOUNT_UNCONFIRMED_QUESTIONS", "-1"); // the writers ask without confirming an address
        // the writers are new members asking as fast as they can: the spam defence would hold their questions
        env.put(Setting.SPAM_FORM_SECONDS.env(), "0");
        env.put(Setting.SPAM_PAUSE_SECONDS.env(), "0");
        env.put(Setting.SPAM_QUESTIONS_DAY.env(), "-1");
        env.put(Setting.SPAM_DUPLICATES.env(), "false");
        // each check searches for one question's own word: search by meaning would add its near-identical siblings
        env.put(Setting.SEARCH_VECTORS.env(), "false");
        Files.createDirectories(dataDir);
        return builder.redirectErrorStream(true).redirectOutput(log(command).toFile());
    }

    private void awaitHealth(int port, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            assertThat(townhall.isAlive()).as("Townhall is running; its log: %s", logs()).isTrue();
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/health did not answer within " + patience.toSeconds() + " s; " + logs());
    }

    private String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("first", "second")) {
            if (Files.exists(log(name))) {
                text.append("\n--- ").append(name).append(":\n").append(Files.readString(log(name)));
            }
        }
        return text.toString();
    }

    private Path log(String name) {
        return dataDir.resolve(name + ".log");
    }

    private Path mariaDbData() {
        return dataDir.resolve("mariadb").resolve("data");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
