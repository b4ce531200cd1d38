package townhall.notify;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a notification is about, as members choose its email for: each kind has its default delivery (direct ones
 * at once, what one merely watches in the daily digest) and is the unit of one-click unsubscribing.
 */
public enum Kind {
    ANSWER("answer", Delivery.NOW),
    COMMENT("comment", Delivery.NOW),
    MENTION("mention", Delivery.NOW),
    MARK("mark", Delivery.NOW),
    CLOSING("closing", Delivery.NOW),
    EDIT("edit", Delivery.NOW),
    FOLLOWUP("followup", Delivery.NOW),
    WATCHED("watched", Delivery.DAILY),
    TAGS("tags", Delivery.DAILY),
    UNANSWERED("unanswered", Delivery.DAILY),
    MESSAGE("message", Delivery.NEVER);

    private final String code;
    private final Delivery byDefault;

    Kind(String code, Delivery byDefault) {
        this.code = code;
        this.byDefault = byDefault;
    }

    public String code() { return code; }

    public Delivery byDefault() { return byDefault; }

    public static Optional<Kind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
