package townhall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.QUESTIONS;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;

/** A clean stop writes everything counted before the database goes, and takes seconds, not a quarter minute. */
class StopTest {
    private static final int VIEWS = 300;

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.PAGE_CACHE_SECONDS, "0")
            .with(Setting.VIEW_FLUSH_SECONDS, "3600");

    @Test
    void everyViewCountedBeforeAStopIsInTheDatabaseAfterIt() throws Exception {
        Community community = new Community(server);
        long id = community.ask(community.member("asker"), "Which filter fits the northwind pump?");
        String path = server.newClient().get("/q/" + id).location();
        try (ExecutorService visitors = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> views = new ArrayList<>();
            for (int i = 0; i < VIEWS; i++) {
                views.add(visitors.submit(() -> server.newClient().get(path).status()));
            }
            for (Future<Integer> view : views) {
                assertThat(view.get()).isEqualTo(200);
            }
        }

        long stopping = System.nanoTime();
        server.restart(() -> System.out.printf("Stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000));

        assertThat(server.components().database.dsl().select(QUESTIONS.VIEW_COUNT).from(QUESTIONS)
                .where(QUESTIONS.ID.eq(id)).fetchOne(QUESTIONS.VIEW_COUNT)).isEqualTo((long) VIEWS);
    }
}
