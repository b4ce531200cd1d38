package townhall.app;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import townhall.account.Member;

/** What every request knows about itself: the signed-in member, and cookie writing with the site's rules. */
public final class Web {
    static final String VIEWER = "townhall.viewer";
    static final String SECURE = "townhall.secure";

    private Web() {}

    /** The signed-in member, or null for a visitor. */
    public static Member viewer(Context ctx) {
        return ctx.attribute(VIEWER);
    }

    /** The signed-in member; a visitor is sent to sign in and comes back here afterwards. */
    public static Member requireViewer(Context ctx) {
        Member viewer = viewer(ctx);
        if (viewer == null) {
            String back = ctx.method() == HandlerType.GET
                    ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                    : null;
            String target = "/signin" + (back == null ? "" : "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            throw new Redirect(target);
        }
        return viewer;
    }

    public static Member requireStaff(Context ctx) {
        Member viewer = requireViewer(ctx);
        if (!viewer.isStaff()) {
            throw new ForbiddenResponse("Only staff can do this.");
        }
        return viewer;
    }

    public static Member requireAdmin(Context ctx) {
        Member viewer = requireViewer(ctx);
        if (!viewer.isAdmin()) {
            throw new ForbiddenResponse("Only administrators can do this.");
        }
        return viewer;
    }

    /** Sets an HttpOnly, SameSite=Lax cookie for the whole site, Secure when the site is served over https. */
    public static void setCookie(Context ctx, String name, String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder()
                .append(name).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Lax; Max-Age=").append(maxAge.toSeconds());
        if (Boolean.TRUE.equals(ctx.attribute(SECURE))) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    public static void clearCookie(Context ctx, String name) {
        setCookie(ctx, name, "", Duration.ZERO);
    }

    /** A redirect target from a form or query, kept on this site. */
    public static String localPath(String candidate, String fallback) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.contains("\\")) {
            return fallback;
        }
        return candidate;
    }
}
