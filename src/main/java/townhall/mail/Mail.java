package townhall.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import townhall.config.Config;
import townhall.db.Database;
import townhall.db.SiteSettingsStore;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxWorker;

/** Email in a running Townhall: the writer features call, the worker that sends, unsubscribing. */
public final class Mail {
    private static final String SECRET = "mail_unsubscribe_secret";

    private final Database database;
    private final MailStore store;
    private final Mailer mailer;
    private final Unsubscribes unsubscribes;
    private final MailSettings settings;
    private final Clock clock;

    public Mail(Database database, Outbox outbox, SiteSettingsStore siteSettings, Config config, Clock clock) {
        this.database = database;
        this.store = new MailStore(database.dsl());
        this.mailer = new Mailer(store, outbox, clock);
        this.settings = MailSettings.from(config);
        this.clock = clock;
        this.unsubscribes = new Unsubscribes(() -> secret(siteSettings), config.publicBase());
    }

    /** The installation's unsubscribe key, made at first use. */
    private static String secret(SiteSettingsStore siteSettings) {
        return siteSettings.get(SECRET).orElseGet(() -> {
            siteSettings.insertIfAbsent(SECRET, Unsubscribes.newSecret());
            return siteSettings.get(SECRET).orElseThrow();
        });
    }

    public Mailer mailer() { return mailer; }

    /** Sends one letter in a transaction of its own (inside a caller's transaction, use {@link #mailer()}). */
    public long send(Letter letter) {
        return database.inTransaction(() -> mailer.send(letter));
    }

    public MailStore store() { return store; }

    public MailSettings settings() { return settings; }

    /** Starts the mail worker: brand's look, base URL for links. */
    public OutboxWorker start(Outbox outbox, MailLook look, String baseUrl, Duration poll) {
        return outbox.start(new MailSender(new MailStore(database.background()), new MailRenderer(look, baseUrl, unsubscribes),
                settings, clock), poll);
    }

    boolean validUnsubscribe(String address, String token) {
        return unsubscribes.valid(address, token);
    }

    void unsubscribe(String address) {
        store.unsubscribe(address, LocalDateTime.now(clock));
    }
}
