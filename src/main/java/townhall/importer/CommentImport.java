package townhall.importer;

import static townhall.importer.DumpValues.cut;
import static townhall.importer.DumpValues.ids;
import static townhall.importer.DumpValues.orNow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import townhall.markdown.CommentFormatter;

/** Comments.xml: the comments on imported posts, each by its imported author or the placeholder. */
final class CommentImport {
    private static final int COMMENT_MAX = 600;

    private final ImportRun run;
    private final ImportStore store;
    private final CommentFormatter commentFormatter;
    private final MemberImport members;
    private final String site;
    private long added;

    CommentImport(ImportRun run, ImportStore store, CommentFormatter commentFormatter, MemberImport members) {
        this.run = run;
        this.store = store;
        this.commentFormatter = commentFormatter;
        this.members = members;
        this.site = run.site();
    }

    /** Comments added. */
    long added() {
        return added;
    }

    void importComments() {
        long before = run.alreadyImported();
        if (run.each("Comments.xml", StackExchangeImporter.WRITERS, this::prepare, (number, batch) -> write(batch))) {
            run.done(Progress.count(run.rowsRead()) + " rows: " + Progress.count(added) + " comments added, "
                    + Progress.count(run.alreadyImported() - before) + " already imported");
        }
    }

    private record CommentBatch(int rows, int alreadyImported, List<Long> externalIds,
                                List<ImportStore.NewComment> comments) {}

    private CommentBatch prepare(List<Row> rows) {
        Map<Long, ImportStore.Mapped> known = store.mapped(site, ImportStore.COMMENT, ids(rows, "Id"));
        List<Row> fresh = rows.stream().filter(r -> !known.containsKey(r.id())).toList();
        Map<Long, ImportStore.Mapped> posts = store.mapped(site, ImportStore.POST, ids(fresh, "PostId"));
        Map<Long, ImportStore.Mapped> authors = store.mapped(site, ImportStore.MEMBER, ids(fresh, "UserId"));
        List<Long> externalIds = new ArrayList<>();
        List<ImportStore.NewComment> newComments = new ArrayList<>();
        for (Row r : fresh) {
            ImportStore.Mapped post = posts.get(r.number("PostId"));
            if (post == null) continue; // on a post that was not imported (a tag wiki, say)
            Long userId = r.numberOrNull("UserId");
            ImportStore.Mapped author = userId == null ? null : authors.get(userId);
            String text = cut(r.text("Text", "").strip(), COMMENT_MAX);
            externalIds.add(r.id());
            newComments.add(new ImportStore.NewComment(post.localId(),
                    author != null ? author.localId() : members.placeholder(), text, commentFormatter.format(text),
                    orNow(r.date("CreationDate"))));
        }
        return new CommentBatch(rows.size(), rows.size() - fresh.size(), externalIds, newComments);
    }

    private void write(CommentBatch batch) {
        if (!batch.comments().isEmpty()) {
            run.transaction(() -> {
                List<Long> ids = store.insertComments(batch.comments());
                List<ImportStore.Mapping> mappings = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    mappings.add(new ImportStore.Mapping(batch.externalIds().get(i), ids.get(i), null));
                }
                store.map(site, ImportStore.COMMENT, mappings);
                return null;
            });
        }
        run.countAlreadyImported(batch.alreadyImported());
        synchronized (this) {
            added += batch.comments().size();
        }
        run.tick(batch.rows(), batch.comments().size());
    }
}
