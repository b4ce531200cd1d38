package townhall.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Nu Html Checker (the engine of validator.w3.org/nu), run as its own process: its jar is the one the npm registry
 * ships as {@code vnu-jar}, fetched once into target/vnu (it bundles an older Jetty than ours, so it cannot share our
 * classpath). Where npm is missing the checks are skipped with a message, except in CI (CI=true), where that fails.
 */
public final class NuHtmlChecker {
    private static final String VERSION = "26.9.27";
    private static final Path DIR = Path.of("target", "vnu");
    private static final Path JAR = DIR.resolve("package/build/dist/vnu.jar");

    private NuHtmlChecker() {}

    /** The checker's errors per page name, for pages given as name to HTML; one run for all of them. */
    public static Map<String, List<String>> errors(Map<String, String> pages) throws IOException, InterruptedException {
        Path jar = jar();
        Path folder = Files.createTempDirectory(DIR, "pages");
        Map<String, String> names = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString(), "--errors-only",
                "--exit-zero-always", "--format", "json"));
        int i = 0;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = folder.resolve("page" + (i++) + ".html");
            Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            names.put(file.toUri().toString(), page.getKey());
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stderr = process.getErrorStream().readAllBytes(); // the JSON report goes to stderr
        process.waitFor(120, TimeUnit.SECONDS);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        pages.keySet().forEach(name -> errors.put(name, new ArrayList<>()));
        for (JsonNode message : new ObjectMapper().readTree(stderr).path("messages")) {
            String page = names.getOrDefault(message.path("url").asText(), message.path("url").asText());
            errors.computeIfAbsent(page, key -> new ArrayList<>()).add("line " + message.path("lastLine").asText() + ": "
                    + message.path("message").asText() + " [" + message.path("extract").asText() + "]");
        }
        return errors;
    }

    private static Path jar() throws IOException, InterruptedException {
        if (Files.isRegularFile(JAR)) {
            return JAR;
        }
        Files.createDirectories(DIR);
        boolean fetched = run(DIR, "npm", "pack", "vnu-jar@" + VERSION, "--silent")
                && run(DIR, "tar", "xzf", "vnu-jar-" + VERSION + ".tgz");
        if (!fetched || !Files.isRegularFile(JAR)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("HTML checks must run in CI, but vnu-jar could not be fetched with npm");
            }
            Assumptions.abort("HTML checks skipped: `npm pack vnu-jar@" + VERSION + "` did not work (is npm installed?)");
        }
        return JAR;
    }

    private static boolean run(Path dir, String... command) throws InterruptedException {
        try {
            // never the test JVM's own streams: npm (node) would switch its stdin to non-blocking and break Surefire's
            // channel to the forked JVM
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("fetch.log").toFile()))
                    .start();
            return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
