package townhall.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;

/**
 * Every side effect that leaves a transaction goes through here: {@link #add} writes a row in the caller's
 * transaction, so the effect exists exactly when its cause does, and wakes the topic's worker once that transaction
 * commits. Workers ({@link #start}) drain their topic with retries and a growing pause; see {@link OutboxWorker}.
 */
public final class Outbox implements AutoCloseable {
    private final OutboxStore store;
    /** For workers and whole-topic steps: their queries are not a request's and are not counted as one's. */
    private final OutboxStore background;
    /** Threads whose statements are not counted as a request's (see {@link Database#backgroundThreads}). */
    private final Function<String, ThreadFactory> threads;
    private final Clock clock;
    private final Retries retries;
    private final Map<String, OutboxWorker> workers = new ConcurrentHashMap<>();
    private final ThreadLocal<Set<String>> written = ThreadLocal.withInitial(HashSet::new);

    /** When a failed entry is tried again, and after how many attempts it is given up. */
    public record Retries(int attempts, Duration firstPause, Duration longestPause) {
        public static Retries from(Config config) {
            return new Retries(config.getInt(Setting.OUTBOX_ATTEMPTS), Duration.ofSeconds(1),
                    Duration.ofSeconds(config.getInt(Setting.OUTBOX_LONGEST_PAUSE_SECONDS)));
        }

        /** The pause after the {@code attempt}-th failure: doubling from the first, at most the longest; null: give up. */
        Duration after(int attempt) {
            if (attempt >= attempts) {
                return null;
            }
            Duration pause = firstPause.multipliedBy(1L << Math.min(30, attempt - 1));
            return pause.compareTo(longestPause) > 0 ? longestPause : pause;
        }
    }

    public Outbox(Database database, Clock clock, Retries retries) {
        this.store = new OutboxStore(database.dsl());
        this.background = new OutboxStore(database.background());
        this.threads = database::backgroundThreads;
        this.clock = clock;
        this.retries = retries;
        database.listen(new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                Set<String> topics = written.get();
                topics.forEach(Outbox.this::wake);
                topics.clear();
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                written.get().clear();
            }
        });
    }

    /** Writes an entry in the current transaction (outside one, the worker's poll finds it). */
    public void add(String topic, long refId, String payload) {
        store.insert(topic, refId, payload, LocalDateTime.now(clock));
        written.get().add(topic);
    }

    /** Starts draining a topic with its handler, waking every {@code poll} besides after commits. */
    public OutboxWorker start(OutboxHandler handler, Duration poll) {
        OutboxWorker worker = new OutboxWorker(handler, background, clock, retries, poll,
                threads.apply("outbox-" + handler.topic()));
        if (workers.putIfAbsent(handler.topic(), worker) != null) {
            throw new IllegalStateException("The outbox topic " + handler.topic() + " has a worker already");
        }
        worker.start();
        return worker;
    }

    /** Asks the topic's worker (in this process) to look now. */
    public void wake(String topic) {
        OutboxWorker worker = workers.get(topic);
        if (worker != null) {
            worker.wake();
        }
    }

    /** The newest entry of a topic: a handler that redoes everything (a reindex) completes up to it. */
    public long lastId(String topic) {
        return background.lastId(topic);
    }

    /** Deletes a topic's entries up to an id: done by a handler that redid everything. */
    public void completeUpTo(String topic, long id) {
        background.deleteUpTo(topic, id);
    }

    public OutboxStore store() { return store; }

    @Override
    public void close() {
        workers.values().forEach(OutboxWorker::close);
        workers.clear();
    }
}
