package townhall.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.OUTBOX;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The one outbox every side effect goes through: committed effects happen, failures are retried, then shown. */
class OutboxTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.OUTBOX_ATTEMPTS, "3")
            .with(Setting.OUTBOX_LONGEST_PAUSE_SECONDS, "1");

    private static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    /** A handler that records what it was given and fails while told to. */
    private static final class Recorder implements OutboxHandler {
        final String topic;
        final List<Long> handled = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;
        volatile Error error;

        Recorder(String topic) {
            this.topic = topic;
        }

        @Override
        public String topic() { return topic; }

        @Override
        public int batchSize() { return 1; }

        @Override
        public void handle(List<OutboxEntry> batch) {
            calls.incrementAndGet();
            Error thrown = error;
            if (thrown != null) {
                error = null;
                throw thrown;
            }
            if (failing) {
                throw new IllegalStateException("550 mailbox unavailable");
            }
            batch.forEach(entry -> handled.add(entry.refId()));
        }
    }

    private static Outbox outbox() {
        return server.components().outbox;
    }

    private static Database database() {
        return server.components().database;
    }

    private static DSLContext sql() {
        return database().dsl();
    }

    @Test
    void anEffectHappensOnceWhenItsTransactionCommitsAndNeverWhenItRollsBack() {
        Recorder recorder = new Recorder("test-commit");
        try (OutboxWorker ignored = outbox().start(recorder, Duration.ofMinutes(1))) { // only a commit wakes it
            database().inTransaction(() -> outbox().add("test-commit", 1, "kept"));
            try {
                database().inTransaction(() -> {
                    outbox().add("test-commit", 2, "rolled back");
                    throw new IllegalStateException("the cause failed");
                });
            } catch (RuntimeException expected) {
                // the change and its effect are gone together
            }
            Eventually.await(() -> recorder.handled.contains(1L));
            assertThat(recorder.handled).containsExactly(1L);
            Eventually.await(() -> sql().fetchCount(OUTBOX, OUTBOX.TOPIC.eq("test-commit")) == 0);
        }
    }

    @Test
    void entriesLeftWhenNoWorkerRanAreHandledWhenOneStarts() {
        database().inTransaction(() -> {
            outbox().add("test-crash", 7, null);
            outbox().add("test-crash", 8, null);
        });
        Recorder recorder = new Recorder("test-crash");
        try (OutboxWorker ignored = outbox().start(recorder, Duration.ofMillis(50))) {
            Eventually.await(() -> recorder.handled.size() == 2);
            assertThat(recorder.handled).containsExactly(7L, 8L);
        }
    }

    @Test
    void aHandlerThatThrowsAnErrorIsTriedAgainAndItsWorkerKeepsDraining() {
        Recorder recorder = new Recorder("test-error");
        recorder.error = new NoClassDefFoundError("a library went missing");
        try (OutboxWorker ignored = outbox().start(recorder, Duration.ofMillis(50))) {
            database().inTransaction(() -> outbox().add("test-error", 5, null));
            Eventually.await(() -> recorder.handled.contains(5L));
            database().inTransaction(() -> outbox().add("test-error", 6, null));
            Eventually.await(() -> recorder.handled.contains(6L));
            assertThat(recorder.calls.get()).isEqualTo(3);
        }
    }

    @Test
    void aFailureIsRetriedThenGivenUpAndShownToAdminsWhoCanRetryIt() {
        Recorder recorder = new Recorder("test-mail");
        recorder.failing = true;
        try (OutboxWorker ignored = outbox().start(recorder, Duration.ofMillis(50))) {
            database().inTransaction(() -> outbox().add("test-mail", 42, "to: ana@example.com"));
            Eventually.await(() -> sql().fetchCount(OUTBOX, OUTBOX.TOPIC.eq("test-mail").and(OUTBOX.FAILED_AT.isNotNull())) == 1);
            assertThat(recorder.calls.get()).isEqualTo(3); // the configured attempts, a pause between each
            assertThat(recorder.handled).isEmpty();
            WebClient.Response health = server.newClient().get("/health");
            assertThat(health.status()).isEqualTo(200); // the site serves; a monitor sees what is stuck
            assertThat(health.body()).contains("\"status\":\"degraded\"")
                    .contains("\"test-mail\":{").containsPattern("\"test-mail\":\\{[^}]*\"failed\":1");

            WebClient admin = community.admin("outboxadmin");
            Document page = admin.page("/admin/outbox");
            assertThat(page.select(".outbox-entry.failed").text()).contains("test-mail").contains("550 mailbox unavailable")
                    .contains("given up after 3 attempts");
            assertThat(community.member("outboxmember").get("/admin/outbox").status()).isEqualTo(403);

            recorder.failing = false;
            long id = sql().select(OUTBOX.ID).from(OUTBOX).where(OUTBOX.TOPIC.eq("test-mail")).fetchOne(OUTBOX.ID);
            assertThat(community.member("outboxmember2").post("/admin/outbox/" + id + "/retry", Map.of())
                    .status()).isEqualTo(403);
            assertThat(admin.post("/admin/outbox/" + id + "/retry", Map.of()).status()).isEqualTo(303);
            Eventually.await(() -> recorder.handled.contains(42L));
            Eventually.await(() -> sql().fetchCount(OUTBOX, OUTBOX.TOPIC.eq("test-mail")) == 0);
            assertThat(admin.page("/admin/outbox").select(".outbox-entry")).isEmpty();
            assertThat(server.newClient().get("/health").body()).contains("\"status\":\"ok\"");
        }
    }

    @Test
    void theRetryPauseDoublesUpToTheLongest() {
        Outbox.Retries retries = new Outbox.Retries(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(List.of(retries.after(1), retries.after(2), retries.after(3), retries.after(4), retries.after(5)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThat(retries.after(6)).isNull(); // the last attempt failed: given up
    }
}
