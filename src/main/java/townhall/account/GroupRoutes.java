package townhall.account;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.Web;

/** Administrators' member groups at /admin/groups: create a group, add and remove members by username. */
public final class GroupRoutes {
    private final GroupService groups;
    private final Views pages;

    public GroupRoutes(GroupService groups, Views pages) {
        this.groups = groups;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/groups", ctx -> list(ctx, Map.of(), Map.of()));
        routes.post("/admin/groups", this::create);
        routes.get("/admin/groups/{id}", ctx -> show(ctx, Web.pathId(ctx), Map.of(), Map.of()));
        routes.post("/admin/groups/{id}/members", this::addMember);
        routes.post("/admin/groups/{id}/members/{member}/remove", this::removeMember);
    }

    private Member admin(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        groups.requireAllowed(viewer);
        return viewer;
    }

    private void list(Context ctx, Map<String, String> form, Map<String, String> errors) {
        admin(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "groups.title"));
        model.put("groups", groups.store().all());
        model.put("form", form);
        model.put("errors", errors);
        pages.render(ctx, "account/groups", model);
    }

    private void create(Context ctx) {
        Member admin = admin(ctx);
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name");
        try {
            long id = groups.create(admin, name);
            Web.redirect(ctx, "/admin/groups/" + id);
        } catch (InvalidInput e) {
            ctx.status(422);
            list(ctx, Map.of("name", name), pages.errors(ctx, e));
        }
    }

    private void show(Context ctx, long id, Map<String, String> form, Map<String, String> errors) {
        Member admin = admin(ctx);
        MemberGroup group = groups.group(admin, id);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "groups.one.title", "name", group.name()));
        model.put("group", group);
        model.put("members", groups.store().members(id));
        model.put("form", form);
        model.put("errors", errors);
        pages.render(ctx, "account/group", model);
    }

    private void addMember(Context ctx) {
        Member admin = admin(ctx);
        long id = Web.pathId(ctx);
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username");
        try {
            groups.addMember(admin, id, username);
            Web.redirect(ctx, "/admin/groups/" + id);
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, id, Map.of("username", username), pages.errors(ctx, e));
        }
    }

    private void removeMember(Context ctx) {
        Member admin = admin(ctx);
        long id = Web.pathId(ctx);
        groups.removeMember(admin, id, Web.id(ctx.pathParam("member")));
        Web.redirect(ctx, "/admin/groups/" + id);
    }
}
