package townhall.metrics;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import townhall.web.NotFound;

/**
 * {@code GET /metrics} in Prometheus' text format, for a scraper that sends {@code Authorization: Bearer <token>}
 * ({@code metrics.token}). Without a configured token the endpoint does not exist (404); a wrong or missing token
 * gets 401.
 */
public final class MetricsRoutes {
    private final Metrics metrics;
    private final byte[] token;

    public MetricsRoutes(Metrics metrics, String token) {
        this.metrics = metrics;
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        if (token.length == 0) {
            throw new NotFound();
        }
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ctx.status(401).contentType("text/plain; charset=utf-8").result("A bearer token is needed.\n");
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
