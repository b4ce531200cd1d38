package townhall.app;

/** The member may not do this; shown as a 403 page with the message. */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message, null, false, false);
    }
}
