package townhall.api;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** {@code /settings/tokens}: a member's API tokens; a new one's secret is shown once, on the page that made it. */
public final class TokenRoutes {
    private final ApiTokens tokens;
    private final Views views;

    public TokenRoutes(ApiTokens tokens, Views views) {
        this.tokens = tokens;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/settings/tokens", ctx -> show(ctx, Map.of(), Map.of(), null, 200));
        routes.post("/settings/tokens", this::create);
        routes.post("/settings/tokens/{id}/revoke", this::revoke);
    }

    private void create(Context ctx) {
        Member owner = Web.requireViewer(ctx);
        List<String> scopes = ctx.formParams("scope");
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name");
        try {
            ApiTokens.Issued issued = tokens.create(owner, name, scopes);
            show(ctx, Map.of(), Map.of(), issued.token(), 200);
        } catch (InvalidInput e) {
            show(ctx, Map.of("name", name, "scopes", scopes), views.errors(ctx, e), null, 422);
        }
    }

    private void revoke(Context ctx) {
        Member owner = Web.requireViewer(ctx);
        try {
            tokens.revoke(owner, Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        Web.redirect(ctx, "/settings/tokens");
    }

    private void show(Context ctx, Map<String, Object> form, Map<String, String> errors, String newToken, int status) {
        Member owner = Web.requireViewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "api.tokens.title"));
        model.put("tokens", tokens.of(owner));
        model.put("scopes", ApiScope.grantableScopes(owner).stream().map(ApiScope::key).toList());
        model.put("form", form);
        model.put("errors", errors);
        model.put("newToken", newToken);
        ctx.status(status);
        views.render(ctx, "api/tokens", model);
    }
}
