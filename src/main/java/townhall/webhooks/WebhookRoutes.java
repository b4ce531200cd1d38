package townhall.webhooks;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.events.EventType;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.Web;

/**
 * /admin/webhooks: the subscriptions, a form to add one (its secret shown once), each one's delivery log with the
 * receivers' answers and a button to send a delivery again.
 */
public final class WebhookRoutes {
    private static final int SHOWN = 100;

    private final WebhookService webhooks;
    private final Views pages;

    public WebhookRoutes(WebhookService webhooks, Views pages) {
        this.webhooks = webhooks;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/webhooks", ctx -> list(ctx, Map.of(), Map.of(), 200));
        routes.post("/admin/webhooks", this::subscribe);
        routes.get("/admin/webhooks/{id}", this::log);
        routes.post("/admin/webhooks/{id}/delete", this::unsubscribe);
        routes.post("/admin/webhooks/deliveries/{id}/again", this::sendAgain);
    }

    private void list(Context ctx, Map<String, Object> form, Map<String, String> errors, int status) {
        Member admin = Web.requireAdmin(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "webhooks.title"));
        model.put("subscriptions", webhooks.subscriptions(admin));
        model.put("eventTypes", Arrays.stream(EventType.values()).map(EventType::code).toList());
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", "deleted".equals(ctx.queryParam("done")) ? "webhooks.deleted" : "");
        ctx.status(status);
        pages.render(ctx, "webhooks/admin", model);
    }

    private void subscribe(Context ctx) {
        Member admin = Web.requireAdmin(ctx);
        List<String> events = ctx.formParams("events");
        String url = ctx.formParam("url");
        String format = ctx.formParam("format");
        boolean restricted = "on".equals(ctx.formParam("restricted"));
        try {
            WebhookService.Created created = webhooks.subscribe(admin, url, events, format, restricted);
            pages.render(ctx, "webhooks/created", Map.of("title", pages.t(ctx, "webhooks.created.title"),
                    "subscription", created.subscription()));
        } catch (InvalidInput invalid) {
            Map<String, Object> form = new HashMap<>();
            form.put("url", url == null ? "" : url);
            form.put("events", events);
            form.put("format", format == null ? "standard" : format);
            form.put("restricted", restricted);
            list(ctx, form, pages.errors(ctx, invalid), 422);
        }
    }

    private void log(Context ctx) {
        Member admin = Web.requireAdmin(ctx);
        Subscription subscription = webhooks.subscription(admin, Web.pathId(ctx));
        pages.render(ctx, "webhooks/log", Map.of("title", pages.t(ctx, "webhooks.log.title"),
                "subscription", subscription, "deliveries", webhooks.deliveries(admin, subscription.id(), SHOWN),
                "again", "1".equals(ctx.queryParam("again"))));
    }

    private void unsubscribe(Context ctx) {
        Member admin = Web.requireAdmin(ctx);
        webhooks.unsubscribe(admin, Web.pathId(ctx));
        Web.redirect(ctx, "/admin/webhooks?done=deleted");
    }

    private void sendAgain(Context ctx) {
        Member admin = Web.requireAdmin(ctx);
        Delivery delivery = webhooks.delivery(admin, Web.pathId(ctx));
        webhooks.sendAgain(admin, delivery.id());
        Web.redirect(ctx, "/admin/webhooks/" + delivery.subscriptionId() + "?again=1");
    }
}
