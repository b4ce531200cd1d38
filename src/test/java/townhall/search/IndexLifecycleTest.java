package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.OUTBOX;
import static townhall.search.Searching.awaitSearch;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.db.Database;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The index follows the database through crashes, lost and broken index files, and the reindex command. */
class IndexLifecycleTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient asker;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        asker = community.member("keeper");
    }

    private static Path indexDir() {
        return Search.indexDir(server.config());
    }

    /** The server listens on a new port after a restart; the same browser follows it. */
    private static void restart(Runnable whileStopped) {
        server.restart(whileStopped);
        WebClient same = server.newClient();
        same.adoptCookies(asker);
        asker = same;
    }

    private static int outboxRows() {
        return server.components().database.dsl().fetchCount(OUTBOX, OUTBOX.TOPIC.eq("search"));
    }

    @Test
    void aChangeCommittedButNotYetIndexedSurvivesARestart() {
        server.app().search().indexer().pause(); // as if the process died right after the commit
        community.ask(asker, "Left channel is quieter than the right one", "Balance is off to the right.", "audio");
        assertThat(outboxRows()).isPositive();
        assertThat(titles(search(asker, "quieter left channel"))).isEmpty();

        restart(() -> {});

        assertThat(awaitSearch(asker, "quieter left channel", t -> !t.isEmpty()))
                .containsExactly("Left channel is quieter than the right one");
        assertThat(Searching.eventually(() -> outboxRows() == 0)).isTrue();
    }

    @Test
    void aMissingIndexIsRebuiltFromTheDatabaseAtStart() {
        community.ask(asker, "Carrying pouch zipper broke", "The zipper of the pouch came off.", "pouch");
        awaitSearch(asker, "pouch zipper", t -> !t.isEmpty());

        restart(() -> deleteFiles(indexDir()));

        assertThat(awaitSearch(asker, "pouch zipper", t -> !t.isEmpty())).containsExactly("Carrying pouch zipper broke");
    }

    @Test
    void aBrokenIndexIsRebuiltFromTheDatabaseAtStart() {
        community.ask(asker, "Turntable belt slips at 45 rpm", "The belt slips on singles.", "turntable");
        awaitSearch(asker, "turntable belt", t -> !t.isEmpty());

        restart(() -> corruptSegments(indexDir()));

        assertThat(awaitSearch(asker, "turntable belt", t -> !t.isEmpty())).containsExactly("Turntable belt slips at 45 rpm");
    }

    @Test
    void reindexRebuildsFromTheDatabaseWhetherTownhallRunsOrNot() {
        // an index that lost a change (its outbox row gone) is put right by a reindex
        server.app().search().indexer().pause();
        community.ask(asker, "Subwoofer crossover frequency advice", "Where should the crossover sit?", "subwoofer");
        server.components().database.dsl().deleteFrom(OUTBOX).where(OUTBOX.TOPIC.eq("search")).execute();
        server.app().search().indexer().resume();
        assertThat(titles(search(asker, "subwoofer crossover"))).isEmpty();

        // running: the command's request reaches the serving process through the outbox
        server.components().database.inTransaction(() -> server.components().searchOutbox.requestRebuild());
        assertThat(awaitSearch(asker, "subwoofer crossover", t -> !t.isEmpty()))
                .containsExactly("Subwoofer crossover frequency advice");

        // stopped: the command rebuilds the index itself
        server.app().search().indexer().pause();
        community.ask(asker, "Soundbar remote pairing lost", "The remote forgot the soundbar.", "soundbar");
        server.components().database.dsl().deleteFrom(OUTBOX).where(OUTBOX.TOPIC.eq("search")).execute();
        int[] documents = new int[1];
        restart(() -> {
            try (Database database = Database.open(server.config())) {
                documents[0] = Search.rebuild(server.config(), database, server.components().markdown);
            }
        });
        assertThat(documents[0]).isGreaterThanOrEqualTo(2);
        assertThat(awaitSearch(asker, "soundbar remote", t -> !t.isEmpty())).containsExactly("Soundbar remote pairing lost");
    }

    private static void deleteFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void corruptSegments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("segments_")) {
                    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
