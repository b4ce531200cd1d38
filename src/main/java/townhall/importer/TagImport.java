package townhall.importer;

import java.util.LinkedHashSet;
import java.util.Set;
import townhall.db.Database;

/** Tags.xml: every tag whose name Townhall accepts, before the posts that carry them. */
final class TagImport {
    private final ImportRun run;
    private final ImportStore store;
    private final Database database;
    private long added;

    TagImport(ImportRun run, ImportStore store, Database database) {
        this.run = run;
        this.store = store;
        this.database = database;
    }

    /** Tags added. */
    long added() {
        return added;
    }

    void importTags() {
        if (run.each("Tags.xml", rows -> {
            Set<String> names = new LinkedHashSet<>();
            for (Row r : rows) {
                String name = StackExchangeImporter.tagName(r.text("TagName", ""));
                if (name != null) names.add(name);
            }
            return names;
        }, names -> {
            long created = database.inTransaction(() -> {
                long before = store.countTags(names);
                store.ensureTags(names);
                return names.size() - before;
            });
            added += created;
            run.tick(names.size(), created);
        })) {
            run.done(Progress.count(run.rowsRead()) + " tags: " + Progress.count(added) + " added");
        }
    }
}
