package townhall.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.db.Availability;

/**
 * The answer while the database is down: a visitor's page from the page cache however old, else a 503 with
 * {@code Retry-After}; a form that could not be saved comes back with what was typed and a button that sends it
 * again, so that nothing typed is lost to the outage.
 */
final class Unavailable {
    private Unavailable() {}

    static void respond(Views views, Context ctx, Availability database) {
        ctx.header("Retry-After", Integer.toString(database.retryAfterSeconds()));
        ctx.header("Cache-Control", "no-store");
        // only a known visitor: a member whose session could not be read is not shown a visitor's page
        if (ctx.method() == HandlerType.GET && ctx.attribute(Web.VIEWER_KNOWN) != null && views.serveStaleKeptPage(ctx)) {
            return;
        }
        if (WebServer.wantsJson(ctx)) {
            ctx.status(503).json(Map.of("error", views.t(ctx, "errors.explain.503")));
            return;
        }
        List<Field> fields = ctx.method() == HandlerType.POST && isPlainForm(ctx) ? typedFields(ctx) : List.of();
        Map<String, Object> more = fields.isEmpty() ? Map.of() : Map.of(
                "resend", Map.of("action", resendAction(ctx), "fields", fields, "typed", typedText(fields)));
        WebServer.errorPage(views, ctx, 503, null, more);
    }

    private static boolean isPlainForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    /** What the form sent, but never a password, which is not echoed into a page. */
    private static List<Field> typedFields(Context ctx) {
        List<Field> fields = new ArrayList<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).contains("password")) {
                values.forEach(value -> fields.add(new Field(name, value)));
            }
        });
        return fields;
    }

    /** The words a member typed (not the token, ids or choices), to copy if they prefer. */
    private static String typedText(List<Field> fields) {
        StringBuilder text = new StringBuilder();
        for (Field field : fields) {
            if (!field.name().equals(Csrf.FIELD) && field.value().strip().contains(" ")) {
                text.append(text.isEmpty() ? "" : "\n\n").append(field.value().strip());
            }
        }
        return text.toString();
    }

    private static String resendAction(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null ? "" : "?" + query);
    }

    /** A field of the refused form, sent again as it was. */
    public record Field(String name, String value) {}
}
