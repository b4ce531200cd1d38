package townhall.web;

/**
 * Who is asking, as far as the web floor needs to know: enough to refuse a page to a visitor or a member who is
 * not staff, and to speak the viewer's language. The account feature's {@code Member} is the one implementation.
 */
public interface Viewer {
    long id();

    boolean isStaff();

    boolean isAdmin();

    /** The viewer's chosen interface language, or null for the site's. */
    String language();
}
