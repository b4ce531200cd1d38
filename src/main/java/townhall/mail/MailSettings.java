package townhall.mail;

import java.util.Locale;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * How to reach the SMTP server. With no host the mail worker renders each message and keeps it (shown at
 * /admin/mail and logged) instead of sending it: the one-command start works without a mail server.
 */
public record MailSettings(String host, int port, String user, String password, Security security, String from) {
    /** How the connection is protected: none, upgraded with STARTTLS (port 587), or TLS from the start (465). */
    public enum Security { NONE, STARTTLS, TLS }

    public static MailSettings from(Config config) {
        return new MailSettings(config.get(Setting.SMTP_HOST), config.getInt(Setting.SMTP_PORT),
                config.get(Setting.SMTP_USER), config.get(Setting.SMTP_PASSWORD),
                Security.valueOf(config.get(Setting.SMTP_SECURITY).toUpperCase(Locale.ROOT)),
                config.get(Setting.MAIL_FROM));
    }

    public boolean sends() {
        return !host.isBlank();
    }
}
