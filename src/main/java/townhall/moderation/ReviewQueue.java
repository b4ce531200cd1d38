package townhall.moderation;

import java.util.List;
import java.util.Map;

/** A page of the review queue: the open items, their authors' earlier decisions, the flags on each post. */
public record ReviewQueue(List<ModerationStore.Item> items, Map<Long, ModerationStore.History> history,
                          Map<Long, List<ModerationStore.FlagView>> flags, int total) {}
