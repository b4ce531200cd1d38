package townhall.notify;

import java.util.Arrays;
import java.util.Optional;

/** When a kind of notification is emailed: at once (unless read on the site first), in a digest, or never. */
public enum Delivery {
    NOW("now"), DAILY("daily"), WEEKLY("weekly"), NEVER("never");

    private final String code;

    Delivery(String code) {
        this.code = code;
    }

    public String code() { return code; }

    public static Optional<Delivery> of(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }
}
