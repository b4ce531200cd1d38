package townhall.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * What can happen in a community that a brand's other systems may want to hear of, each with the name webhook
 * receivers see in the payload's {@code type}. Features emit them through {@link Events}; some are emitted by
 * features that arrive later (flags, escalations, ideas) and are listed here so admins can subscribe to them already.
 */
public enum EventType {
    QUESTION_ASKED("question.asked"),
    ANSWER_POSTED("answer.posted"),
    ANSWER_ACCEPTED("answer.accepted"),
    ANSWER_VERIFIED("answer.verified"),
    MEMBER_JOINED("member.joined"),
    POST_FLAGGED("post.flagged"),
    QUESTION_ESCALATED("question.escalated"),
    IDEA_STATUS_CHANGED("idea.status_changed");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    /** The name in payloads and in a subscription's list, such as {@code question.asked}. */
    public String code() { return code; }

    public static Optional<EventType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
