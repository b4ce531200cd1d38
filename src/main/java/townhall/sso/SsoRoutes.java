package townhall.sso;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountRoutes;
import townhall.account.AccountService;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** {@code POST /sso/start} sends the browser to the provider; {@code GET /sso/callback} is where it comes back. */
public final class SsoRoutes {
    private static final Logger log = LoggerFactory.getLogger(SsoRoutes.class);
    static final String STATE_COOKIE = "th_sso_state";
    private static final String CALLBACK = "/sso/callback";

    private final SsoService sso;
    private final AccountService accounts;
    private final Views views;

    public SsoRoutes(SsoService sso, AccountService accounts, Views views) {
        this.sso = sso;
        this.accounts = accounts;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/sso/start", this::start);
        routes.get(CALLBACK, this::callback);
    }

    private void start(Context ctx) {
        requireEnabled();
        try {
            SsoService.Start start = sso.start(Web.publicBase(ctx) + CALLBACK, Web.localPath(ctx.formParam("next"), "/"));
            // binds the sign-in to this browser: a callback carried to another browser is refused
            Web.setCookie(ctx, STATE_COOKIE, start.state(), Duration.ofMinutes(10));
            ctx.redirect(start.providerAddress().toString(), HttpStatus.SEE_OTHER);
        } catch (SsoService.SsoFailure e) {
            failed(ctx, e);
        }
    }

    private void callback(Context ctx) {
        requireEnabled();
        String query = ctx.queryString();
        URI callback = URI.create(Web.publicBase(ctx) + CALLBACK + (query == null ? "" : "?" + query));
        try {
            SsoService.SignedIn signedIn = sso.finish(callback, ctx.cookie(STATE_COOKIE));
            Web.clearCookie(ctx, STATE_COOKIE);
            Web.setCookie(ctx, AccountRoutes.SESSION_COOKIE, signedIn.sessionToken(), accounts.sessionLength());
            Web.redirect(ctx, Web.localPath(signedIn.nextPath(), "/"));
        } catch (SsoService.SsoFailure e) {
            Web.clearCookie(ctx, STATE_COOKIE);
            failed(ctx, e);
        }
    }

    private void failed(Context ctx, SsoService.SsoFailure e) {
        log.warn("Single sign-on failed: {}", e.getMessage());
        ctx.status(e.reason().equals("sso.error.unreachable") ? 502 : 400);
        views.render(ctx, "account/sso_failed", Map.of("title", views.t(ctx, "sso.failed.title"),
                "explanation", views.t(ctx, e.reason())));
    }

    private void requireEnabled() {
        if (!sso.enabled()) {
            throw new NotFound();
        }
    }
}
