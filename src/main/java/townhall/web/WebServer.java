package townhall.web;

import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Availability;
import io.javalin.Javalin;
import io.javalin.compression.Brotli;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.CompressionType;
import io.javalin.compression.Gzip;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javalin on virtual threads with the site-wide rules: headers, CSRF, the viewer, errors, the request log. */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final Logger requestLog = LoggerFactory.getLogger("townhall.request");
    private static final double SLOW_REQUEST_MS = 1000;

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

    /** On every response, Jetty's own error pages included. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "strict-origin-when-cross-origin",
            "X-Frame-Options", "DENY",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");

    private static final String ERROR_RENDERED = "townhall.errorRendered";
    private static final int MAX_UPLOAD_MB = 10;
    private static final int MAX_FORM_BYTES = 1_000_000;

    private final Javalin javalin;

    private WebServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts serving. {@code viewerOf} finds the signed-in member of a request; {@code ownProofPaths} are the site
     * paths whose POST carries its own proof instead of a CSRF token (a signed one-click link); {@code routes}
     * registers every feature's routes.
     */
    public static WebServer start(Config config, Views views, Availability database,
                                  Function<Context, ? extends Viewer> viewerOf, Set<String> ownProofPaths,
                                  Consumer<JavalinDefaultRoutingApi> routes) {
        return start(config, views, database, viewerOf, ownProofPaths, RequestTimer.NONE, routes);
    }

    /** As above; {@code timer} hears every request's duration by route template (the metrics). */
    public static WebServer start(Config config, Views views, Availability database,
                                  Function<Context, ? extends Viewer> viewerOf, Set<String> ownProofPaths,
                                  RequestTimer timer, Consumer<JavalinDefaultRoutingApi> routes) {
        Csrf csrf = new Csrf(ownProofPaths);
        PublicAddress publicAddress = new PublicAddress(config);
        String prefix = config.basePath();
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.jetty.port = config.getInt(Setting.PORT);
            // a stop closes the port, then gives requests under way this long to finish
            javalinConfig.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.http.maxRequestSize = 12_000_000L;
            // text is sent as brotli or gzip, as the client asks; kept pages carry their own gzip (qa.PageCache)
            javalinConfig.http.compressionStrategy = compression();
            javalinConfig.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            javalinConfig.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            javalinConfig.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrors(SECURITY_HEADERS)));
            javalinConfig.jetty.modifyServletContextHandler(
                    handler -> handler.setErrorHandler(new PlainErrors(SECURITY_HEADERS)));
            if (!prefix.isEmpty()) {
                javalinConfig.router.contextPath = prefix; // served under the base URL's path
            }
            javalinConfig.requestLogger.http((ctx, ms) -> {
                // every request at DEBUG; at INFO only the slow and the failed (a request log line costs about 3 %
                // of a page's CPU, and the reverse proxy keeps the access log)
                if (ms >= SLOW_REQUEST_MS || ctx.status().getCode() >= 500) {
                    requestLog.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms));
                } else if (requestLog.isDebugEnabled()) {
                    requestLog.debug("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms));
                }
                timer.record(ctx.method().name(), routeOf(ctx), ctx.status().getCode(), (long) (ms * 1_000_000));
            });
            JavalinDefaultRoutingApi api = javalinConfig.routes;
            api.before(ctx -> securityHeaders(ctx));
            api.before(ctx -> {
                PublicAddress.Resolved address = publicAddress.resolve(ctx);
                ctx.attribute(Web.SECURE, address.secure());
                ctx.attribute(Web.PUBLIC_BASE, address.base());
                ctx.attribute(Web.CLIENT_IP, address.clientIp());
            });
            api.before(ctx -> {
                if (isOversizedForm(ctx)) { // before anything reads the form: the text is neither parsed nor echoed
                    discardBody(ctx);
                    errorPage(views, ctx, 413, views.t(ctx, "errors.explain.413.form"));
                    ctx.skipRemainingHandlers();
                }
            });
            api.before(ctx -> {
                if (!isStatic(Web.sitePath(ctx))) {
                    ctx.attribute(Web.VIEWER, viewerOf.apply(ctx)); // first, so a refusal speaks the member's language
                    csrf.handle(ctx);
                    ctx.attribute(Web.VIEWER_KNOWN, true);
                    views.serveKeptPage(ctx); // needs the viewer (members get fresh pages) and the CSRF token
                }
            });
            routes.accept(api);
            api.exception(Redirect.class, (e, ctx) -> Web.redirect(ctx, e.location(), HttpStatus.SEE_OTHER));
            api.exception(NotAllowed.class, (e, ctx) -> {
                String reason = views.t(ctx, e.reason());
                if (wantsJson(ctx)) {
                    ctx.status(403).json(Map.of("error", reason));
                } else {
                    errorPage(views, ctx, 403, reason);
                }
            });
            api.exception(InvalidInput.class, (e, ctx) -> { // input no form takes back, such as a vote of "sideways"
                Map<String, String> errors = views.errors(ctx, e);
                if (wantsJson(ctx)) {
                    ctx.status(422).json(Map.of("errors", errors));
                } else {
                    errorPage(views, ctx, 422, String.join(" ", errors.values()));
                }
            });
            api.exception(NotFound.class, (e, ctx) -> errorPage(views, ctx, 404, null));
            // Javalin's own refusals carry its English status text ("Method Not Allowed"): the page says it in words
            api.exception(HttpResponseException.class, (e, ctx) -> errorPage(views, ctx, e.getStatus(),
                    HttpStatus.forStatus(e.getStatus()).getMessage().equals(e.getMessage()) ? null : e.getMessage()));
            api.exception(jakarta.servlet.ServletException.class, (e, ctx) -> {
                if (!causedBy(e, org.eclipse.jetty.http.BadMessageException.class)) {
                    log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                    errorPage(views, ctx, 500, null);
                } else if (String.valueOf(rootCause(e).getMessage()).contains("exceeded")) {
                    errorPage(views, ctx, 413, views.t(ctx, "errors.explain.413", "mb", MAX_UPLOAD_MB));
                } else {
                    errorPage(views, ctx, 400, views.t(ctx, "errors.explain.400"));
                }
            });
            api.exception(Exception.class, (e, ctx) -> {
                if (Availability.isOutage(e)) {
                    log.debug("Request {} {} refused: the database does not answer", ctx.method(), ctx.path());
                    Unavailable.respond(views, ctx, database);
                    return;
                }
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

    /** The template of the route that answered ({@code /q/{id}}), or {@code unmatched}. */
    private static String routeOf(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
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

    /**
     * Reads and drops a refused body up to 16 MB, so that the client, still sending it, gets the answer rather than a
     * connection closed under it; a longer one is cut off with the connection.
     */
    private static void discardBody(Context ctx) {
        if (ctx.contentLength() > MAX_DISCARDED_BYTES) {
            return;
        }
        try (var body = ctx.req().getInputStream()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static final long MAX_DISCARDED_BYTES = 16_000_000;

    /**
     * A plain (not multipart) form longer than {@value #MAX_FORM_BYTES} bytes: far beyond the longest text any form
     * takes (30,000 characters, some 180 KB URL-encoded in Cyrillic), so it is refused before it is read.
     */
    private static boolean isOversizedForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded") && ctx.contentLength() > MAX_FORM_BYTES;
    }

    private static boolean isStatic(String path) {
        return path.startsWith("/static/") || path.startsWith("/brand/") || path.equals("/health")
                || path.startsWith("/health/") || path.startsWith("/uploads/") || path.equals("/metrics");
    }

    /** Brotli when the client takes it (smaller than gzip at about the same cost), else gzip. */
    private static CompressionStrategy compression() {
        CompressionStrategy strategy = new CompressionStrategy(new Brotli(4), new Gzip(6));
        strategy.setPreferredCompressors(List.of(CompressionType.BR, CompressionType.GZIP));
        return strategy;
    }

    private static void securityHeaders(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
        ctx.header("Vary", "Accept-Encoding"); // a shared cache must not give a compressed copy to a client without
    }

    static void errorPage(Views views, Context ctx, int status, String message) {
        errorPage(views, ctx, status, message, Map.of());
    }

    /** Townhall's error page, with {@code more} for the template besides title, status and explanation. */
    static void errorPage(Views views, Context ctx, int status, String message, Map<String, Object> more) {
        ctx.status(status);
        if (Web.sitePath(ctx).startsWith("/api/")) { // the API answers in JSON, its errors too
            ctx.json(Map.of("status", status, "error", message != null && !message.isBlank() ? message
                    : views.t(ctx, status >= 500 ? "errors.explain.500" : status == 404 ? "errors.explain.404"
                    : "errors.explain.other")));
            return;
        }
        ctx.attribute(ERROR_RENDERED, true);
        String title = views.t(ctx, switch (status) {
            case 400, 403, 404, 405, 413, 429, 503 -> "errors.title." + status;
            case 422 -> "errors.title.422";
            default -> status >= 500 ? "errors.title.500" : "errors.title.other";
        });
        String explanation = switch (status) {
            case 404 -> views.t(ctx, "errors.explain.404");
            case 403 -> message != null && !message.isBlank() ? message : views.t(ctx, "errors.explain.403");
            case 500 -> views.t(ctx, "errors.explain.500");
            case 503 -> views.t(ctx, "errors.explain.503");
            default -> message == null || message.isBlank() ? views.t(ctx, "errors.explain.other") : message;
        };
        try {
            Map<String, Object> model = new java.util.HashMap<>(more);
            model.putAll(Map.of("title", title, "status", status, "explanation", explanation));
            views.render(ctx, "errors/error", model);
        } catch (RuntimeException renderFailure) {
            log.error("The error page itself failed", renderFailure);
            ctx.contentType("text/plain; charset=utf-8").result(title);
        }
    }

    static boolean wantsJson(Context ctx) {
        return Web.sitePath(ctx).startsWith("/api/") || String.valueOf(ctx.header("Accept")).contains("application/json");
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }
}
