package townhall.outbox;

import java.util.List;

/**
 * What a topic's worker does with its entries: search indexing, sending email, delivering webhooks. A batch that
 * throws is tried again later, whole; one that returns is deleted.
 */
public interface OutboxHandler {
    /** The topic this handler drains, as written with {@link Outbox#add}. */
    String topic();

    /** How many entries one call to {@link #handle} takes (1 when each must succeed or fail on its own). */
    default int batchSize() { return 100; }

    /** Runs once on the worker's thread before the first batch (the search index's rebuild when it is missing). */
    default void starting() {}

    void handle(List<OutboxEntry> batch) throws Exception;

    /** Runs on the worker's thread after each look at the queue: upkeep, such as reopening an unusable index. */
    default void betweenPolls() {}
}
