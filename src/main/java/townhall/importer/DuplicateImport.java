package townhall.importer;

import static townhall.importer.DumpValues.ids;
import static townhall.importer.DumpValues.orNow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.db.Database;

/** PostLinks.xml: the links that mark a question a duplicate of another close it as one, when both were imported. */
final class DuplicateImport {
    private static final int DUPLICATE_LINK = 3;

    private final ImportRun run;
    private final ImportStore store;
    private final Database database;
    private final MemberImport members;
    private final String site;
    private long marked;

    DuplicateImport(ImportRun run, ImportStore store, Database database, MemberImport members) {
        this.run = run;
        this.store = store;
        this.database = database;
        this.members = members;
        this.site = run.site();
    }

    /** Questions closed as duplicates. */
    long marked() {
        return marked;
    }

    void importDuplicates() {
        if (run.each("PostLinks.xml", this::prepare, this::write)) {
            run.done(Progress.count(run.rowsRead()) + " rows: " + Progress.count(marked)
                    + " questions closed as duplicates");
        }
    }

    private record LinkBatch(int rows, int alreadyImported, List<ImportStore.Duplicate> duplicates) {}

    private LinkBatch prepare(List<Row> rows) {
        List<Row> links = rows.stream().filter(r -> r.integer("LinkTypeId", 0) == DUPLICATE_LINK).toList();
        Map<Long, ImportStore.Mapped> done = store.mapped(site, ImportStore.DUPLICATE, ids(links, "Id"));
        List<Row> fresh = links.stream().filter(r -> !done.containsKey(r.id())).toList();
        Set<Long> postIds = new HashSet<>();
        for (Row r : fresh) {
            postIds.add(r.number("PostId"));
            postIds.add(r.number("RelatedPostId"));
        }
        Map<Long, ImportStore.Mapped> posts = store.mapped(site, ImportStore.POST, postIds);
        Set<Long> questionIds = store.questionsAmong(posts.values().stream()
                .map(ImportStore.Mapped::localId).toList());
        List<ImportStore.Duplicate> duplicates = new ArrayList<>();
        for (Row r : fresh) {
            ImportStore.Mapped duplicate = posts.get(r.number("PostId"));
            ImportStore.Mapped original = posts.get(r.number("RelatedPostId"));
            if (duplicate == null || original == null || duplicate.localId() == original.localId()
                    || !questionIds.contains(duplicate.localId()) || !questionIds.contains(original.localId())) {
                continue; // one side is not imported (or not a question): nothing to link
            }
            duplicates.add(new ImportStore.Duplicate(r.id(), duplicate.localId(), original.localId(),
                    members.closer(), orNow(r.date("CreationDate"))));
        }
        return new LinkBatch(rows.size(), links.size() - fresh.size(), duplicates);
    }

    private void write(LinkBatch batch) {
        run.countAlreadyImported(batch.alreadyImported());
        List<ImportStore.Duplicate> found = batch.duplicates();
        int closed = found.isEmpty() ? 0 : database.inTransaction(() -> {
            int n = store.closeAsDuplicates(found);
            store.map(site, ImportStore.DUPLICATE, found.stream()
                    .map(d -> new ImportStore.Mapping(d.linkId(), d.questionId(), null)).toList());
            return n;
        });
        marked += closed;
        run.tick(batch.rows(), closed);
    }
}
