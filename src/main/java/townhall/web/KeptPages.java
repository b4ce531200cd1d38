package townhall.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Pages kept as rendered, for the feature that owns them to serve again (Q&A's page cache). The web floor asks
 * before each route and tells after each render; it does not know which pages are kept.
 */
public interface KeptPages {
    KeptPages NONE = new KeptPages() {
        @Override
        public void before(Context ctx, Locale locale) {}

        @Override
        public void rendered(Context ctx, String html) {}

        @Override
        public boolean serveStale(Context ctx, Locale locale) {
            return false;
        }
    };

    /** Before the route: answers with a kept page when it may, and skips the route. */
    void before(Context ctx, Locale locale);

    /** After a page rendered: keeps it when the request was marked for keeping. */
    void rendered(Context ctx, String html);

    /**
     * When the page cannot be rendered because the database is down: answers with the kept copy however old, if
     * there is one and the request may see it; false otherwise.
     */
    boolean serveStale(Context ctx, Locale locale);
}
