package townhall.notify;

import java.util.List;
import java.util.OptionalLong;

/**
 * What can be watched, as Q&A (which owns questions, tags and categories; wired in app/) knows it: found by what
 * a page's form sends (a question's id, a tag's name, a category's slug), and named for the settings page.
 */
public interface Watchables {
    OptionalLong find(Target target, String key);

    /** Each watch with a name and a site path, in a bounded number of queries; gone ones are left out. */
    List<Described> describe(List<WatchStore.Watch> watches);

    /** {@code key}: what the watch form sends for it (a question's id, a tag's name, a category's slug). */
    record Described(WatchStore.Watch watch, String name, String path, String key) {}
}
