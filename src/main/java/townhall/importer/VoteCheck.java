package townhall.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Votes.xml: anonymous, so only a check of the scores taken from Posts.xml: the up and down votes on the imported
 * posts are counted and printed beside the sum of their scores.
 */
final class VoteCheck {
    private static final int UP = 2;
    private static final int DOWN = 3;

    private final ImportRun run;
    private final ImportStore store;

    VoteCheck(ImportRun run, ImportStore store) {
        this.run = run;
        this.store = store;
    }

    void checkVotes() {
        long[] upDown = new long[2];
        if (run.each("Votes.xml", this::countOnImportedPosts, batch -> {
            upDown[0] += batch.items().getFirst()[0];
            upDown[1] += batch.items().getFirst()[1];
            run.tick(batch.rows(), 0);
        })) {
            run.done(String.format(Locale.ROOT, "%,d rows: %,d up and %,d down votes on the imported posts "
                            + "(up minus down %,d; their scores from Posts.xml add up to %,d). Votes in a dump "
                            + "are anonymous: each post keeps its score, no votes are made up.",
                    run.rowsRead(), upDown[0], upDown[1], upDown[0] - upDown[1],
                    store.scoreOfImportedPosts(run.site())));
        }
    }

    /** The batch's up and down votes on posts that were imported, as one item: {@code {up, down}}. */
    private Batch<long[]> countOnImportedPosts(List<Row> rows) {
        Map<Long, long[]> perPost = new HashMap<>();
        for (Row r : rows) {
            int type = r.integer("VoteTypeId", 0);
            if (type == UP || type == DOWN) {
                perPost.computeIfAbsent(r.number("PostId"), id -> new long[2])[type == UP ? 0 : 1]++;
            }
        }
        long[] counted = new long[2];
        store.mapped(run.site(), ImportStore.POST, perPost.keySet()).keySet().forEach(id -> {
            counted[0] += perPost.get(id)[0];
            counted[1] += perPost.get(id)[1];
        });
        return new Batch<>(rows.size(), List.of(counted));
    }
}
