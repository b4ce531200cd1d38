package townhall.account;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.Web;

/** A member's account settings (address, its confirmation, password) and the links that confirm an address. */
public final class SettingsRoutes {
    private final AddressService addresses;
    private final PasswordService passwords;
    private final Views views;

    public SettingsRoutes(AddressService addresses, PasswordService passwords, Views views) {
        this.addresses = addresses;
        this.passwords = passwords;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/settings", ctx -> Web.redirect(ctx, "/settings/account"));
        routes.get("/settings/account", ctx -> show(ctx, Map.of(), Map.of(), 200));
        routes.post("/settings/password", this::changePassword);
        routes.post("/settings/email", this::changeEmail);
        routes.post("/settings/email/resend", this::resend);
        routes.get("/account/confirm", ctx -> showConfirm(ctx, 200));
        routes.post("/account/confirm", this::confirm);
    }

    private void show(Context ctx, Map<String, String> form, Map<String, String> errors, int status) {
        Member viewer = Web.requireViewer(ctx);
        ctx.status(status);
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "account.settings.title"));
        model.put("member", viewer);
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done(ctx));
        model.put("minPasswordLength", AccountService.MIN_PASSWORD_LENGTH);
        views.render(ctx, "account/settings", model);
    }

    /** The notice after a change: which one, from a known list. */
    private static String done(Context ctx) {
        for (String done : new String[] {"password", "email", "resent", "confirmed", "reset"}) {
            if ("1".equals(ctx.queryParam(done))) {
                return "account.settings.done." + done;
            }
        }
        return "";
    }

    private void changePassword(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        try {
            passwords.change(viewer, ctx.formParam("current"), ctx.formParam("password"),
                    ctx.cookie(AccountRoutes.SESSION_COOKIE));
            Web.redirect(ctx, "/settings/account?password=1");
        } catch (InvalidInput e) {
            show(ctx, Map.of("section", "password"), views.errors(ctx, e), 422);
        }
    }

    private void changeEmail(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        String email = ctx.formParam("email") == null ? "" : ctx.formParam("email");
        try {
            addresses.requestChange(viewer, ctx.formParam("current"), email, views.locale(ctx).toLanguageTag());
            Web.redirect(ctx, "/settings/account?email=1");
        } catch (InvalidInput e) {
            show(ctx, Map.of("section", "email", "email", email), views.errors(ctx, e), 422);
        }
    }

    private void resend(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        addresses.resendConfirmation(viewer, views.locale(ctx).toLanguageTag());
        Web.redirect(ctx, "/settings/account?resent=1");
    }

    /** The link from the mail opens a page with one button: mail scanners that follow links do not use it up. */
    private void showConfirm(Context ctx, int status) {
        ctx.status(status);
        String token = ctx.queryParam("t") == null ? "" : ctx.queryParam("t");
        views.render(ctx, "account/confirm", Map.of("title", views.t(ctx, "account.confirm.title"),
                "token", token, "works", addresses.linkWorks(token)));
    }

    private void confirm(Context ctx) {
        String token = ctx.formParam("t") == null ? "" : ctx.formParam("t");
        try {
            if (addresses.confirm(token).isEmpty()) {
                showConfirm(ctx, 410);
                return;
            }
            Web.redirect(ctx, Web.viewer(ctx) != null ? "/settings/account?confirmed=1" : "/signin?confirmed=1");
        } catch (InvalidInput e) {
            ctx.status(409);
            views.render(ctx, "account/confirm", Map.of("title", views.t(ctx, "account.confirm.title"),
                    "token", token, "works", false, "error", views.errors(ctx, e).get("email")));
        }
    }
}
