package townhall.feeds;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.function.Supplier;
import townhall.ideas.AnnouncementStore;
import townhall.qa.Audience;
import townhall.ideas.IdeaStatus;
import townhall.ideas.IdeaStore;
import townhall.web.Views;

/**
 * The feeds of ideas and announcements: ideas as they ship (the roadmap's Shipped column, newest first) at
 * {@code /feeds/{rss,atom}/shipped}, and announcements and events at {@code /feeds/{rss,atom}/announcements}.
 */
public final class IdeaFeeds {
    private final IdeaStore ideas;
    private final AnnouncementStore announcements;
    private final int size;
    private final Views pages;
    private final Supplier<String> siteName;

    public IdeaFeeds(IdeaStore ideas, AnnouncementStore announcements, int size, Views pages, Supplier<String> siteName) {
        this.ideas = ideas;
        this.announcements = announcements;
        this.size = size;
        this.pages = pages;
        this.siteName = siteName;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/feeds/{format}/shipped", this::shipped);
        routes.get("/feeds/{format}/announcements", this::announcements);
    }

    private void shipped(Context ctx) {
        List<FeedItem> items = ideas.inStatus(IdeaStatus.SHIPPED, null, size, Audience.ANONYMOUS).stream()
                .map(i -> new FeedItem(i.title(), i.path(), i.author().username(), null,
                        i.hasResponse() ? i.responseHtml() : i.bodyHtml(), i.tags(), i.statusAt(), i.statusAt()))
                .toList();
        FeedRoutes.send(ctx, new Feed(pages.t(ctx, "feeds.title.shipped", "site", siteName.get()),
                pages.t(ctx, "feeds.description.shipped"), "/roadmap", items), pages);
    }

    private void announcements(Context ctx) {
        List<FeedItem> items = announcements.latest(size).stream()
                .map(a -> new FeedItem(a.title(), a.path(), a.author().username(), null, a.bodyHtml(), List.of(),
                        a.createdAt(), a.createdAt()))
                .toList();
        FeedRoutes.send(ctx, new Feed(pages.t(ctx, "feeds.title.announcements", "site", siteName.get()),
                pages.t(ctx, "feeds.description.announcements"), "/announcements", items), pages);
    }
}
