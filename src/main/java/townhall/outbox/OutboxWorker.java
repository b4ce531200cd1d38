package townhall.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one topic of the outbox on its own thread: it wakes right after a transaction that wrote to the topic
 * commits, and polls besides (for entries written by other processes, left by a crash, or due again after a
 * failure). A batch is handed to the handler and deleted only once the handler returns, so a crash between the
 * commit and the effect loses nothing (the effect may then happen twice: handlers make it harmless, such as
 * indexing the same question again). A batch that throws is tried again after a pause that doubles each time; after
 * the last attempt its entries are kept as failed, for an admin to see at /admin/outbox.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxHandler handler;
    private final OutboxStore store;
    private final Clock clock;
    private final Outbox.Retries retries;
    private final Duration poll;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean paused;

    OutboxWorker(OutboxHandler handler, OutboxStore store, Clock clock, Outbox.Retries retries, Duration poll,
                 ThreadFactory threads) {
        this.handler = handler;
        this.store = store;
        this.clock = clock;
        this.retries = retries;
        this.poll = poll;
        this.thread = threads.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Asks for a drain now. */
    public void wake() {
        wake.release();
    }

    /** Stops handling until {@link #resume()}: entries wait in the database (for maintenance and tests). */
    public void pause() { paused = true; }

    public void resume() {
        paused = false;
        wake();
    }

    private void run() {
        try {
            handler.starting();
        } catch (RuntimeException e) {
            log.error("The {} outbox worker could not prepare; it drains its entries anyway", handler.topic(), e);
        }
        while (running) {
            try {
                if (!paused) {
                    drain();
                    handler.betweenPolls();
                }
            } catch (RuntimeException e) {
                // the database itself failed (the handler's failures are recorded in drain): the entries wait
                log.warn("The {} outbox could not be read; it is tried again: {}", handler.topic(), e.toString());
                sleep(Duration.ofSeconds(2));
            }
            try {
                wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** Handles everything due now; returns how many entries were done. */
    int drain() {
        int done = 0;
        while (running && !paused) {
            List<OutboxEntry> batch = store.due(handler.topic(), LocalDateTime.now(clock), handler.batchSize());
            if (batch.isEmpty()) {
                return done;
            }
            List<Long> ids = batch.stream().map(OutboxEntry::id).toList();
            try {
                handler.handle(batch);
            } catch (Exception | Error e) { // an Error too: a worker that died would leave its topic undone until a restart
                if (!running) {
                    return done;
                }
                recordFailure(batch, ids, e);
                return done; // what is still due waits for the next wake-up or poll
            }
            store.delete(ids);
            done += batch.size();
            if (batch.size() < handler.batchSize()) {
                return done;
            }
        }
        return done;
    }

    private void recordFailure(List<OutboxEntry> batch, List<Long> ids, Throwable e) {
        int attempt = batch.stream().mapToInt(OutboxEntry::attempts).max().orElse(0) + 1;
        Duration pause = retries.after(attempt);
        LocalDateTime now = LocalDateTime.now(clock);
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        store.failed(ids, error, pause == null ? null : now.plus(pause), now);
        if (pause == null) {
            log.error("The {} outbox gave up on {} entries after {} attempts (shown at /admin/outbox): {}",
                    handler.topic(), batch.size(), attempt, error, e);
        } else {
            log.warn("The {} outbox failed on {} entries (attempt {}); tried again in {} s: {}", handler.topic(),
                    batch.size(), attempt, pause.toSeconds(), error);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
