package townhall.mail;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxStore;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Viewer;
import townhall.web.Views;
import townhall.web.Web;

/**
 * /admin/mail: what was sent or kept, and what keeps failing with the SMTP server's answer; a test message to
 * oneself. /mail/unsubscribe: the one-click unsubscribe of bulk mail, without signing in.
 */
public final class MailRoutes {
    /** Its POST carries its own proof (a signed link) and comes from mail programs without a CSRF token. */
    public static final String UNSUBSCRIBE = Unsubscribes.PATH;
    private static final int SHOWN = 100;

    private final Mail mail;
    private final OutboxStore outbox;
    private final Views pages;

    public MailRoutes(Mail mail, OutboxStore outbox, Views pages) {
        this.mail = mail;
        this.outbox = outbox;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/mail", this::list);
        routes.get("/admin/mail/{id}", this::message);
        routes.get("/admin/mail/{id}/html", this::html);
        routes.post("/admin/mail/test", this::sendTest);
        routes.get(UNSUBSCRIBE, ctx -> unsubscribePage(ctx, false));
        routes.post(UNSUBSCRIBE, this::unsubscribe);
    }

    private void list(Context ctx) {
        Web.requireAdmin(ctx);
        List<MailStore.Message> messages = mail.store().latest(SHOWN);
        Map<Long, OutboxEntry> failures = outbox.troubledByRef(Mailer.TOPIC,
                messages.stream().map(MailStore.Message::id).toList());
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "mail.admin.title"));
        model.put("messages", messages);
        model.put("failures", failures);
        model.put("sends", mail.settings().sends());
        model.put("smtpHost", mail.settings().host());
        model.put("sent", "1".equals(ctx.queryParam("sent")));
        pages.render(ctx, "mail/admin", model);
    }

    private void message(Context ctx) {
        Web.requireAdmin(ctx);
        MailStore.Message message = mail.store().find(Web.pathId(ctx)).orElseThrow(NotFound::new);
        Map<String, Object> model = new HashMap<>();
        model.put("title", message.subject() == null ? message.template() : message.subject());
        model.put("message", message);
        OutboxEntry failure = outbox.troubledByRef(Mailer.TOPIC, List.of(message.id())).get(message.id());
        model.put("failure", failure);
        pages.render(ctx, "mail/admin_message", model);
    }

    /** The HTML part as the recipient's mail program shows it, sandboxed: no script, no form, nothing of the site. */
    private void html(Context ctx) {
        Web.requireAdmin(ctx);
        MailStore.Message message = mail.store().find(Web.pathId(ctx)).orElseThrow(NotFound::new);
        if (message.htmlBody() == null) {
            throw new NotFound();
        }
        ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'");
        ctx.html(message.htmlBody());
    }

    private void sendTest(Context ctx) {
        Viewer admin = Web.requireAdmin(ctx);
        String address = ctx.formParam("to") == null ? "" : ctx.formParam("to").strip();
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
            throw InvalidInput.of("to", "mail.admin.test.invalid");
        }
        mail.send(Letter.transactional(address, admin.id(), pages.locale(ctx).toLanguageTag(), "test",
                Map.of("path", "/admin/mail")));
        Web.redirect(ctx, "/admin/mail?sent=1");
    }

    private void unsubscribePage(Context ctx, boolean done) {
        String address = ctx.queryParam("a");
        if (!mail.validUnsubscribe(address, ctx.queryParam("t"))) {
            throw new NotFound();
        }
        pages.render(ctx, "mail/unsubscribe", Map.of("title", pages.t(ctx, "mail.unsubscribe.title"),
                "address", address, "token", ctx.queryParam("t"), "done", done));
    }

    /** One click, from the page or straight from the mail program (RFC 8058: "List-Unsubscribe=One-Click"). */
    private void unsubscribe(Context ctx) {
        String address = ctx.queryParam("a");
        if (!mail.validUnsubscribe(address, ctx.queryParam("t"))) {
            throw new NotFound();
        }
        mail.unsubscribe(address);
        unsubscribePage(ctx, true);
    }
}
