package townhall.account;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.NotAllowed;
import townhall.web.Web;
import townhall.i18n.Messages;

/** Register, sign in, sign out. */
public final class AccountRoutes {
    public static final String SESSION_COOKIE = "th_session";

    private final AccountService accounts;
    private final AddressService addresses;
    private final Views views;
    private final ExternalSignIn external;

    public AccountRoutes(AccountService accounts, AddressService addresses, Views views, ExternalSignIn external) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.views = views;
        this.external = external;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/register", ctx -> {
            if (external.only()) { // no sign-up here: the provider's sign-in creates the member
                showSignIn(ctx, Map.of(), "", 200);
            } else {
                showRegister(ctx, Map.of(), Map.of());
            }
        });
        routes.post("/register", ctx -> {
            refuseWhenProviderOnly();
            register(ctx);
        });
        routes.get("/signin", ctx -> showSignIn(ctx, Map.of(), "", 200));
        routes.post("/signin", ctx -> {
            refuseWhenProviderOnly();
            signIn(ctx);
        });
        routes.post("/signout", this::signOut);
        routes.post("/language", this::chooseLanguage);
    }

    /** The language menu: saved on the member when signed in, in a cookie for a visitor; back to the same page. */
    private void chooseLanguage(Context ctx) {
        String language = Messages.supported(ctx.formParam("language"));
        if (language == null) {
            throw new BadRequestResponse(views.t(ctx, "errors.language.unknown"));
        }
        Member viewer = Web.viewer(ctx);
        if (viewer != null) {
            accounts.setLanguage(viewer.id(), language);
        } else {
            Web.setCookie(ctx, Views.LANGUAGE_COOKIE, language, Duration.ofDays(365));
        }
        Web.redirect(ctx, Web.localPath(ctx.formParam("next"), "/"));
    }

    /** With single sign-on only, local passwords neither sign in nor sign up. */
    void refuseWhenProviderOnly() {
        if (external.only()) {
            throw new NotAllowed("sso.only");
        }
    }

    /** Before every page: who is signed in, from the session cookie. */
    public Member viewerOf(Context ctx) {
        return accounts.memberForSession(ctx.cookie(SESSION_COOKIE)).orElse(null);
    }

    private void showRegister(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "account.register.title"));
        model.put("form", form);
        model.put("errors", errors);
        model.put("minPasswordLength", AccountService.MIN_PASSWORD_LENGTH);
        views.render(ctx, "account/register", model);
    }

    private void register(Context ctx) {
        Map<String, String> form = new HashMap<>();
        form.put("username", orEmpty(ctx.formParam("username")));
        form.put("email", orEmpty(ctx.formParam("email")));
        try {
            Member member = addresses.signUp(new AccountService.Registration(form.get("username"), form.get("email"),
                    orEmpty(ctx.formParam("password"))), views.locale(ctx).toLanguageTag());
            startSession(ctx, accounts, accounts.openSession(member.id()));
            Web.redirect(ctx, "/?welcome=1");
        } catch (InvalidInput e) {
            ctx.status(422);
            showRegister(ctx, form, views.errors(ctx, e));
        }
    }

    private void showSignIn(Context ctx, Map<String, String> errors, String login, int status) {
        ctx.status(status);
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "account.signin.title"));
        model.put("errors", errors);
        model.put("login", login);
        model.put("confirmed", "1".equals(ctx.queryParam("confirmed")));
        model.put("next", Web.localPath(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"), ""));
        model.put("ssoName", external.providerName());
        model.put("ssoOnly", external.only());
        views.render(ctx, "account/signin", model);
    }

    private void signIn(Context ctx) {
        String login = orEmpty(ctx.formParam("login"));
        try {
            AccountService.SignedIn signedIn = accounts.signIn(login, ctx.formParam("password"), Web.clientIp(ctx));
            startSession(ctx, accounts, signedIn.sessionToken());
            Web.redirect(ctx, Web.localPath(ctx.formParam("next"), "/"));
        } catch (InvalidInput e) {
            showSignIn(ctx, views.errors(ctx, e), login, 422);
        } catch (AccountService.Throttled e) {
            showSignIn(ctx, Map.of("login", views.t(ctx, e.reason())), login, 429);
        }
    }

    private void signOut(Context ctx) {
        accounts.signOut(ctx.cookie(SESSION_COOKIE));
        Web.clearCookie(ctx, SESSION_COOKIE);
        String next = external.afterSignOut(ctx);
        if (next.startsWith("/")) {
            Web.redirect(ctx, next);
        } else {
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER); // the provider's end-session address
        }
    }

    /** Sets the session cookie after a sign-in, a sign-up or a password reset. */
    static void startSession(Context ctx, AccountService accounts, String token) {
        Web.setCookie(ctx, SESSION_COOKIE, token, accounts.sessionLength());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
