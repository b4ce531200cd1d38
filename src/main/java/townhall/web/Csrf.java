package townhall.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF protection: an HttpOnly, SameSite cookie holds a random token, and every state-changing
 * request must send the same token as the {@code _csrf} form field or the {@code X-CSRF-Token} header.
 */
public final class Csrf {
    public static final String COOKIE = "th_csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String ATTRIBUTE = "townhall.csrf";

    private final SecureRandom random = new SecureRandom();
    private final Set<String> ownProofPaths;

    /**
     * {@code ownProofPaths}: site paths whose POST is checked by the route itself, from a signed link, because it
     * comes from a mail program that has no token (RFC 8058 one-click unsubscribe).
     */
    public Csrf(Set<String> ownProofPaths) {
        this.ownProofPaths = Set.copyOf(ownProofPaths);
    }

    /** Before every request: make sure the visitor has a token, and check it on every unsafe method. */
    public void handle(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        boolean valid = cookie != null && cookie.length() == 43;
        if (isUnsafe(ctx.method()) && !ownProofPaths.contains(Web.sitePath(ctx)) && Web.tokenGrant(ctx) == null) {
            String submitted = ctx.header(HEADER);
            if (submitted == null) {
                submitted = ctx.formParam(FIELD);
            }
            if (!valid || submitted == null || !MessageDigest.isEqual(
                    cookie.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII))) {
                throw new NotAllowed("errors.csrf");
            }
        }
        if (!valid) {
            cookie = newToken();
            Web.setCookie(ctx, COOKIE, cookie, Duration.ofDays(365));
        }
        ctx.attribute(ATTRIBUTE, cookie);
    }

    public static String token(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    private static boolean isUnsafe(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT
                || method == HandlerType.PATCH || method == HandlerType.DELETE;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
