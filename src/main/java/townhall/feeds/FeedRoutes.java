package townhall.feeds;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import townhall.faq.FaqStore;
import townhall.qa.Category;
import townhall.qa.CategoryStore;
import townhall.qa.QuestionStore;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/**
 * RSS 2.0 and Atom feeds at {@code /feeds/rss/...} and {@code /feeds/atom/...}: newest questions, unanswered ones, a
 * tag's, a category's, a question's answers, FAQ updates. Always what an anonymous visitor sees, whoever asks.
 */
public final class FeedRoutes {
    private final FeedSource source;
    private final Views pages;
    private final Supplier<String> siteName;

    /** {@code size}: items per feed; {@code siteName}: the community's current name, for the feeds' titles. */
    public FeedRoutes(QuestionStore questions, CategoryStore categories, FaqStore faq, int size, Views pages,
                      Supplier<String> siteName) {
        this.source = new FeedSource(questions, categories, faq, size);
        this.pages = pages;
        this.siteName = siteName;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/feeds/{format}/questions", ctx -> send(ctx, new Feed(title(ctx, "feeds.title.newest", ""),
                pages.t(ctx, "feeds.description.newest"), "/questions", source.newest(null, null))));
        routes.get("/feeds/{format}/unanswered", ctx -> send(ctx, new Feed(title(ctx, "feeds.title.unanswered", ""),
                pages.t(ctx, "feeds.description.unanswered"), "/questions?filter=unanswered", source.unanswered())));
        routes.get("/feeds/{format}/tags/{tag}", this::tag);
        routes.get("/feeds/{format}/c/{slug}", this::category);
        routes.get("/feeds/{format}/q/{id}", this::question);
        routes.get("/feeds/{format}/faq", ctx -> send(ctx, new Feed(title(ctx, "feeds.title.faq", ""),
                pages.t(ctx, "feeds.description.faq"), "/faq", source.faqUpdates())));
    }

    private void tag(Context ctx) {
        String tag = ctx.pathParam("tag").toLowerCase(Locale.ROOT);
        List<FeedItem> items = source.newest(tag, null);
        send(ctx, new Feed(title(ctx, "feeds.title.tag", tag), pages.t(ctx, "feeds.description.tag", "name", tag),
                "/tags/" + tag, items));
    }

    private void category(Context ctx) {
        Category category = source.category(ctx.pathParam("slug")).orElseThrow(NotFound::new);
        send(ctx, new Feed(title(ctx, "feeds.title.category", category.name()),
                pages.t(ctx, "feeds.description.category", "name", category.name()), "/c/" + category.slug(),
                source.newest(null, category.slug())));
    }

    private void question(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        FeedSource.QuestionFeed question = source.answers(id).orElseThrow(NotFound::new);
        send(ctx, new Feed(title(ctx, "feeds.title.question", question.title()),
                pages.t(ctx, "feeds.description.question", "name", question.title()), question.path(),
                question.items()));
    }

    private String title(Context ctx, String key, String name) {
        return pages.t(ctx, key, "site", siteName.get(), "name", name);
    }

    private void send(Context ctx, Feed feed) {
        send(ctx, feed, pages);
    }

    /** Writes the feed in the format the address asks for (rss or atom); shared with {@link IdeaFeeds}. */
    static void send(Context ctx, Feed feed, Views pages) {
        FeedWriter.Format format = switch (ctx.pathParam("format")) {
            case "rss" -> FeedWriter.Format.RSS;
            case "atom" -> FeedWriter.Format.ATOM;
            default -> throw new NotFound();
        };
        String xml = FeedWriter.write(feed, format, Web.publicBase(ctx), Web.sitePath(ctx),
                pages.locale(ctx).toLanguageTag());
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(format.contentType).result(xml);
    }
}
