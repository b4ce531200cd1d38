package townhall.web;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.db.Database;

/**
 * {@code /health}: JSON for load balancers, container healthchecks and monitors. 503 ("down") when the database does
 * not answer; 200 with "degraded" when a part such as an outbox queue is behind or failing, with its figures; else
 * 200 "ok". {@code /health/live}: the process answers (a liveness probe: restart it when this fails);
 * {@code /health/ready}: the database answers and the search index is usable (a readiness probe: send it traffic).
 */
public final class HealthRoutes {
    private final Database database;
    private final List<HealthCheck> checks;

    public HealthRoutes(Database database, List<HealthCheck> checks) {
        this.database = database;
        this.checks = List.copyOf(checks);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/health", this::health);
        routes.get("/health/live", ctx -> ctx.header("Cache-Control", "no-store").json(Map.of("status", "up")));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> report = new LinkedHashMap<>();
        boolean database = this.database.isHealthy();
        boolean ready = database;
        report.put("database", database ? "ok" : "down");
        for (HealthCheck check : checks) {
            boolean usable = check.usable();
            ready &= usable;
            report.put(check.name(), usable ? "ok" : "unusable");
        }
        report.put("status", ready ? "ready" : "not ready");
        if (!ready) {
            ctx.header("Retry-After", "5");
        }
        ctx.status(ready ? 200 : 503).json(report);
    }

    private void health(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> report = new LinkedHashMap<>();
        if (!database.isHealthy()) {
            report.put("status", "down");
            report.put("database", database.availability().figures());
            ctx.header("Retry-After", Integer.toString(database.availability().retryAfterSeconds()));
            ctx.status(503).json(report);
            return;
        }
        report.put("status", "ok");
        report.put("database", database.availability().figures());
        for (HealthCheck check : checks) {
            HealthCheck.Report part = check.check();
            if (part.degraded()) {
                report.put("status", "degraded");
            }
            report.put(check.name(), part.figures());
        }
        ctx.json(report);
    }
}
