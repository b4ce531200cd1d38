package townhall.notify;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Viewer;
import townhall.web.Views;
import townhall.web.Web;

/**
 * A member's notifications (grouped, marked read when opened), the live unread count (server-sent events, with a
 * plain count for pages that poll), watching and muting, email preferences per kind, one-click unsubscribing.
 */
public final class NotificationRoutes {
    /** Its POST carries its own proof (a signed link) and comes from mail programs without a CSRF token. */
    public static final String UNSUBSCRIBE = UnsubscribeLinks.PATH;
    private static final int ROWS = 200;
    private static final long LIVE_MILLIS = 55_000;

    private final NotificationStore store;
    private final WatchStore watches;
    private final LiveCounts live;
    private final UnsubscribeLinks unsubscribes;
    private final Watchables watchables;
    private final Privileges privileges;
    private final Database database;
    private final Views pages;
    private final Clock clock;

    private final AccountStore accounts;

    public NotificationRoutes(Notifications notifications, Watchables watchables, Privileges privileges,
                              AccountStore accounts, Database database, Views pages, Clock clock) {
        this.accounts = accounts;
        this.store = notifications.store();
        this.watches = notifications.watches();
        this.live = notifications.live();
        this.unsubscribes = notifications.unsubscribes();
        this.watchables = watchables;
        this.privileges = privileges;
        this.database = database;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/notifications", this::list);
        routes.post("/notifications/read", this::markRead);
        routes.get("/notifications/count", this::count);
        routes.sse("/notifications/live", this::stream);
        routes.get("/notifications/{id}/open", this::open);
        routes.post("/watch", this::watch);
        routes.get("/notifications/mentions", this::mentions);
        routes.get("/settings/notifications", ctx -> settings(ctx, false));
        routes.post("/settings/notifications", this::saveSettings);
        routes.get(UNSUBSCRIBE, ctx -> unsubscribePage(ctx, false));
        routes.post(UNSUBSCRIBE, this::unsubscribe);
    }

    private void list(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        pages.render(ctx, "notify/notifications", Map.of("title", pages.t(ctx, "nav.notifications"),
                "notifications", store.grouped(viewer.id(), ROWS)));
    }

    /** Opening one from the list marks it (and those it stands for) read, then goes where it leads. */
    private void open(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        Notification n = store.find(viewer.id(), Web.pathId(ctx)).orElseThrow(NotFound::new);
        store.markGroupRead(n, viewer.id(), now());
        live.changed(List.of(viewer.id()));
        Web.redirect(ctx, n.link().isEmpty() ? "/notifications" : n.link());
    }

    private void markRead(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        store.markAllRead(viewer.id(), now());
        live.changed(List.of(viewer.id()));
        Web.redirect(ctx, "/notifications");
    }

