package townhall.home;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.qa.Audience;
import townhall.qa.Category;
import townhall.qa.CategoryAccess;
import townhall.qa.PageCache;
import townhall.qa.CategoryStore;
import townhall.qa.QuestionStore;
import townhall.web.Views;
import townhall.web.Web;

/** The home page: support first ("How can we help?"), then what the community has answered, then what is new. */
public final class HomeRoutes {
    private static final int RECENT = 10;

    private final QuestionStore questions;
    private final CategoryStore categories;
    private final HomeHighlights highlights;
    private final Views pages;
    private final CategoryAccess access;

    public HomeRoutes(QuestionStore questions, CategoryStore categories, HomeHighlights highlights, Views pages,
                      CategoryAccess access) {
        this.access = access;
        this.questions = questions;
        this.categories = categories;
        this.highlights = highlights;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", this::home);
    }

    public record CategoryCard(Category category, int questions) {}

    private void home(Context ctx) {
        Member viewer = Web.viewer(ctx);
        Audience audience = access.of(ctx);
        QuestionStore.ListPage recent = questions.list(new QuestionStore.ListQuery(QuestionStore.Sort.ACTIVE,
                null, null, false, false, viewer != null && viewer.isStaff(), 1, RECENT, audience));
        HomeHighlights.Highlights current = highlights.current();
        if (!current.ready()) {
            PageCache.doNotKeep(ctx); // visitors get the highlights as soon as they are read
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "nav.home"));
        model.put("categories", cards(categories.visible(audience), current.questionsPerCategory()));
        model.put("questions", recent.questions());
        model.put("highlights", current);
        model.put("medianFirstAnswer", spoken(ctx, current.figures().medianFirstAnswer()));
        model.put("welcome", "1".equals(ctx.queryParam("welcome")));
        model.put("deleted", "question".equals(ctx.queryParam("deleted")));
        model.put("description", pages.t(ctx, "home.description"));
        model.put("canonical", "/");
        pages.render(ctx, "home", model);
    }

    private static List<CategoryCard> cards(List<Category> all, Map<Long, Integer> counts) {
        return all.stream().map(c -> new CategoryCard(c, counts.getOrDefault(c.id(), 0))).toList();
    }

    /** "45 minutes", "3 hours", "2 days", in the reader's language; null when there is nothing to say. */
    private String spoken(Context ctx, Duration duration) {
        if (duration == null) {
            return null;
        }
        long minutes = Math.max(1, duration.toMinutes());
        if (minutes < 90) {
            return pages.t(ctx, "home.figures.minutes", "count", minutes);
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 48) {
            return pages.t(ctx, "home.figures.hours", "count", hours);
        }
        return pages.t(ctx, "home.figures.days", "count", Math.round(hours / 24.0));
    }
}
