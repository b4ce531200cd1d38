package townhall.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;

/** Sends a rendered message over SMTP with Jakarta Mail (Eclipse Angus): a text and an HTML part. */
final class SmtpTransport {
    private final MailSettings settings;
    private final Session session;

    SmtpTransport(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(MailSettings settings) {
        Properties p = new Properties();
        String protocol = settings.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", settings.host());
        p.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        p.put("mail." + protocol + ".writetimeout", "30000");
        p.put("mail." + protocol + ".auth", String.valueOf(!settings.user().isBlank()));
        if (settings.security() == MailSettings.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    /** Sends; an SMTP server's refusal comes back as the exception's message ("550 mailbox unavailable"). */
    void send(String to, Rendered rendered) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, rendered.messageId());
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(rendered.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(rendered.html(), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        if (rendered.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + rendered.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.saveChanges();
        if (settings.user().isBlank()) {
            Transport.send(message);
        } else {
            Transport.send(message, settings.user(), settings.password());
        }
    }

    /** Keeps the Message-ID Townhall chose, the same at every attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
