package townhall.web;

/** There is nothing (visible to this member) here; shown as the 404 page. */
public final class NotFound extends RuntimeException {
    public NotFound() {
        super("not found", null, false, false);
    }
}
