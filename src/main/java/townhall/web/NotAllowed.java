package townhall.web;

import townhall.i18n.Text;

/** The member may not do this; shown as a 403 page saying why, in the reader's language. */
public final class NotAllowed extends RuntimeException {
    private final Text reason;

    /** {@code new NotAllowed("qa.denied.upvote", "reputation", 15)}: a message key and its named arguments. */
    public NotAllowed(String key, Object... namedArgs) {
        this(Text.of(key, namedArgs));
    }

    public NotAllowed(Text reason) {
        super(reason.toString(), null, false, false);
        this.reason = reason;
    }

    public Text reason() { return reason; }
}
