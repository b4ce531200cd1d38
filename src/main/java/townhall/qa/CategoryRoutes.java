package townhall.qa;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.GroupStore;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Administrators' categories at /admin/categories: add one, and set who may see each. */
public final class CategoryRoutes {
    private final CategoryService service;
    private final CategoryStore categories;
    private final GroupStore groups;
    private final Views pages;

    public CategoryRoutes(CategoryService service, CategoryStore categories, GroupStore groups, Views pages) {
        this.service = service;
        this.categories = categories;
        this.groups = groups;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/categories", ctx -> show(ctx, Map.of(), Map.of(), null));
        routes.post("/admin/categories", this::create);
        routes.post("/admin/categories/{id}/visibility", this::setVisibility);
    }

    private Member admin(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        service.requireAllowed(viewer);
        return viewer;
    }

    /** {@code failed}: the category whose visibility form did not go through, shown with what was chosen. */
    private void show(Context ctx, Map<String, String> form, Map<String, String> errors, Long failed) {
        admin(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "categories.title"));
        model.put("categories", categories.all());
        model.put("groups", groups.all());
        model.put("visibilities", List.of(CategoryVisibility.values()));
        model.put("form", form);
        model.put("errors", errors);
        model.put("failed", failed);
        model.put("saved", ctx.queryParam("saved"));
        pages.render(ctx, "qa/categories_admin", model);
    }

    private void create(Context ctx) {
        Member admin = admin(ctx);
        Map<String, String> form = Map.of("name", param(ctx, "name"), "description", param(ctx, "description"));
        try {
            service.create(admin, form.get("name"), form.get("description"));
            Web.redirect(ctx, "/admin/categories");
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, form, pages.errors(ctx, e), null);
        }
    }

    private void setVisibility(Context ctx) {
        Member admin = admin(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        Map<String, String> form = Map.of("visibility", param(ctx, "visibility"), "group", param(ctx, "group"));
        try {
            service.setVisibility(admin, id, form.get("visibility"), form.get("group"));
            Web.redirect(ctx, "/admin/categories?saved=" + id);
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, form, pages.errors(ctx, e), id);
        }
    }

    private static String param(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
