package townhall.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.events.EventType;
import townhall.outbox.Outbox;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/** Subscribing endpoints to events, unsubscribing them, and sending a delivery again; administrators only. */
public final class WebhookService {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Database database;
    private final WebhookStore store;
    private final Outbox outbox;
    private final Privileges privileges;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookService(Database database, Outbox outbox, Privileges privileges, WebhookSettings settings, Clock clock) {
        this.database = database;
        this.store = new WebhookStore(database.dsl());
        this.outbox = outbox;
        this.privileges = privileges;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new subscription, whose secret is shown this once. */
    public record Created(Subscription subscription) {}

    /** {@code restricted}: it also hears events of questions and ideas in categories not everyone may see. */
    public Created subscribe(Member admin, String url, List<String> eventCodes, String format, boolean restricted) {
        requireAdmin(admin);
        String address = url == null ? "" : url.strip();
        List<EventType> events = eventCodes.stream().flatMap(code -> EventType.fromCode(code).stream()).distinct().toList();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkUrl(address, errors);
        if (events.isEmpty()) {
            errors.add("events", "webhooks.error.events");
        }
        Subscription.Format chosen = "slack".equals(format) ? Subscription.Format.SLACK : Subscription.Format.STANDARD;
        errors.throwIfAny();
        String secret = Signatures.newSecret();
        long id = database.inTransaction(() -> store.insertSubscription(address, events, chosen, secret, restricted, admin.id(),
                LocalDateTime.now(clock)));
        return new Created(store.subscription(id).orElseThrow());
    }

    private void checkUrl(String address, InvalidInput.Collector errors) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            errors.add("url", "webhooks.error.url");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (address.length() > 2000 || host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            errors.add("url", "webhooks.error.url");
        } else if (scheme.equals("http") && settings.allowLocal() && LOCAL_HOSTS.contains(host)) {
            return; // a receiver on this machine, for tests and development
        } else if (!scheme.equals("https")) {
            errors.add("url", settings.allowLocal() ? "webhooks.error.httpsOrLocal" : "webhooks.error.https");
        }
    }

    public void unsubscribe(Member admin, long subscriptionId) {
        requireAdmin(admin);
        if (!database.inTransaction(() -> store.deleteSubscription(subscriptionId))) {
            throw new NotFound();
        }
    }

    /** The delivery once more, as a new line of the log with the same webhook-id, so receivers can tell it again. */
    public long sendAgain(Member admin, long deliveryId) {
        requireAdmin(admin);
        Delivery delivery = store.delivery(deliveryId).orElseThrow(NotFound::new);
        return database.inTransaction(() -> {
            long again = store.insertDelivery(delivery.subscriptionId(), delivery.messageId(), delivery.eventType(),
                    delivery.payload(), LocalDateTime.now(clock));
            outbox.add(FanOut.DELIVERY_TOPIC, again, null);
            return again;
        });
    }

    public List<Subscription> subscriptions(Member admin) {
        requireAdmin(admin);
        return store.subscriptions();
    }

    public Subscription subscription(Member admin, long id) {
        requireAdmin(admin);
        return store.subscription(id).orElseThrow(NotFound::new);
    }

    public List<Delivery> deliveries(Member admin, long subscriptionId, int limit) {
        requireAdmin(admin);
        return store.deliveries(subscriptionId, limit);
    }

    public Delivery delivery(Member admin, long id) {
        requireAdmin(admin);
        return store.delivery(id).orElseThrow(NotFound::new);
    }

    private void requireAdmin(Member member) {
        if (member == null || !privileges.mayManageIntegrations(member)) {
            throw new NotAllowed("errors.adminOnly");
        }
    }

    /** Starts the two workers: the fan-out of emitted events, and the deliveries. */
    public void start(Outbox outbox, int attempts, java.time.Duration poll) {
        WebhookStore background = new WebhookStore(database.background());
        outbox.start(new FanOut(database, background, outbox, clock), poll);
        outbox.start(new Deliverer(background, settings.timeout(), attempts, clock), poll);
    }
}
