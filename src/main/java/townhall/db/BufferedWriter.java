package townhall.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a feature keeps in memory (page views, search events) to the database in one batch every so often,
 * on its own thread, so the request that caused it costs no database write. A batch that fails goes back to the
 * buffer and is tried with the next one, up to {@code attempts} times; then it is dropped and logged. What such a
 * writer keeps is worth losing in a crash (counts and logs); anything that must not be lost goes through the outbox.
 */
public final class BufferedWriter<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BufferedWriter.class);

    /** Where the items wait: a plain {@link Queue}, or a structure that merges them (view counts). */
    public interface Buffer<T> {
        /** Takes out everything waiting; an empty list when nothing is. */
        List<T> takeAll();

        /** Puts back items that could not be written, to go with the next batch. */
        void putBack(List<T> items);
    }

    private final String name;
    private final DSLContext db;
    private final Buffer<T> buffer;
    private final Function<T, Query> statement;
    private final int attempts;
    private final ScheduledExecutorService flusher;
    private int failures;

    /**
     * Starts writing every {@code every}; {@code statement} turns an item into the SQL that writes it;
     * {@code attempts} is how often a batch is tried before it is dropped.
     */
    public BufferedWriter(String name, DSLContext db, Duration every, int attempts, Buffer<T> buffer,
                          Function<T, Query> statement) {
        this.name = name;
        this.db = db;
        this.buffer = buffer;
        this.statement = statement;
        this.attempts = attempts;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A first-in, first-out buffer that holds at most {@code capacity} items and turns away the rest. */
    public static final class Queue<T> implements Buffer<T> {
        private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final int capacity;

        public Queue(int capacity) {
            this.capacity = capacity;
        }

        public void add(T item) {
            if (size.incrementAndGet() <= capacity) {
                items.add(item);
            } else {
                size.decrementAndGet();
            }
        }

        @Override
        public List<T> takeAll() {
            List<T> taken = new ArrayList<>();
            for (T item; (item = items.poll()) != null; ) {
                taken.add(item);
            }
            size.addAndGet(-taken.size());
            return taken;
        }

        @Override
        public void putBack(List<T> unwritten) {
            unwritten.forEach(this::add);
        }
    }

    /** Writes what is waiting now; returns how many items. */
    public synchronized int flush() {
        List<T> batch = buffer.takeAll();
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            db.batch(batch.stream().map(statement).toList()).execute();
            failures = 0;
        } catch (RuntimeException e) {
            if (++failures < attempts) {
                buffer.putBack(batch); // the database may be back by the next batch
            } else {
                log.error("{}: dropping {} items after {} failed attempts to write them", name, batch.size(), failures, e);
                failures = 0;
            }
            throw e;
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("{}: could not write; retried with the next batch: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        flushQuietly();
    }
}
