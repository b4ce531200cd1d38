package townhall.feeds;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.web.Web;

/**
 * The feeds a page has, for its {@code <link rel="alternate">} autodiscovery tags: the question lists, a tag's and a
 * category's list, a question (its answers), the FAQ. Each entry names a message key, a name for it, and the RSS and
 * Atom site paths.
 */
public final class FeedLinks {
    private static final Pattern TAG = Pattern.compile("/tags/([^/]+)");
    private static final Pattern CATEGORY = Pattern.compile("/c/([^/]+)");
    private static final Pattern QUESTION = Pattern.compile("/q/(\\d+)(/[^/]*)?");

    private FeedLinks() {}

    /** Adds {@code feeds} to a page's model. */
    public static void decorate(Context ctx, Map<String, Object> model) {
        List<Map<String, String>> feeds = forPage(Web.sitePath(ctx), ctx.queryParam("filter"));
        if (!feeds.isEmpty()) {
            model.put("feeds", feeds);
        }
    }

    static List<Map<String, String>> forPage(String path, String filter) {
        if (path.equals("/") || path.equals("/questions")) {
            return "unanswered".equals(filter) ? List.of(feed("feeds.link.unanswered", "", "unanswered"))
                    : List.of(feed("feeds.link.newest", "", "questions"), feed("feeds.link.unanswered", "", "unanswered"));
        }
        if (path.equals("/faq")) {
            return List.of(feed("feeds.link.faq", "", "faq"));
        }
        if (path.equals("/roadmap") || path.equals("/ideas")) {
            return List.of(feed("feeds.link.shipped", "", "shipped"));
        }
        if (path.equals("/announcements")) {
            return List.of(feed("feeds.link.announcements", "", "announcements"));
        }
        Matcher tag = TAG.matcher(path);
        if (tag.matches()) {
            return List.of(feed("feeds.link.tag", tag.group(1), "tags/" + tag.group(1)));
        }
        Matcher category = CATEGORY.matcher(path);
        if (category.matches()) {
            return List.of(feed("feeds.link.category", category.group(1), "c/" + category.group(1)));
        }
        Matcher question = QUESTION.matcher(path);
        if (question.matches()) {
            return List.of(feed("feeds.link.question", "", "q/" + question.group(1)));
        }
        return List.of();
    }

    private static Map<String, String> feed(String key, String name, String rest) {
        return Map.of("key", key, "name", name, "rss", "/feeds/rss/" + rest, "atom", "/feeds/atom/" + rest);
    }
}
