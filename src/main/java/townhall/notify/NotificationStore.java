package townhall.notify;

import static townhall.db.schema.Tables.NOTIFICATIONS;

import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import townhall.i18n.Text;

/** The notifications table: written inside the transaction of what caused them, read by their member. */
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
                .fetch(r -> new Notification(r.getId(), Text.decode(r.getMessage()), r.getLink(), r.getCreatedAt(),
                        r.getReadAt() == null));
    }

    public void markAllRead(long memberId, LocalDateTime now) {
        db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now)
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).and(NOTIFICATIONS.READ_AT.isNull()).execute();
    }
}
