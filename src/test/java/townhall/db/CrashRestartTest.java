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

/** Townhall killed with kill -9 leaves its embedded mariadbd running; the next start ends it and serves. */
class CrashRestartTest {
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
    void aRestartAfterKillNineEndsTheLeftoverServerAndServes() throws Exception {
        int port = freePort();
        townhall = start(port, "first");
        awaitHealth(port, Duration.ofSeconds(90));

        townhall.destroyForcibly().onExit().join();
        List<ProcessHandle> orphans = LeftoverServer.find(mariaDbData());
        assertThat(orphans).as("the killed Townhall's mariadbd, still running").hasSize(1);

        long restarted = System.nanoTime();
        townhall = start(port, "second");
        awaitHealth(port, Duration.ofSeconds(30));
        System.out.printf("Served again %d ms after the restart began%n", (System.nanoTime() - restarted) / 1_000_000);
        assertThat(orphans.getFirst().isAlive()).isFalse();
        assertThat(LeftoverServer.find(mariaDbData())).hasSize(1).doesNotContain(orphans.getFirst());
        assertThat(Files.readString(log("second"))).contains("left by a Townhall that did not stop it");

        Process reindex = command("reindex").start();
        assertThat(reindex.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("reindex answered at once").isTrue();
        assertThat(reindex.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log("reindex"))).contains("is running on the embedded database");
        assertThat(townhall.isAlive()).isTrue();

        long stopping = System.nanoTime();
        townhall.destroy(); // SIGTERM: the shutdown hook closes the application, the database last
        assertThat(townhall.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
        System.out.printf("Stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
        assertThat(LeftoverServer.find(mariaDbData())).as("its mariadbd stopped with it").isEmpty();
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
