package townhall.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.db.Database;

/**
 * PostHistory.xml: each post's newest Markdown, staged until Posts.xml needs it (Posts.xml has only the
 * rendered HTML).
 */
final class MarkdownStaging {
    private final ImportRun run;
    private final ImportStore store;
    private final Database database;

    MarkdownStaging(ImportRun run, ImportStore store, Database database) {
        this.run = run;
        this.store = store;
        this.database = database;
    }

    void stageHistory() {
        long[] staged = new long[1];
        if (run.each("PostHistory.xml", this::newestMarkdown, batch -> {
            if (!batch.items().isEmpty()) {
                database.inTransaction(() -> store.stageMarkdown(run.site(), batch.items()));
            }
            staged[0] += batch.items().size();
            run.tick(batch.rows(), batch.items().size());
        })) {
            run.done(Progress.count(run.rowsRead()) + " rows: " + Progress.count(staged[0])
                    + " versions of Markdown kept for the posts to import");
        }
    }

    private Batch<ImportStore.HistoryText> newestMarkdown(List<Row> rows) {
        Map<Long, ImportStore.HistoryText> newest = new HashMap<>();
        for (Row r : rows) {
            int type = r.integer("PostHistoryTypeId", 0);
            String text = r.text("Text");
            // 2: initial body, 5: edited body, 8: rollback body; each holds the whole Markdown source
            if ((type == 2 || type == 5 || type == 8) && text != null) {
                long postId = r.number("PostId");
                ImportStore.HistoryText previous = newest.get(postId);
                if (previous == null || previous.historyId() < r.id()) {
                    newest.put(postId, new ImportStore.HistoryText(postId, r.id(), text));
                }
            }
        }
        // Posts an earlier run imported need no Markdown.
        store.mapped(run.site(), ImportStore.POST, newest.keySet()).keySet().forEach(newest::remove);
        return new Batch<>(rows.size(), List.copyOf(newest.values()));
    }
}
