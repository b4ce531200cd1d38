package townhall.notify;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import townhall.web.Viewer;
import townhall.web.Views;
import townhall.web.Web;

/** A member's notifications: the latest fifty, and marking them read. */
public final class NotificationRoutes {
    private static final int SHOWN = 50;

    private final NotificationStore store;
    private final Views pages;
    private final Clock clock;

    public NotificationRoutes(NotificationStore store, Views pages, Clock clock) {
        this.store = store;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/notifications", this::list);
        routes.post("/notifications/read", this::markRead);
    }

    private void list(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        pages.render(ctx, "notify/notifications", Map.of("title", pages.t(ctx, "nav.notifications"),
                "notifications", store.latest(viewer.id(), SHOWN)));
    }

    private void markRead(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        store.markAllRead(viewer.id(), LocalDateTime.now(clock));
        Web.redirect(ctx, "/notifications");
    }
}
