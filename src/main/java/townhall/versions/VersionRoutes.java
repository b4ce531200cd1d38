package townhall.versions;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.Views;
import townhall.web.Web;

/** Staff pages: product lines and their versions (/admin/versions), and the re-verification queue (/admin/reverify). */
public final class VersionRoutes {
    private final VersionService versions;
    private final Views pages;

    public VersionRoutes(VersionService versions, Views pages) {
        this.versions = versions;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/versions", ctx -> showVersions(ctx, Map.of(), Map.of(), 200));
        routes.post("/admin/versions", this::recordVersion);
        routes.post("/admin/versions/lines", this::createLine);
        routes.get("/admin/reverify", this::queue);
        routes.post("/admin/reverify/{kind}/{id}", this::recheck);
    }

    /** The number waiting in the re-verification queue in the staff menu: one query, for staff only. */
    public static void decorate(VersionService versions, Context ctx, Map<String, Object> model) {
        Member viewer = Web.viewer(ctx);
        if (versions.mayManage(viewer)) {
            model.put("reverifyCount", versions.queueCount());
        }
    }

    private Member requireManager(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        if (!versions.mayManage(viewer)) {
            throw new NotAllowed("versions.denied");
        }
        return viewer;
    }

    private void showVersions(Context ctx, Map<String, String> errors, Map<String, String> drafts, int status) {
        requireManager(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "versions.title"));
        model.put("lines", versions.lines());
        model.put("categories", versions.store().categories());
        model.put("errors", errors);
        model.put("drafts", drafts);
        model.put("recorded", ctx.queryParam("recorded"));
        model.put("outdatedNow", waiting(ctx.queryParam("outdated")));
        ctx.status(status);
        pages.render(ctx, "versions/versions", model);
    }

    private static int waiting(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void recordVersion(Context ctx) {
        Member staff = requireManager(ctx);
        String line = Web.formText(ctx, "line");
        String name = Web.formText(ctx, "versionName");
        String released = Web.formText(ctx, "released");
        try {
            versions.recordVersion(staff, line, name, released);
            int waiting = versions.queueCount();
            Web.redirect(ctx, "/admin/versions?recorded=" + java.net.URLEncoder.encode(name.strip(),
                    java.nio.charset.StandardCharsets.UTF_8) + "&outdated=" + waiting, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showVersions(ctx, pages.errors(ctx, e), Map.of("line", line, "versionName", name,
                    "released", VersionService.dateOrBlank(released)), 422);
        }
    }

    private void createLine(Context ctx) {
        Member staff = requireManager(ctx);
        String name = Web.formText(ctx, "lineName");
        String category = Web.formText(ctx, "category");
        String tag = Web.formText(ctx, "tag");
        try {
            versions.createLine(staff, name, category, tag);
            Web.redirect(ctx, "/admin/versions", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showVersions(ctx, pages.errors(ctx, e), Map.of("lineName", name, "category", category, "tag", tag), 422);
        }
    }

    private void queue(Context ctx) {
        requireManager(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "versions.queue.title"));
        model.put("items", versions.queue()); // the oldest checks first, at most QUEUE_MAX
        model.put("total", versions.queueCount());
        model.put("done", ctx.queryParam("done"));
        pages.render(ctx, "versions/queue", model);
    }

    private void recheck(Context ctx) {
        Member staff = requireManager(ctx);
        String kind = ctx.pathParam("kind");
        long id = Web.pathId(ctx);
        String how = Web.formText(ctx, "how");
        try {
            versions.recheck(staff, kind, id, how, Web.formText(ctx, "reviewBy"));
        } catch (InvalidInput e) {
            ctx.status(422);
            Map<String, Object> model = new HashMap<>();
            model.put("title", pages.t(ctx, "versions.queue.title"));
            model.put("items", versions.queue());
            model.put("total", versions.queueCount());
            model.put("errors", pages.errors(ctx, e));
            model.put("failed", kind + "-" + id);
            pages.render(ctx, "versions/queue", model);
            return;
        }
        String back = Web.localPath(ctx.formParam("back"), "/admin/reverify?done=" + how);
        Web.redirect(ctx, back, HttpStatus.SEE_OTHER);
    }
}
