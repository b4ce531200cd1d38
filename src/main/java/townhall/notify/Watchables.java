package townhall.notify;

import java.util.List;
import java.util.OptionalLong;

/**
 * What can be watched, as Q&A (which owns questions, tags and categories; wired in app/) knows it: found by what
 * a page's form sends (a question's id, a tag's name, a category's slug), and named for the settings page.
 */
public interface Watchables {
    /**
     * What the member may watch, by what the form sends; empty for what does not exist or what they may not see (a
     * question or category hidden from them), alike.
     */
    OptionalLong find(Target target, String key, long memberId);

    /** Each watch with a name and a site path, in a bounded number of queries; gone ones are left out. */
    List<Described> describe(List<WatchStore.Watch> watches);

    /** {@code key}: what the watch form sends for it (a question's id, a tag's name, a category's slug). */
    record Described(WatchStore.Watch watch, String name, String path, String key) {}
}
