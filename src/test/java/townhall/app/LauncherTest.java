package townhall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/townhall, the launcher of the packaged jar and the Docker image, run for real by sh; the JDK it starts is a
 * script standing in for java that writes down the arguments it was given (starting Townhall is other tests' part).
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("bin", "townhall").toAbsolutePath();

    @TempDir
    Path dir;
    private Path data;
    private Path jar;
    private Path arguments;

    @BeforeEach
    void standInJdk() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        arguments = dir.resolve("arguments");
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo 'openjdk version "21.0.5" 2024-10-15' >&2; exit 0; fi
                printf '%%s\\n' "$@" > '%s'
                """.formatted(arguments));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = Files.createDirectories(dir.resolve("data"));
        jar = Files.writeString(dir.resolve("townhall.jar"), "not a jar");
    }

    @Test
    void aSmallCommunityServesWithASmallHeapAndTheSettingsOfJvmOptions() throws Exception {
        Files.createDirectories(data.resolve("index"));
        Files.write(data.resolve("index/_0.cfs"), new byte[2 << 20]);

        List<String> java = launch(Map.of());

        assertThat(java).contains("-Xmx160m", "@" + LAUNCHER.resolveSibling("jvm.options"));
        assertThat(java.subList(java.indexOf("-jar"), java.size())).containsExactly("-jar", jar.toString());
    }

    @Test
    void aLargerCommunityGetsALargerHeap() throws Exception {
        Files.createDirectories(data.resolve("index"));
        Files.write(data.resolve("index/_0.cfs"), new byte[101 << 20]);

        assertThat(launch(Map.of(), "serve")).contains("-Xmx256m");
    }

    @Test
    void theOperatorsHeapWinsAndCommandsOtherThanServeGetRoomForImports() throws Exception {
        assertThat(launch(Map.of("TOWNHALL_HEAP", "300m"))).contains("-Xmx300m").doesNotContain("-Xmx160m");
        List<String> reindex = launch(Map.of(), "reindex");
        assertThat(reindex).contains("-Xmx512m");
        assertThat(reindex.subList(reindex.indexOf("-jar"), reindex.size())).containsExactly("-jar", jar.toString(),
                "reindex");
    }

    @Test
    void aClassDataArchiveOlderThanTheJarIsRemovedSoTheNextStopWritesOneThatFits() throws Exception {
        Path archive = Files.writeString(data.resolve("townhall.jsa"), "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(launch(Map.of())).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(archive).doesNotExist();

        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        launch(Map.of());
        assertThat(archive).exists();
    }

    @Test
    void anOlderJavaIsRefusedWithWhatToDo() throws Exception {
        Files.writeString(dir.resolve("jdk/bin/java"), """
                #!/bin/sh
                echo 'openjdk version "17.0.15" 2025-04-15' >&2
                """);
        Process process = start(Map.of());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getErrorStream().readAllBytes()))
                .contains("Townhall needs Java 21 or newer", "17.0.15", "JAVA_HOME");
        assertThat(arguments).doesNotExist();
    }

    private List<String> launch(Map<String, String> environment, String... command) throws Exception {
        Process process = start(environment, command);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
        return Files.readAllLines(arguments);
    }

    private Process start(Map<String, String> environment, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("TOWNHALL_HEAP");
        builder.environment().putAll(Map.of("JAVA_HOME", dir.resolve("jdk").toString(),
                "TOWNHALL_DATA_DIR", data.toString(), "TOWNHALL_JAR", jar.toString()));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
