package townhall.account;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.Web;

/** "Forgot your password?": asking for a reset link, and setting a new password by it. */
public final class PasswordRoutes {
    private final PasswordService passwords;
    private final AccountService accounts;
    private final Views views;

    /** With single sign-on only there are no local passwords to forget or reset. */
    private final ExternalSignIn external;

    public PasswordRoutes(PasswordService passwords, AccountService accounts, Views views, ExternalSignIn external) {
        this.external = external;
        this.passwords = passwords;
        this.accounts = accounts;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.before("/password/*", ctx -> {
            if (external.only()) {
                throw new townhall.web.NotAllowed("sso.only");
            }
        });
        routes.get("/password/forgot", ctx -> showForgot(ctx, "", Map.of(), false));
        routes.post("/password/forgot", this::forgot);
        routes.get("/password/reset", ctx -> showReset(ctx, Map.of()));
        routes.post("/password/reset", this::reset);
    }

    private void showForgot(Context ctx, String login, Map<String, String> errors, boolean sent) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "account.forgot.title"));
        model.put("login", login);
        model.put("errors", errors);
        model.put("sent", sent);
        views.render(ctx, "account/forgot", model);
    }

    /** The same answer whether or not the account exists. */
    private void forgot(Context ctx) {
        String login = ctx.formParam("login") == null ? "" : ctx.formParam("login");
        try {
            passwords.requestReset(login, Web.clientIp(ctx), views.locale(ctx).toLanguageTag());
            showForgot(ctx, "", Map.of(), true);
        } catch (InvalidInput e) {
            ctx.status(422);
            showForgot(ctx, login, views.errors(ctx, e), false);
        } catch (AccountService.Throttled e) {
            ctx.status(429);
            showForgot(ctx, login, Map.of("login", views.t(ctx, e.reason())), false);
        }
    }

    private void showReset(Context ctx, Map<String, String> errors) {
        String token = token(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "account.reset.title"));
        model.put("token", token);
        model.put("works", passwords.linkWorks(token));
        model.put("errors", errors);
        model.put("minPasswordLength", AccountService.MIN_PASSWORD_LENGTH);
        views.render(ctx, "account/reset", model);
    }

    private void reset(Context ctx) {
        try {
            Member member = passwords.reset(token(ctx), ctx.formParam("password")).orElse(null);
            if (member == null) {
                ctx.status(410);
                showReset(ctx, Map.of());
                return;
            }
            AccountRoutes.startSession(ctx, accounts, accounts.openSession(member.id()));
            Web.redirect(ctx, "/settings/account?reset=1");
        } catch (InvalidInput e) {
            ctx.status(422);
            showReset(ctx, views.errors(ctx, e));
        }
    }

    private static String token(Context ctx) {
        String token = ctx.formParam("t") != null ? ctx.formParam("t") : ctx.queryParam("t");
        return token == null ? "" : token;
    }
}
