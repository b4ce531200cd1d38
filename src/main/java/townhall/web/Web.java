package townhall.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What every request knows about itself: the signed-in member, and cookie writing with the site's rules. */
public final class Web {
    static final String VIEWER = "townhall.viewer";
    /** Set when the request proved who it is by an API token rather than a session cookie (see {@link #byToken}). */
    static final String TOKEN = "townhall.apiToken";

    /**
     * Marks the request as authenticated by an API token: it carries no cookie, so no cross-site request can forge
     * it, and CSRF tokens do not apply. {@code grant} is what the token allows, for the routes to ask.
     */
    public static void byToken(Context ctx, Object grant) {
        ctx.attribute(TOKEN, grant);
    }

    /** What the request's API token allows, or null when it came with a session cookie or nothing. */
    public static <T> T tokenGrant(Context ctx) {
        return ctx.attribute(TOKEN);
    }

    /** Set once the request's viewer is known (a visitor or a member) and its CSRF token in place. */
    static final String VIEWER_KNOWN = "townhall.viewerKnown";
    static final String SECURE = "townhall.secure";
    static final String PUBLIC_BASE = "townhall.publicBase";
    static final String CLIENT_IP = "townhall.clientIp";

    private Web() {}

    /**
     * The signed-in member, or null for a visitor, as the type the caller names: a request holds one kind of
     * viewer (the account feature's {@code Member}), so features read it without a cast.
     */
    public static <V extends Viewer> V viewer(Context ctx) {
        return ctx.attribute(VIEWER);
    }

    /** The signed-in member; a visitor is sent to sign in and comes back here afterwards. */
    public static <V extends Viewer> V requireViewer(Context ctx) {
        V viewer = viewer(ctx);
        if (viewer == null) {
            String back = ctx.method() == HandlerType.GET
                    ? sitePath(ctx) + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                    : null;
            String target = "/signin" + (back == null ? "" : "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            throw new Redirect(target);
        }
        return viewer;
    }

    public static <V extends Viewer> V requireStaff(Context ctx) {
        V viewer = requireViewer(ctx);
        if (!viewer.isStaff()) {
            throw new NotAllowed("errors.staffOnly");
        }
        return viewer;
    }

    public static <V extends Viewer> V requireAdmin(Context ctx) {
        V viewer = requireViewer(ctx);
        if (!viewer.isAdmin()) {
            throw new NotAllowed("errors.adminOnly");
        }
        return viewer;
    }

    /** Sets an HttpOnly, SameSite=Lax cookie for the whole site, Secure when the site is served over https. */
    public static void setCookie(Context ctx, String name, String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder()
                .append(name).append('=').append(value)
                .append("; Path=").append(prefix(ctx).isEmpty() ? "/" : prefix(ctx))
                .append("; HttpOnly; SameSite=Lax; Max-Age=").append(maxAge.toSeconds());
        if (Boolean.TRUE.equals(ctx.attribute(SECURE))) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    public static void clearCookie(Context ctx, String name) {
        setCookie(ctx, name, "", Duration.ZERO);
    }

    /** The path prefix the site is served under: {@code ""} at the root of a domain, or e.g. {@code "/community"}. */
    public static String prefix(Context ctx) {
        String contextPath = ctx.contextPath();
        return contextPath == null || contextPath.equals("/") ? "" : contextPath;
    }

    /** A site path such as {@code /q/12} as the address a browser follows: with the path prefix. */
    public static String path(Context ctx, String sitePath) {
        return prefix(ctx) + sitePath;
    }

    /** This request's path within the site, without the prefix: what routes and templates compare with. */
    public static String sitePath(Context ctx) {
        String path = ctx.path();
        String prefix = prefix(ctx);
        if (!prefix.isEmpty() && path.startsWith(prefix)) {
            path = path.substring(prefix.length());
        }
        return path.isEmpty() ? "/" : path;
    }

    /** Ends with "303 See Other" to a site path. */
    public static void redirect(Context ctx, String sitePath) {
        redirect(ctx, sitePath, HttpStatus.SEE_OTHER);
    }

    public static void redirect(Context ctx, String sitePath, HttpStatus status) {
        ctx.redirect(path(ctx, sitePath), status);
    }

    /** The public address of the site for this request, without a trailing slash, prefix included. */
    public static String publicBase(Context ctx) {
        return ctx.attribute(PUBLIC_BASE);
    }

    /** The visitor's IP address: from a trusted proxy's headers, or the connection's. */
    /** The numeric {id} of the request's path ("/idea/{id}"): one that is not a number names nothing, as a missing one. */
    public static long pathId(Context ctx) {
        return id(ctx.pathParam("id"));
    }

    /** A numeric id from a path or a form; one that is not a number is {@link NotFound}. */
    public static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }

    /** A form field as typed, or empty when it was not sent. */
    public static String formText(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    /** Whether the client takes a gzip body ({@code Accept-Encoding}, a weight of 0 refusing it). */
    public static boolean acceptsGzip(Context ctx) {
        String accepted = ctx.header("Accept-Encoding");
        if (accepted == null) {
            return false;
        }
        for (String coding : accepted.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                return parts.length < 2 || !parts[1].trim().matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    public static String clientIp(Context ctx) {
        String ip = ctx.attribute(CLIENT_IP);
        return ip != null ? ip : ctx.ip();
    }

    /** A list's page number from a query or form value: 1 when missing or not a number, at most 10,000. */
    public static int pageNumber(String value) {
        try {
            return value == null ? 1 : Math.max(1, Math.min(10_000, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A redirect target from a form or query, kept on this site. */
    public static String localPath(String candidate, String fallback) {
        return isLocalPath(candidate) ? candidate : fallback;
    }

    /**
     * A path on this site and nothing a browser could read as another host: browsers drop tabs and newlines and
     * read {@code \} as {@code /}, so {@code /<TAB>/evil.example} would become {@code //evil.example}.
     */
    private static boolean isLocalPath(String candidate) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//")
                || candidate.codePoints().anyMatch(Web::unsafeInPath)) {
            return false;
        }
        try {
            URI uri = new URI(candidate);
            return uri.getScheme() == null && uri.getRawAuthority() == null
                    && !uri.normalize().getRawPath().startsWith("//");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean unsafeInPath(int c) {
        return c == '\\' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT;
    }
}
