package townhall.notify;

import java.util.Arrays;
import java.util.Optional;

/** What a member can watch or mute; {@code UNANSWERED} is a tag's new unanswered questions, the Helpers' feed. */
public enum Target {
    QUESTION("question"), TAG("tag"), CATEGORY("category"), UNANSWERED("unanswered");

    private final String code;

    Target(String code) {
        this.code = code;
    }

    public String code() { return code; }

    public static Optional<Target> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
