package townhall.ideas;

import java.util.Arrays;
import java.util.Optional;

/** Where staff say an idea stands; {@code code} is what the database and addresses hold. */
public enum IdeaStatus {
    NEW("new", true),
    REVIEW("review", true),
    PLANNED("planned", true),
    PROGRESS("progress", true),
    SHIPPED("shipped", false),
    DECLINED("declined", false),
    EXISTS("exists", false);

    private final String code;
    private final boolean open;

    IdeaStatus(String code, boolean open) {
        this.code = code;
        this.open = open;
    }

    public String code() { return code; }

    /** Open ideas still take votes, and their votes count toward a board's vote budget. */
    public boolean open() { return open; }

    /** The message key of its name, such as {@code ideas.status.planned}. */
    public String key() { return "ideas.status." + code; }

    public static Optional<IdeaStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    static IdeaStatus of(String code) {
        return fromCode(code).orElse(NEW);
    }
}
