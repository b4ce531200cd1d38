package townhall.mail;

import static townhall.db.schema.Tables.MAIL_MESSAGES;
import static townhall.db.schema.Tables.MAIL_UNSUBSCRIBES;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The mail_messages and mail_unsubscribes tables. */
public final class MailStore {
    private final DSLContext db;

    public MailStore(DSLContext db) {
        this.db = db;
    }

    /** A message as kept: what was asked for and, once the worker got to it, what was sent. */
    public record Message(long id, Long memberId, String to, String language, String template, String model,
                          boolean bulk, String status, String subject, String textBody, String htmlBody,
                          String messageId, LocalDateTime createdAt, LocalDateTime sentAt) {}

    long insert(Letter letter, String modelJson, LocalDateTime now) {
        return db.insertInto(MAIL_MESSAGES)
                .set(MAIL_MESSAGES.MEMBER_ID, letter.memberId())
                .set(MAIL_MESSAGES.TO_ADDRESS, letter.to())
                .set(MAIL_MESSAGES.LANGUAGE, letter.language())
                .set(MAIL_MESSAGES.TEMPLATE, letter.template())
                .set(MAIL_MESSAGES.MODEL, modelJson)
                .set(MAIL_MESSAGES.BULK, letter.bulk())
                .set(MAIL_MESSAGES.CREATED_AT, now)
                .returningResult(MAIL_MESSAGES.ID)
                .fetchOne(MAIL_MESSAGES.ID);
    }

    public Optional<Message> find(long id) {
        return db.selectFrom(MAIL_MESSAGES).where(MAIL_MESSAGES.ID.eq(id)).fetchOptional(MailStore::message);
    }

    /** Keeps what was rendered before sending, so a message that keeps failing can be read at /admin/mail. */
    void rendered(long id, Rendered message) {
        db.update(MAIL_MESSAGES)
                .set(MAIL_MESSAGES.SUBJECT, cut(message.subject(), 300))
                .set(MAIL_MESSAGES.TEXT_BODY, message.text())
                .set(MAIL_MESSAGES.HTML_BODY, message.html())
                .set(MAIL_MESSAGES.MESSAGE_ID, message.messageId())
                .where(MAIL_MESSAGES.ID.eq(id)).execute();
    }

    void finished(long id, String status, LocalDateTime now) {
        db.update(MAIL_MESSAGES).set(MAIL_MESSAGES.STATUS, status).set(MAIL_MESSAGES.SENT_AT, now)
                .where(MAIL_MESSAGES.ID.eq(id)).execute();
    }

    public List<Message> latest(int limit) {
        return db.selectFrom(MAIL_MESSAGES).orderBy(MAIL_MESSAGES.ID.desc()).limit(limit).fetch(MailStore::message);
    }

    boolean unsubscribed(String address) {
        return db.fetchExists(MAIL_UNSUBSCRIBES, MAIL_UNSUBSCRIBES.ADDRESS.eq(address));
    }

    void unsubscribe(String address, LocalDateTime now) {
        db.insertInto(MAIL_UNSUBSCRIBES).set(MAIL_UNSUBSCRIBES.ADDRESS, address)
                .set(MAIL_UNSUBSCRIBES.CREATED_AT, now).onDuplicateKeyIgnore().execute();
    }

    private static Message message(Record r) {
        var m = r.into(MAIL_MESSAGES);
        return new Message(m.getId(), m.getMemberId(), m.getToAddress(), m.getLanguage(), m.getTemplate(),
                m.getModel(), Boolean.TRUE.equals(m.getBulk()), m.getStatus(), m.getSubject(), m.getTextBody(),
                m.getHtmlBody(), m.getMessageId(), m.getCreatedAt(), m.getSentAt());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
