package townhall.webhooks;

import java.time.LocalDateTime;
import java.util.List;
import townhall.events.EventType;

/**
 * An endpoint that hears some events, in a format, signed with its secret; {@code restricted}: also the events of
 * questions and ideas in categories not everyone may see.
 */
public record Subscription(long id, String url, List<EventType> events, Format format, String secret, boolean active,
                           boolean restricted, LocalDateTime createdAt) {

    /** How a delivery's body looks. */
    public enum Format {
        /** The event as JSON, {@code {"type", "timestamp", "data"}}, per the Standard Webhooks conventions. */
        STANDARD,
        /** A Slack-compatible message, {@code {"text": ...}}, for an incoming-webhook URL of Slack or Mattermost. */
        SLACK;

        public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public boolean hears(EventType type) {
        return active && events.contains(type);
    }

    /** Whether it hears this event, given whether the event is about something not everyone may see. */
    public boolean hears(EventType type, boolean aboutRestricted) {
        return hears(type) && (restricted || !aboutRestricted);
    }

    /** The event names, for pages. */
    public List<String> eventCodes() {
        return events.stream().map(EventType::code).toList();
    }
}
