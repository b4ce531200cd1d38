package townhall.mail;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * The mail topic's worker: renders each message and sends it, or keeps it when no SMTP server is configured. One
 * message a batch, so one refusal does not hold back the others; the outbox retries a refusal with a growing pause
 * and keeps the SMTP server's answer for /admin/mail. A message marked sent is never sent again.
 */
public final class MailSender implements OutboxHandler {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);

    private final MailStore store;
    private final MailRenderer renderer;
    private final SmtpTransport smtp;
    private final Clock clock;

    MailSender(MailStore store, MailRenderer renderer, MailSettings settings, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.smtp = settings.sends() ? new SmtpTransport(settings) : null;
        this.clock = clock;
    }

    @Override
    public String topic() { return Mailer.TOPIC; }

    @Override
    public int batchSize() { return 1; }

    @Override
    public void handle(List<OutboxEntry> batch) throws Exception {
        for (OutboxEntry entry : batch) {
            send(entry.refId());
        }
    }

    private void send(long id) throws Exception {
        MailStore.Message message = store.find(id).orElse(null);
        if (message == null || message.sentAt() != null) {
            return; // discarded, or sent before a crash kept its outbox entry
        }
        if (message.bulk() && store.unsubscribed(message.to())) {
            store.finished(id, "skipped", now());
            return;
        }
        Rendered rendered = renderer.render(message);
        store.rendered(id, rendered);
        if (smtp == null) {
            log.info("No SMTP server is configured; kept mail #{} to {}: \"{}\" (read it at /admin/mail)", id,
                    message.to(), rendered.subject());
            store.finished(id, "kept", now());
            return;
        }
        smtp.send(message.to(), rendered);
        store.finished(id, "sent", now());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
