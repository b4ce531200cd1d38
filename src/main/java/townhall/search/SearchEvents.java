package townhall.search;

import static townhall.db.schema.Tables.ASK_EVENTS;
import static townhall.db.schema.Tables.SEARCH_LOG;
import static townhall.db.schema.Tables.SEARCH_OPENS;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.Query;
import townhall.db.BufferedWriter;

/**
 * Records searches, opened results and what happens while a question is written, for measuring deflection
 * and finding missing content. Recording only queues the row: a background thread writes the queue in one
 * batch every second, so a search or a suggestion costs no database write.
 */
public final class SearchEvents implements AutoCloseable {
    private static final int MAX_QUEUED = 100_000;

    /** A search made on the search page. */
    public record Search(String token, String browser, Long memberId, String query, String filters, int page,
                         long resultCount, String shown, String suggestion, long tookMicros) {}

    /** A moment while a question is written: shown, opened, posted or left. */
    public record Ask(String askSession, String browser, Long memberId, String event, String title, String shown,
                      String target, Long questionId) {}

    private final DSLContext db;
    private final Clock clock;
    private final BufferedWriter.Queue<Query> queue = new BufferedWriter.Queue<>(MAX_QUEUED);
    private final BufferedWriter<Query> writer;

    SearchEvents(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // a batch that keeps failing is dropped after three tries: events are measurements, not content
        this.writer = new BufferedWriter<>("search-events", db, Duration.ofSeconds(1), 3, queue, insert -> insert);
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
        queue.add(insert);
    }

    /** Writes what is queued; returns how many rows. */
    public int flush() {
        return writer.flush();
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
        writer.close();
    }
}
