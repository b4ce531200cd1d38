package townhall.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.db.SiteSettingsStore;
import townhall.mail.Mailer;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxWorker;

/** Notifications in a running Townhall: what features call, the fan-out worker, email, the live counts. */
public final class Notifications implements AutoCloseable {
    private final Database database;
    private final NotificationStore store;
    private final WatchStore watches;
    private final Notifier notifier;
    private final LiveCounts live;
    private final UnsubscribeLinks unsubscribes;
    private final NotificationMail mail;
    private final Clock clock;

    public Notifications(Database database, Outbox outbox, Mailer mailer, SiteSettingsStore siteSettings,
                         Config config, List<DigestSection> digestSections, Clock clock) {
        this.database = database;
        this.store = new NotificationStore(database.dsl());
        this.watches = new WatchStore(database.dsl());
        this.notifier = new Notifier(store, watches, outbox, clock);
        this.live = new LiveCounts(database.background());
        this.unsubscribes = new UnsubscribeLinks(siteSettings);
        this.mail = new NotificationMail(database, mailer, unsubscribes, config.get(Setting.LANGUAGE),
                Duration.ofSeconds(config.getInt(Setting.NOTIFY_MAIL_DELAY_SECONDS)), digestSections,
                ZoneId.of(config.get(Setting.NOTIFY_DIGEST_ZONE)), config.getInt(Setting.NOTIFY_DIGEST_HOUR), clock);
        this.clock = clock;
    }

    /** Starts the fan-out worker; {@code readers} says who may read what a notice is about. */
    public OutboxWorker start(Outbox outbox, Duration poll, Readers readers) {
        return outbox.start(new FanOut(database, live, clock, readers), poll);
    }

    public NotificationStore store() { return store; }

    public WatchStore watches() { return watches; }

    public Notifier notifier() { return notifier; }

    public LiveCounts live() { return live; }

    public NotificationMail mail() { return mail; }

    UnsubscribeLinks unsubscribes() { return unsubscribes; }

    /** The site path of the one-click link that stops email of a kind to a member (for letters and tests). */
    public String unsubscribePath(long memberId, Kind kind) {
        return unsubscribes.path(memberId, kind);
    }

    @Override
    public void close() {
        live.close();
    }
}
