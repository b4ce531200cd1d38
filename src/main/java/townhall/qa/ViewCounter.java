package townhall.qa;

import static townhall.db.schema.Tables.QUESTIONS;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import townhall.db.BufferedWriter;

/**
 * Counts question views in memory and writes them in one batch every few seconds, so a page view costs no
 * database write. The same viewer reloading a question within an hour counts once.
 */
public final class ViewCounter implements AutoCloseable {
    private final Cache<String, Boolean> recentViewers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(500_000).build();
    private final Counts pending = new Counts();
    private final BufferedWriter<Counts.Views> writer;

    public ViewCounter(DSLContext db, Duration flushEvery) {
        // counts merge, so a batch that fails is kept until the database is back
        this.writer = new BufferedWriter<>("view-counter", db, flushEvery, Integer.MAX_VALUE, pending,
                views -> db.update(QUESTIONS).set(QUESTIONS.VIEW_COUNT, QUESTIONS.VIEW_COUNT.plus(views.count()))
                        .where(QUESTIONS.ID.eq(views.questionId())));
    }

    /** Counts a view of the question by the viewer (a member id or a browser's token). */
    public void viewed(long questionId, String viewerKey) {
        if (recentViewers.asMap().putIfAbsent(viewerKey + "/" + questionId, Boolean.TRUE) == null) {
            pending.add(questionId, 1);
        }
    }

    /** Writes the counted views; returns how many questions were updated. */
    public int flush() {
        return writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }

    /** Views counted per question since the last write. */
    private static final class Counts implements BufferedWriter.Buffer<Counts.Views> {
        record Views(long questionId, long count) {}

        private final ConcurrentHashMap<Long, LongAdder> byQuestion = new ConcurrentHashMap<>();

        void add(long questionId, long views) {
            byQuestion.computeIfAbsent(questionId, id -> new LongAdder()).add(views);
        }

        @Override
        public List<Views> takeAll() {
            List<Views> taken = new ArrayList<>();
            for (Long id : byQuestion.keySet()) {
                LongAdder adder = byQuestion.remove(id);
                if (adder != null) {
                    taken.add(new Views(id, adder.sum()));
                }
            }
            return taken;
        }

        @Override
        public void putBack(List<Views> unwritten) {
            unwritten.forEach(views -> add(views.questionId(), views.count()));
        }
    }
}
