package townhall.search;

import static townhall.db.schema.Tables.ASK_EVENTS;
import static townhall.db.schema.Tables.SEARCH_LOG;
import static townhall.db.schema.Tables.SEARCH_OPENS;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records searches, opened results and what happens while a question is written, for measuring deflection
 * and finding missing content. Recording only queues the row: a background thread writes the queue in one
 * batch every second, so a search or a suggestion costs no database write.
 */
public final class SearchEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchEvents.class);
    private static final int MAX_QUEUED = 100_000;

    /** A search made on the search page. */
    public record Search(String token, String browser, Long memberId, String query, String filters, int page,
                         long resultCount, String shown, String suggestion, long tookMicros) {}

    /** A moment while a question is written: shown, opened, posted or left. */
    public record Ask(String askSession, String browser, Long memberId, String event, String title, String shown,
                      String target, Long questionId) {}

    private final DSLContext db;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Query> queue = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer;
    private int failures;

    SearchEvents(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "search-events");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    public void searched(Search s) {
        enqueue(db.insertInto(SEARCH_LOG)
                .set(SEARCH_LOG.TOKEN, s.token())
                .set(SEARCH_LOG.BROWSER, s.browser())
                .set(SEARCH_LOG.MEMBER_ID, s.memberId())
                .set(SEARCH_LOG.QUERY, cut(s.query(), 200))
                .set(SEARCH_LOG.FILTERS, cut(s.filters(), 200))
                .set(SEARCH_LOG.PAGE, s.page())
                .set(SEARCH_LOG.RESULT_COUNT, (int) Math.min(Integer.MAX_VALUE, s.resultCount()))
                .set(SEARCH_LOG.SHOWN, cut(s.shown(), 400))
                .set(SEARCH_LOG.SUGGESTION, s.suggestion() == null ? null : cut(s.suggestion(), 200))
                .set(SEARCH_LOG.TOOK_MICROS, (int) Math.min(Integer.MAX_VALUE, s.tookMicros()))
                .set(SEARCH_LOG.CREATED_AT, now()));
    }

    public void opened(String searchToken, String target, int position) {
        enqueue(db.insertInto(SEARCH_OPENS)
                .set(SEARCH_OPENS.SEARCH_TOKEN, searchToken)
                .set(SEARCH_OPENS.TARGET, cut(target, 24))
                .set(SEARCH_OPENS.POSITION, position)
                .set(SEARCH_OPENS.CREATED_AT, now()));
    }

    public void ask(Ask a) {
        enqueue(db.insertInto(ASK_EVENTS)
                .set(ASK_EVENTS.ASK_SESSION, a.askSession())
                .set(ASK_EVENTS.BROWSER, a.browser())
                .set(ASK_EVENTS.MEMBER_ID, a.memberId())
                .set(ASK_EVENTS.EVENT, a.event())
                .set(ASK_EVENTS.TITLE, cut(a.title(), 200))
                .set(ASK_EVENTS.SHOWN, cut(a.shown(), 400))
                .set(ASK_EVENTS.TARGET, a.target() == null ? null : cut(a.target(), 24))
                .set(ASK_EVENTS.QUESTION_ID, a.questionId())
                .set(ASK_EVENTS.CREATED_AT, now()));
    }

    private void enqueue(Query insert) {
        if (queue.size() < MAX_QUEUED) {
            queue.add(insert);
        }
    }

    /** Writes what is queued; returns how many rows. */
    public synchronized int flush() {
        List<Query> batch = new ArrayList<>();
        for (Query q; (q = queue.poll()) != null; ) {
            batch.add(q);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            db.batch(batch).execute();
            failures = 0;
        } catch (RuntimeException e) {
            if (++failures <= 3) {
                queue.addAll(batch); // the database may be back by the next batch
            } else {
                log.error("Dropping {} search events after repeated failures to write them", batch.size(), e);
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
            log.warn("Could not write search events; they are retried with the next batch: {}", e.getMessage());
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public void close() {
        writer.shutdown();
        flushQuietly();
    }
}