    private void count(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("unread", store.unread(viewer.id())));
    }

    /**
     * The unread count now and whenever it changes, for about a minute; then the browser reconnects (EventSource
     * does by itself), so no connection outlives a deployment for long.
     */
    private void stream(SseClient client) {
        Viewer viewer = Web.viewer(client.ctx());
        if (viewer == null) {
            client.sendEvent("signedout", "0");
            client.close();
            return;
        }
        long until = System.currentTimeMillis() + LIVE_MILLIS;
        try {
            long seen = live.version(viewer.id());
            int last = store.unread(viewer.id());
            client.sendEvent("unread", String.valueOf(last));
            while (!client.terminated() && System.currentTimeMillis() < until) {
                if (!live.await(viewer.id(), seen, Math.min(15_000, until - System.currentTimeMillis()))) {
                    break;
                }
                long version = live.version(viewer.id());
                if (version != seen) {
                    seen = version;
                    int unread = store.unread(viewer.id());
                    if (unread != last) {
                        last = unread;
                        client.sendEvent("unread", String.valueOf(unread));
                    }
                } else {
                    client.sendComment("still here");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /** Up to eight usernames for an @mention being typed (signed-in members only; at least two characters). */
    private void mentions(Context ctx) {
        Web.requireViewer(ctx);
        String typed = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        ctx.header("Cache-Control", "no-store");
        ctx.json(typed.length() < 2 || typed.length() > 32 ? List.of() : accounts.usernamesStartingWith(typed, 8));
    }

    private void watch(Context ctx) {
        Member member = Web.requireViewer(ctx);
        Target target = Target.of(form(ctx, "target")).orElseThrow(() -> InvalidInput.of("target", "notify.watch.invalid"));
        int level = switch (form(ctx, "level")) {
            case "watch" -> WatchStore.WATCH;
            case "mute" -> WatchStore.MUTE;
            case "none" -> 0;
            default -> throw InvalidInput.of("level", "notify.watch.invalid");
        };
        if (target == Target.UNANSWERED && !privileges.canSeeHelperQueue(member)) {
            throw new NotAllowed("notify.watch.helpersOnly");
        }
        long id = watchables.find(target, form(ctx, "key"), member.id()).orElseThrow(NotFound::new);
        watches.set(member.id(), target, id, level, now());
        Web.redirect(ctx, Web.localPath(form(ctx, "back"), "/settings/notifications"));
    }

    private void settings(Context ctx, boolean saved) {
        Member member = Web.requireViewer(ctx);
        Map<Kind, Delivery> deliveries = watches.deliveries(member.id());
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            kinds.add(Map.of("code", kind.code(), "delivery", deliveries.get(kind).code()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "notify.settings.title"));
        model.put("kinds", kinds);
        model.put("deliveries", List.of(Delivery.values()).stream().map(Delivery::code).toList());
        model.put("watches", watchables.describe(watches.of(member.id())));
        model.put("saved", saved || "1".equals(ctx.queryParam("saved")));
        pages.render(ctx, "notify/settings", model);
    }

    private void saveSettings(Context ctx) {
        Member member = Web.requireViewer(ctx);
        Map<Kind, Delivery> chosen = new HashMap<>();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (Kind kind : Kind.values()) {
            String value = ctx.formParam("kind." + kind.code());
            if (value != null) {
                Delivery.of(value).ifPresentOrElse(d -> chosen.put(kind, d),
                        () -> errors.add("kind." + kind.code(), "notify.settings.invalid"));
            }
        }
        errors.throwIfAny();
        database.inTransaction(() -> chosen.forEach((kind, delivery) -> watches.setDelivery(member.id(), kind, delivery)));
        Web.redirect(ctx, "/settings/notifications?saved=1");
    }

    /** {@code kind}: a kind's code, or "digest" for every kind the member gets in a digest. */
    private record Unsubscribe(long memberId, String kind, String token) {}

    private Unsubscribe checkedUnsubscribe(Context ctx) {
        try {
            long member = Long.parseLong(String.valueOf(ctx.queryParam("m")));
            String kind = String.valueOf(ctx.queryParam("k"));
            if (!kind.equals(UnsubscribeLinks.DIGEST) && Kind.of(kind).isEmpty()
                    || !unsubscribes.valid(member, kind, ctx.queryParam("t"))) {
                throw new NotFound();
            }
            return new Unsubscribe(member, kind, ctx.queryParam("t"));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }

    private void unsubscribePage(Context ctx, boolean done) {
        Unsubscribe u = checkedUnsubscribe(ctx);
        pages.render(ctx, "notify/unsubscribe", Map.of("title", pages.t(ctx, "notify.unsubscribe.title"),
                "member", u.memberId(), "kind", u.kind(), "token", u.token(), "done", done));
    }

    /** One click, from the page or straight from the mail program (RFC 8058: "List-Unsubscribe=One-Click"). */
    private void unsubscribe(Context ctx) {
        Unsubscribe u = checkedUnsubscribe(ctx);
        if (u.kind().equals(UnsubscribeLinks.DIGEST)) {
            watches.deliveries(u.memberId()).forEach((kind, delivery) -> {
                if (delivery == Delivery.DAILY || delivery == Delivery.WEEKLY) {
                    watches.setDelivery(u.memberId(), kind, Delivery.NEVER);
                }
            });
        } else {
            watches.setDelivery(u.memberId(), Kind.of(u.kind()).orElseThrow(), Delivery.NEVER);
        }
        unsubscribePage(ctx, true);
    }

    private static String form(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
