package townhall.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import townhall.db.Database;
import townhall.events.EventType;
import townhall.events.Events;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Drains the events features emitted ({@link Events#TOPIC}): each becomes one delivery per subscription that hears
 * it, each with an outbox entry of its own ({@value #DELIVERY_TOPIC}), so one slow or failing endpoint never holds
 * back another. Runs twice harmlessly: a subscription that already has a delivery of the message is skipped.
 */
final class FanOut implements OutboxHandler {
    static final String DELIVERY_TOPIC = "webhook-delivery";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final WebhookStore store;
    private final Outbox outbox;
    private final Clock clock;

    FanOut(Database database, WebhookStore store, Outbox outbox, Clock clock) {
        this.database = database;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String topic() { return Events.TOPIC; }

    @Override
    public void handle(List<OutboxEntry> batch) throws Exception {
        List<Subscription> subscriptions = store.activeSubscriptions();
        for (OutboxEntry entry : batch) {
            fanOut(entry, subscriptions);
        }
    }

    private void fanOut(OutboxEntry entry, List<Subscription> subscriptions) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(entry.payload());
        String messageId = event.path("id").asText();
        EventType type = EventType.fromCode(event.path("type").asText()).orElse(null);
        if (type == null || subscriptions.stream().noneMatch(s -> s.hears(type))) {
            return;
        }
        JsonNode data = event.path("data");
        boolean restricted = store.restricted(data.hasNonNull("questionId") ? data.get("questionId").asLong() : null,
                data.hasNonNull("ideaId") ? data.get("ideaId").asLong() : null);
        JsonNode body = event.deepCopy().without("id"); // what receivers get: type, timestamp, data
        String payload = JSON.writeValueAsString(body);
        database.inTransaction(() -> {
            Set<Long> done = store.subscriptionsWithMessage(messageId);
            LocalDateTime now = LocalDateTime.now(clock);
            for (Subscription subscription : subscriptions) {
                if (subscription.hears(type, restricted) && !done.contains(subscription.id())) {
                    long delivery = store.insertDelivery(subscription.id(), messageId, type.code(), payload, now);
                    outbox.add(DELIVERY_TOPIC, delivery, null);
                }
            }
        });
    }
}
