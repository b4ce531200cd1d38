package townhall.notify;

import java.time.LocalDateTime;
import townhall.i18n.Text;

/**
 * One thing a member was told: a message in whatever language they read it in, where it leads, when, and whether
 * read; {@code count} is how many alike (same kind, question and happening) it stands for in a grouped list.
 */
public record Notification(long id, Text message, String link, LocalDateTime at, boolean unread, String kind,
                           Long questionId, int count) {
    public Notification(long id, Text message, String link, LocalDateTime at, boolean unread) {
        this(id, message, link, at, unread, Kind.MESSAGE.code(), null, 1);
    }

    /** Whether this and {@code other} say the same thing about the same question, so one line can stand for both. */
    boolean alike(Notification other) {
        return questionId != null && questionId.equals(other.questionId) && kind.equals(other.kind)
                && message.key().equals(other.message.key()) && unread == other.unread;
    }

    Notification times(int n) {
        return new Notification(id, message.with("count", n), link, at, unread, kind, questionId, n);
    }
}
