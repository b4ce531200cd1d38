package townhall.notify;

import static townhall.db.schema.Tables.NOTIFICATIONS;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import townhall.i18n.Text;

/** The notifications table: written by the fan-out (or a feature's transaction), read by their member. */
public final class NotificationStore {
    private final DSLContext db;

    public NotificationStore(DSLContext db) {
        this.db = db;
    }

    public void add(long memberId, Text message, String link, LocalDateTime now) {
        db.insertInto(NOTIFICATIONS)
                .set(NOTIFICATIONS.MEMBER_ID, memberId)
                .set(NOTIFICATIONS.MESSAGE, message.encoded())
                .set(NOTIFICATIONS.LINK, link)
                .set(NOTIFICATIONS.CREATED_AT, now)
                .execute();
    }

    public List<Notification> latest(long memberId, int limit) {
        return db.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
                .orderBy(NOTIFICATIONS.ID.desc()).limit(limit)
                .fetch(NotificationStore::notification);
    }

    /**
     * The latest, alike ones grouped into one line that counts them ("3 new answers to ..."), newest first: unread
     * ones with unread ones, read with read, whatever lies between them.
     */
    public List<Notification> grouped(long memberId, int rows) {
        List<Notification> groups = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Notification n : latest(memberId, rows)) {
            int at = -1;
            for (int i = 0; i < groups.size() && at < 0; i++) {
                if (groups.get(i).alike(n)) {
                    at = i;
                }
            }
            if (at < 0) {
                groups.add(n);
                counts.add(1);
            } else {
                counts.set(at, counts.get(at) + 1);
            }
        }
        List<Notification> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            out.add(groups.get(i).times(counts.get(i)));
        }
        return out;
    }

    public Optional<Notification> find(long memberId, long id) {
        return db.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.ID.eq(id)).and(NOTIFICATIONS.MEMBER_ID.eq(memberId))
                .fetchOptional(NotificationStore::notification);
    }

    public int unread(long memberId) {
        return db.fetchCount(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(memberId).and(NOTIFICATIONS.READ_AT.isNull()));
    }

    public void markAllRead(long memberId, LocalDateTime now) {
        db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now)
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).and(NOTIFICATIONS.READ_AT.isNull()).execute();
    }

    /** Marks read what the member had about a question (they are looking at it); returns how many. */
    public int markQuestionRead(long memberId, long questionId, LocalDateTime now) {
        return db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now)
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).and(NOTIFICATIONS.QUESTION_ID.eq(questionId))
                .and(NOTIFICATIONS.READ_AT.isNull()).execute();
    }

    /** Marks read one notification and those alike (its group in the list). */
    public void markGroupRead(Notification n, long memberId, LocalDateTime now) {
        var alike = n.questionId() == null ? NOTIFICATIONS.ID.eq(n.id())
                : NOTIFICATIONS.QUESTION_ID.eq(n.questionId()).and(NOTIFICATIONS.KIND.eq(n.kind()));
        db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now).where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
                .and(alike).and(NOTIFICATIONS.READ_AT.isNull()).execute();
    }

    private static Notification notification(Record record) {
        var r = record.into(NOTIFICATIONS);
        return new Notification(r.getId(), Text.decode(r.getMessage()), r.getLink(), r.getCreatedAt(),
                r.getReadAt() == null, r.getKind(), r.getQuestionId(), 1);
    }
}
