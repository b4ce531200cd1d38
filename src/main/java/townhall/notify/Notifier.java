package townhall.notify;

import java.time.Clock;
import java.time.LocalDateTime;
import townhall.i18n.Text;
import townhall.outbox.Outbox;

/**
 * What features call to tell members something. {@link #notify} writes one notification in the caller's
 * transaction; {@link #tell} writes a {@link Notice} to the outbox in it, and the fan-out worker finds its
 * recipients later, so posting stays as fast with 50,000 watchers as with none.
 */
public final class Notifier {
    private final NotificationStore store;
    private final WatchStore watches;
    private final Outbox outbox;
    private final Clock clock;

    public Notifier(NotificationStore store, WatchStore watches, Outbox outbox, Clock clock) {
        this.store = store;
        this.watches = watches;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code message} may carry {@link Text} arguments (a badge's name) that are translated when shown. */
    public void notify(long memberId, Text message, String link) {
        store.add(memberId, message, link == null ? "" : link, LocalDateTime.now(clock));
    }

    /** Tells everyone the notice reaches, once the caller's transaction commits. */
    public void tell(Notice notice) {
        outbox.add(FanOut.TOPIC, notice.questionId(), FanOut.toJson(notice));
    }

    /** The member watches the question (they asked, answered or commented), unless they chose otherwise before. */
    public void watchAutomatically(long memberId, long questionId) {
        watches.watchIfUnset(memberId, Target.QUESTION, questionId, LocalDateTime.now(clock));
    }

    /** The member is looking at the question: what they had about it is read, and is not emailed any more. */
    public void seen(long memberId, long questionId) {
        store.markQuestionRead(memberId, questionId, LocalDateTime.now(clock));
    }
}
