package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The index recovers by itself from a full disk, and an unusable index folder does not stop Townhall. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class IndexHealingTest {
    static {
        SearchIndex.directoryWrapper = FullDisk::new;
    }

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.OUTBOX_LONGEST_PAUSE_SECONDS, "1")
            .with(Setting.OUTBOX_ATTEMPTS, "1000"); // pauses of 1 s: the default 12 attempts would give up within the test
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @AfterAll
    static void tearDown() {
        FullDisk.full = false;
        SearchIndex.directoryWrapper = directory -> directory;
    }

    @Test
    void a_answersPostedWhileTheDiskIsFullBecomeSearchableOnceThereIsSpaceAgain() {
        WebClient asker = community.member("healasker");
        long question = community.ask(asker, "Amplifier hums when the laptop charges", "A ground loop perhaps.", "amplifier");
        assertThat(await(() -> !titles(search(asker, "amplifier laptop hums")).isEmpty())).isTrue();

        FullDisk.full = true;
        List<String> words = List.of("isolator", "galvanic", "ferrite");
        for (String word : words) {
            community.answer(community.member("healer"), question, "Try a " + word + " on the cable, it helped here.");
        }
        assertThat(await(() -> health().contains("\"status\":\"degraded\"")
                && health().contains("\"writerHealthy\":false"))).as(health()).isTrue();
        for (String word : words) {
            assertThat(titles(search(asker, word))).as(word).isEmpty();
        }
        assertThat(titles(search(asker, "amplifier laptop hums"))).isNotEmpty(); // the last good commit serves

        FullDisk.full = false;
        for (String word : words) {
            assertThat(await(() -> !titles(search(asker, word)).isEmpty())).as(word).isTrue();
        }
        assertThat(await(() -> health().contains("\"status\":\"ok\""))).as(health()).isTrue();
        assertThat(health()).contains("\"writerHealthy\":true");
    }

    @Test
    void b_anUnusableIndexFolderLeavesSearchDegradedAndHealsOnceTheFolderCanBeUsed() throws IOException {
        Path index = Search.indexDir(server.config());
        Path saved = index.resolveSibling("index-saved");
        community.ask(community.member("turntables"), "Turntable motor whines after warming up",
                "After twenty minutes of play the motor starts to whine.", "turntable");
        server.restart(() -> move(index, saved, "not a folder"));
        WebClient visitor = server.newClient();
        assertThat(visitor.get("/").status()).isEqualTo(200);
        assertThat(titles(search(visitor, "turntable"))).isEmpty();
        assertThat(visitor.get("/search?q=turntable").html().select("p.notice").text())
                .as("the search page says so").contains("Search is limited just now");
        assertThat(health()).contains("\"status\":\"degraded\"").contains("\"usable\":false");
        assertThat(Files.readString(index)).isEqualTo("not a folder"); // nothing deleted or replaced

        Files.delete(index); // the operator frees the folder; Townhall is not restarted
        assertThat(await(() -> !titles(search(visitor, "turntable")).isEmpty()))
                .as("rebuilt from the database once the folder can be used: %s", health()).isTrue();
        assertThat(health()).contains("\"usable\":true");
        assertThat(visitor.get("/search?q=turntable").html().select("p.notice").text()).isEmpty();
        deleteTree(saved);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static void move(Path index, Path saved, String placeholder) {
        try {
            Files.move(index, saved);
            Files.writeString(index, placeholder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String health() {
        return server.newClient().get("/health").body();
    }

    /** Waits up to twenty seconds: the outbox retries after a pause. */
    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Searching.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
