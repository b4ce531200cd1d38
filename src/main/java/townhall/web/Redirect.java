package townhall.web;

/** Ends a request with a 303 redirect, from anywhere in a handler. */
public final class Redirect extends RuntimeException {
    private final String location;

    public Redirect(String location) {
        super(location, null, false, false);
        this.location = location;
    }

    public String location() { return location; }
}
