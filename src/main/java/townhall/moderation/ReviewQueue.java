package townhall.moderation;

import java.util.List;
import java.util.Map;

/** A page of the review queue: the open items, their authors' earlier decisions, the flags on each post. */
public record ReviewQueue(List<ModerationStore.Item> items, Map<Long, ModerationStore.History> history,
                          List<ModerationStore.FlagView> flags, int total) {

    /** The open flags on an item's post, or on its comment. */
    public List<ModerationStore.FlagView> flagsOf(ModerationStore.Item item) {
        return flags.stream().filter(f -> f.postId() == item.postId() && f.commentId() == item.commentId()).toList();
    }
}
