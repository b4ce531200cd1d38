package townhall.web;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import townhall.db.Database;

/** {@code /health}: JSON for load balancers and container healthchecks; 503 when the database does not answer. */
public final class HealthRoutes {
    private final Database database;

    public HealthRoutes(Database database) {
        this.database = database;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        boolean up = database.isHealthy();
        ctx.header("Cache-Control", "no-store");
        ctx.status(up ? 200 : 503).contentType("application/json")
                .result(up ? "{\"status\":\"ok\",\"database\":\"ok\"}" : "{\"status\":\"down\",\"database\":\"unreachable\"}");
    }
}
