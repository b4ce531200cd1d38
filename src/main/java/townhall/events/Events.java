package townhall.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import townhall.outbox.Outbox;

/**
 * The one door through which any feature tells the outside world that something happened: {@link #emit} writes an
 * outbox entry (topic {@value #TOPIC}) in the caller's transaction, so the event exists exactly when its cause
 * commits and is never sent from inside a request. The webhooks feature, above every emitter, drains the topic and
 * fans each event out to the subscriptions that asked for it; a feature that emits knows nothing of webhooks.
 */
public final class Events {
    public static final String TOPIC = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    private final Clock clock;

    public Events(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Records an event in the current transaction. {@code refId} names what it is about (a post, a member);
     * {@code data} is what receivers get, public facts only (ids, titles, usernames, links), as JSON values.
     */
    public void emit(EventType type, long refId, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("type", type.code());
        event.put("timestamp", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("data", data);
        try {
            outbox.add(TOPIC, refId, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event's data must be plain JSON values: " + e.getMessage(), e);
        }
    }
}
