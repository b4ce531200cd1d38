package townhall.app;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.Member;

/** Javalin on virtual threads with the site-wide rules: headers, CSRF, the viewer, errors, the request log. */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final Logger requestLog = LoggerFactory.getLogger("townhall.request");

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final String ERROR_RENDERED = "townhall.errorRendered";
    private static final int MAX_UPLOAD_MB = 10;

    private final Javalin javalin;

    private WebServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts serving. {@code viewerOf} finds the signed-in member of a request; {@code routes} registers
     * every feature's routes.
     */
    public static WebServer start(Config config, Views views, Function<Context, Member> viewerOf,
                                  Consumer<JavalinDefaultRoutingApi> routes) {
        Csrf csrf = new Csrf();
        PublicAddress publicAddress = new PublicAddress(config);
        String prefix = config.basePath();
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.jetty.port = config.getInt(Setting.PORT);
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.http.maxRequestSize = 12_000_000L;
            javalinConfig.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            javalinConfig.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            if (!prefix.isEmpty()) {
                javalinConfig.router.contextPath = prefix; // served under the base URL's path
            }
            javalinConfig.requestLogger.http((ctx, ms) -> requestLog.info("{} {} {} {}ms",
                    ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms)));
            JavalinDefaultRoutingApi api = javalinConfig.routes;
            api.before(ctx -> securityHeaders(ctx));
            api.before(ctx -> {
                PublicAddress.Resolved address = publicAddress.resolve(ctx);
                ctx.attribute(Web.SECURE, address.secure());
                ctx.attribute(Web.PUBLIC_BASE, address.base());
                ctx.attribute(Web.CLIENT_IP, address.clientIp());
            });
            api.before(ctx -> {
                if (!isStatic(Web.sitePath(ctx))) {
                    csrf.handle(ctx);
                    ctx.attribute(Web.VIEWER, viewerOf.apply(ctx));
                }
            });
            routes.accept(api);
            api.exception(Redirect.class, (e, ctx) -> Web.redirect(ctx, e.location(), HttpStatus.SEE_OTHER));
            api.exception(NotAllowed.class, (e, ctx) -> errorPage(views, ctx, 403, e.getMessage()));
            api.exception(NotFound.class, (e, ctx) -> errorPage(views, ctx, 404, null));
            api.exception(HttpResponseException.class, (e, ctx) -> errorPage(views, ctx, e.getStatus(), e.getMessage()));
            api.exception(jakarta.servlet.ServletException.class, (e, ctx) -> {
                if (!causedBy(e, org.eclipse.jetty.http.BadMessageException.class)) {
                    log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                    errorPage(views, ctx, 500, null);
                } else if (String.valueOf(rootCause(e).getMessage()).contains("exceeded")) {
                    errorPage(views, ctx, 413, "The upload is larger than this site accepts (" + MAX_UPLOAD_MB
                            + " MB). Go back and choose a smaller file.");
                } else {
                    errorPage(views, ctx, 400, "The form could not be read. Go back, reload the page and try again.");
                }
            });
            api.exception(Exception.class, (e, ctx) -> {
                log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                errorPage(views, ctx, 500, null);
            });
            api.error(404, ctx -> {
                if (ctx.attribute(ERROR_RENDERED) == null) {
                    errorPage(views, ctx, 404, null);
                }
            });
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot listen on port " + config.get(Setting.PORT)
                    + " (is another program using it? set TOWNHALL_PORT): " + e.getMessage(), e);
        }
        return new WebServer(javalin);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isStatic(String path) {
        return path.startsWith("/static/") || path.startsWith("/brand/") || path.equals("/health");
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private static void errorPage(Views views, Context ctx, int status, String message) {
        ctx.status(status);
        ctx.attribute(ERROR_RENDERED, true);
        String title = switch (status) {
            case 400 -> "That request was not understood";
            case 403 -> "You cannot do that";
            case 404 -> "Page not found";
            case 405 -> "That is not allowed here";
            case 413 -> "That is too large";
            case 429 -> "Slow down a little";
            default -> status >= 500 ? "Something went wrong on our side" : "That did not work";
        };
        String explanation = switch (status) {
            case 404 -> "There is nothing at this address. It may have moved, or the link may be mistyped.";
            case 403 -> message != null && !message.isBlank() && !message.equals("Forbidden")
                    ? message : "Your account does not have permission for this.";
            case 500 -> "We could not finish your request. It has been logged; please try again in a moment.";
            default -> message == null || message.isBlank() ? "Please go back and try again." : message;
        };
        try {
            views.render(ctx, "errors/error", Map.of("title", title, "status", status, "explanation", explanation));
        } catch (RuntimeException renderFailure) {
            log.error("The error page itself failed", renderFailure);
            ctx.contentType("text/plain; charset=utf-8").result(title);
        }
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }
}
