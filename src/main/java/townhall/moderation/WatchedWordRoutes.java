package townhall.moderation;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Staff's watched words at /admin/watched-words and the mentions feed of listened-for words at /admin/mentions. */
public final class WatchedWordRoutes {
    private final WatchedWords words;
    private final Privileges privileges;
    private final Views pages;

    public WatchedWordRoutes(WatchedWords words, Privileges privileges, Views pages) {
        this.words = words;
        this.privileges = privileges;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/watched-words", ctx -> show(ctx, Map.of(), Map.of()));
        routes.post("/admin/watched-words", this::add);
        routes.post("/admin/watched-words/{id}/delete", this::remove);
        routes.get("/admin/mentions", this::mentions);
    }

    private Member staff(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        if (!privileges.mayWatchWords(viewer)) {
            throw new NotAllowed("moderation.denied.words");
        }
        return viewer;
    }

    private void show(Context ctx, Map<String, String> form, Map<String, String> errors) {
        staff(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.words.title"));
        model.put("words", words.all());
        model.put("actions", WatchedWords.ACTIONS);
        model.put("form", form);
        model.put("errors", errors);
        pages.render(ctx, "moderation/watched_words", model);
    }

    private void add(Context ctx) {
        Member staff = staff(ctx);
        Map<String, String> form = new HashMap<>();
        for (String field : new String[] {"pattern", "action", "replacement", "message"}) {
            form.put(field, ctx.formParam(field) == null ? "" : ctx.formParam(field));
        }
        try {
            words.add(staff, form.get("pattern"), form.get("action"), form.get("replacement"), form.get("message"));
            Web.redirect(ctx, "/admin/watched-words");
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, form, pages.errors(ctx, e));
        }
    }

    private void remove(Context ctx) {
        Member staff = staff(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        words.remove(staff, id);
        Web.redirect(ctx, "/admin/watched-words");
    }

    private void mentions(Context ctx) {
        Member staff = staff(ctx);
        String word = ctx.queryParam("word");
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.mentions.title"));
        model.put("mentions", words.mentions(staff, word, 100));
        model.put("word", word == null ? "" : word);
        model.put("listened", words.all().stream().filter(w -> "listen".equals(w.action())).toList());
        pages.render(ctx, "moderation/mentions", model);
    }
}
