package townhall.qa;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import townhall.app.Views;

/** The front page of the community. */
public final class HomeRoutes {
    private final CategoryStore categories;
    private final Views views;

    public HomeRoutes(CategoryStore categories, Views views) {
        this.categories = categories;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", this::home);
    }

    private void home(Context ctx) {
        views.render(ctx, "home", Map.of(
                "categories", categories.all(),
                "welcome", "1".equals(ctx.queryParam("welcome"))));
    }
}
