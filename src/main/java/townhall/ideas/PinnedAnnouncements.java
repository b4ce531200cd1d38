package townhall.ideas;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import townhall.web.Web;

/**
 * What the home page and a category's page show of announcements: those pinned there, and on the home page the
 * next events. The page decorator in {@code app/} asks it for every page; it reads only for those two kinds.
 * Anonymous visitors may see a kept copy of those pages for up to {@code page.cache.seconds}.
 */
public final class PinnedAnnouncements {
    private final AnnouncementStore store;
    private final Clock clock;

    public PinnedAnnouncements(AnnouncementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void decorate(Context ctx, Map<String, Object> model) {
        String path = Web.sitePath(ctx);
        LocalDateTime now = LocalDateTime.now(clock);
        if (path.equals("/")) {
            List<Announcement> home = store.forHome(now, 40);
            model.put("pinnedAnnouncements", home.stream()
                    .filter(a -> a.categoryId() == null && a.pinnedUntil() != null && a.pinnedUntil().isAfter(now))
                    .sorted(Comparator.comparing(Announcement::createdAt).reversed()).limit(5).toList());
            model.put("upcomingEvents", home.stream()
                    .filter(a -> a.event() && !(a.endsAt() != null ? a.endsAt() : a.startsAt()).isBefore(now))
                    .limit(3).toList());
        } else if (path.startsWith("/c/") && path.indexOf('/', 3) < 0 && !model.containsKey("pinnedAnnouncements")) {
            model.put("pinnedAnnouncements", store.pinned(path.substring(3), now));
        }
    }
}
