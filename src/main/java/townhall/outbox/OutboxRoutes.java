package townhall.outbox;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** /admin/outbox: what waits in each topic, and the side effects that keep failing, to retry or discard. */
public final class OutboxRoutes {
    private static final int SHOWN = 100;

    private final Outbox outbox;
    private final Views pages;

    public OutboxRoutes(Outbox outbox, Views pages) {
        this.outbox = outbox;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/outbox", this::show);
        routes.post("/admin/outbox/{id}/retry", this::retry);
        routes.post("/admin/outbox/{id}/discard", this::discard);
    }

    private void show(Context ctx) {
        Web.requireAdmin(ctx);
        OutboxStore store = outbox.store();
        pages.render(ctx, "outbox/admin", Map.of("title", pages.t(ctx, "outbox.title"),
                "topics", store.counts(), "troubled", store.troubled(SHOWN), "done", doneMessage(ctx)));
    }

    private void retry(Context ctx) {
        Web.requireAdmin(ctx);
        String topic = outbox.store().retry(Web.pathId(ctx)).orElseThrow(NotFound::new);
        outbox.wake(topic);
        Web.redirect(ctx, "/admin/outbox?done=retried");
    }

    private void discard(Context ctx) {
        Web.requireAdmin(ctx);
        if (!outbox.store().discard(Web.pathId(ctx))) {
            throw new NotFound();
        }
        Web.redirect(ctx, "/admin/outbox?done=discarded");
    }

    private static String doneMessage(Context ctx) {
        String done = ctx.queryParam("done");
        return "retried".equals(done) || "discarded".equals(done) ? "outbox." + done : "";
    }
}
