package townhall.notify;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.mail.Letter;
import townhall.mail.Mailer;

/**
 * Emails notifications: those wanted at once after a short wait (one read on the site meanwhile is not mailed),
 * one letter per member and kind, with a one-click unsubscribe from that kind; and the daily or weekly digest.
 * Each notification is mailed at most once: its mail state moves to 'sent' (or 'read') in the letter's transaction.
 */
public final class NotificationMail {
    private static final int BATCH = 500;

    private final Database database;
    private final DSLContext db;
    private final Mailer mailer;
    private final UnsubscribeLinks unsubscribes;
    private final String siteLanguage;
    private final Duration delay;
    private final Clock clock;

    public NotificationMail(Database database, Mailer mailer, UnsubscribeLinks unsubscribes, String siteLanguage,
                            Duration delay, Clock clock) {
        this.database = database;
        this.db = database.background();
        this.mailer = mailer;
        this.unsubscribes = unsubscribes;
        this.siteLanguage = siteLanguage;
        this.delay = delay;
        this.clock = clock;
    }

    /** A notification waiting for email, with its member's address and language. */
    record Due(long id, long memberId, String email, String language, boolean confirmed, Kind kind, Text message,
               String link, Long questionId, boolean read) {}

    /** Mails what is due now; returns how many letters were written. */
    public int sendDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Due> due = due(Delivery.NOW, now.minus(delay));
        if (due.isEmpty()) {
            return 0;
        }
        return database.inTransaction(() -> {
            Map<String, List<Due>> letters = new LinkedHashMap<>();
            List<Long> read = new ArrayList<>();
            List<Long> sent = new ArrayList<>();
            for (Due d : due) {
                if (d.read() || !d.confirmed()) {
                    read.add(d.id());
                } else {
                    letters.computeIfAbsent(d.memberId() + "/" + d.kind().code(), k -> new ArrayList<>()).add(d);
                    sent.add(d.id());
                }
            }
            letters.values().forEach(this::writeLetter);
            mark(read, "read");
            mark(sent, "sent");
            return letters.size();
        });
    }

    List<Due> due(Delivery delivery, LocalDateTime createdUpTo) {
        return db.select(NOTIFICATIONS.ID, NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.KIND, NOTIFICATIONS.MESSAGE,
                        NOTIFICATIONS.LINK, NOTIFICATIONS.QUESTION_ID, NOTIFICATIONS.READ_AT, MEMBERS.EMAIL,
                        MEMBERS.LANGUAGE, MEMBERS.EMAIL_CONFIRMED_AT)
                .from(NOTIFICATIONS).join(MEMBERS).on(MEMBERS.ID.eq(NOTIFICATIONS.MEMBER_ID))
                .where(NOTIFICATIONS.MAIL.eq(delivery.code())).and(NOTIFICATIONS.CREATED_AT.le(createdUpTo))
                .orderBy(NOTIFICATIONS.ID).limit(BATCH)
                .fetch(this::due);
    }

    private Due due(Record r) {
        return new Due(r.get(NOTIFICATIONS.ID), r.get(NOTIFICATIONS.MEMBER_ID), r.get(MEMBERS.EMAIL),
                r.get(MEMBERS.LANGUAGE) == null ? siteLanguage : r.get(MEMBERS.LANGUAGE),
                r.get(MEMBERS.EMAIL_CONFIRMED_AT) != null, Kind.of(r.get(NOTIFICATIONS.KIND)).orElse(Kind.MESSAGE),
                Text.decode(r.get(NOTIFICATIONS.MESSAGE)), r.get(NOTIFICATIONS.LINK), r.get(NOTIFICATIONS.QUESTION_ID),
                r.get(NOTIFICATIONS.READ_AT) != null);
    }

    void mark(List<Long> ids, String state) {
        if (!ids.isEmpty()) {
            db.update(NOTIFICATIONS).set(NOTIFICATIONS.MAIL, state).where(NOTIFICATIONS.ID.in(ids)).execute();
        }
    }

    /** The lines of a letter: alike notifications (same message, same question) become one with their count. */
    static List<Map<String, Object>> items(List<Due> notifications) {
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        for (Due d : notifications) {
            String key = d.message().key() + "/" + d.questionId();
            Map<String, Object> item = items.get(key);
            if (item == null || d.questionId() == null) {
                Map<String, Object> args = new HashMap<>();
                d.message().args().forEach((name, value) -> args.put(name,
                        value instanceof Text t ? t.key() : value));
                args.put("count", 1);
                item = new HashMap<>();
                item.put("key", d.message().key());
                item.put("args", args);
                item.put("path", d.link() == null ? "" : d.link());
                item.put("kind", d.kind().code());
                items.put(d.questionId() == null ? key + "/" + d.id() : key, item);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> args = (Map<String, Object>) item.get("args");
                args.put("count", (Integer) args.get("count") + 1);
            }
        }
        return new ArrayList<>(items.values());
    }

    private void writeLetter(List<Due> notifications) {
        Due first = notifications.get(0);
        Map<String, Object> model = new HashMap<>();
        model.put("items", items(notifications));
        model.put("kind", first.kind().code());
        model.put("unsubscribePath", unsubscribes.path(first.memberId(), first.kind()));
        mailer.send(Letter.bulk(first.email(), first.memberId(), first.language(), "notification", model));
    }
}
