package townhall.qa;

import static townhall.db.schema.Tables.QUESTIONS;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts question views in memory and writes them in one batch every few seconds, so a page view costs no
 * database write. The same viewer reloading a question within an hour counts once.
 */
public final class ViewCounter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);

    private final DSLContext db;
    private final ConcurrentHashMap<Long, LongAdder> pending = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> recentViewers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(500_000).build();
    private final ScheduledExecutorService flusher;

    public ViewCounter(DSLContext db, Duration flushEvery) {
        this.db = db;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "view-counter");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Counts a view of the question by the viewer (a member id or a browser's token). */
    public void viewed(long questionId, String viewerKey) {
        if (recentViewers.asMap().putIfAbsent(viewerKey + "/" + questionId, Boolean.TRUE) == null) {
            pending.computeIfAbsent(questionId, id -> new LongAdder()).increment();
        }
    }

    /** Writes the counted views; returns how many questions were updated. */
    public int flush() {
        Map<Long, Long> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            LongAdder adder = pending.remove(id);
            if (adder != null) {
                batch.put(id, adder.sum());
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            db.batch(batch.entrySet().stream()
                    .map(e -> db.update(QUESTIONS).set(QUESTIONS.VIEW_COUNT, QUESTIONS.VIEW_COUNT.plus(e.getValue()))
                            .where(QUESTIONS.ID.eq(e.getKey())))
                    .toList()).execute();
        } catch (RuntimeException e) {
            batch.forEach((id, views) -> pending.computeIfAbsent(id, key -> new LongAdder()).add(views));
            throw e;
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write view counts; they will be retried with the next batch: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        flushQuietly();
    }
}
