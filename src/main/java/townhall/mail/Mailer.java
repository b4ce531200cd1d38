package townhall.mail;

import java.time.Clock;
import java.time.LocalDateTime;
import townhall.outbox.Outbox;

/**
 * What features call to send an email. The message is written, with its outbox entry, in the caller's
 * transaction: it goes out exactly when what caused it commits, and the mail worker renders and sends it later,
 * never inside the request.
 */
public final class Mailer {
    static final String TOPIC = "mail";

    private final MailStore store;
    private final Outbox outbox;
    private final Clock clock;

    public Mailer(MailStore store, Outbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Writes the letter; returns the kept message's id. */
    public long send(Letter letter) {
        long id = store.insert(letter, MailRenderer.toJson(letter.model()), LocalDateTime.now(clock));
        outbox.add(TOPIC, id, null);
        return id;
    }
}
