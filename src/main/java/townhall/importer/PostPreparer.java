package townhall.importer;

import static townhall.importer.DumpValues.NAME_MAX;
import static townhall.importer.DumpValues.cut;
import static townhall.importer.DumpValues.orNow;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.markdown.HtmlText;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.QuestionLinks;

/**
 * Reads a batch of Posts.xml into questions and answers ready to insert (on the reading thread): skips what
 * earlier runs imported and what is neither, sanitizes the HTML, finds each post's author and Markdown.
 */
final class PostPreparer {
    private static final int EXCERPT_CHARS = 240;
    private static final String DEFAULT_LICENSE = "CC BY-SA";

    private final String site;
    private final ImportStore store;
    private final MarkdownRenderer markdown;
    private final MemberImport members;

    PostPreparer(String site, ImportStore store, MarkdownRenderer markdown, MemberImport members) {
        this.site = site;
        this.store = store;
        this.markdown = markdown;
        this.members = members;
    }

    PostBatch prepare(List<Row> rows) {
        List<Row> posts = new ArrayList<>(rows.size());
        for (Row r : rows) {
            int type = r.integer("PostTypeId", 0);
            if (type == 1 || type == 2) posts.add(r);
        }
        Set<Long> postIds = new HashSet<>();
        Set<Long> ownerIds = new HashSet<>();
        for (Row r : posts) {
            postIds.add(r.id());
            Long parent = r.numberOrNull("ParentId");
            if (parent != null) postIds.add(parent);
            Long owner = r.numberOrNull("OwnerUserId");
            if (owner != null) ownerIds.add(owner);
        }
        // What earlier runs committed; parents written by batches still in flight are found by the writer.
        Map<Long, ImportStore.Mapped> known = store.mapped(site, ImportStore.POST, postIds);
        List<Row> fresh = posts.stream().filter(r -> !known.containsKey(r.id())).toList();
        Map<Long, Long> knownParents = new HashMap<>();
        known.forEach((external, mapped) -> knownParents.put(external, mapped.localId()));
        if (fresh.isEmpty()) {
            return new PostBatch(rows.size(), posts.size(), rows.size() - posts.size(), List.of(), knownParents, null);
        }
        List<PreparedPost> prepared = prepareFresh(fresh, ownerIds);
        Long closer = prepared.stream().anyMatch(p -> p.closedAt() != null) ? members.closer() : null;
        return new PostBatch(rows.size(), posts.size() - fresh.size(), rows.size() - posts.size(), prepared,
                knownParents, closer);
    }

    private List<PreparedPost> prepareFresh(List<Row> fresh, Set<Long> ownerIds) {
        Map<Long, ImportStore.Mapped> owners = store.mapped(site, ImportStore.MEMBER, ownerIds);
        Map<Long, String> sources = store.stagedMarkdown(site, fresh.stream().map(Row::id).toList());
        List<PreparedPost> prepared = new ArrayList<>(fresh.size());
        // Sanitizing is most of the reading thread's work; while the writers have little to do (at the start,
        // or with a spare core) a second thread shares it. The policy is immutable, so this is safe.
        List<String> sanitized = fresh.parallelStream()
                .map(r -> markdown.sanitizeHtml(r.text("Body", ""), LinkPolicy.NOFOLLOW)).toList();
        for (int i = 0; i < fresh.size(); i++) {
            Row r = fresh.get(i);
            prepared.add(prepare(r, owners, sanitized.get(i), sources.get(r.id())));
        }
        return prepared;
    }

    private PreparedPost prepare(Row r, Map<Long, ImportStore.Mapped> owners, String html, String source) {
        boolean question = r.integer("PostTypeId", 0) == 1;
        Long ownerId = r.numberOrNull("OwnerUserId");
        ImportStore.Mapped owner = ownerId == null ? null : owners.get(ownerId);
        long authorId = owner != null ? owner.localId() : members.placeholder();
        String originAuthor = owner != null && owner.name() != null && !owner.name().isBlank() ? owner.name()
                : r.text("OwnerDisplayName", ownerId != null ? "user" + ownerId : "a deleted user");
        String md = source;
        String text = question || md == null ? HtmlText.of(html) : null;
        if (md == null) {
            md = text; // no edit history in the dump: the text is the best source there is
        }
        LocalDateTime created = orNow(r.date("CreationDate"));
        LocalDateTime edited = r.date("LastEditDate");
        String title = question ? cut(r.text("Title", ""), 200) : null;
        LocalDateTime lastActivity = r.date("LastActivityDate");
        return new PreparedPost(r.id(), question, r.numberOrNull("ParentId"),
                new ImportStore.NewPost(question ? "question" : "answer", null, authorId, md,
                        html, r.integer("Score", 0), created,
                        edited, "https://" + site + (question ? "/q/" : "/a/") + r.id(),
                        cut(originAuthor, NAME_MAX), cut(r.text("ContentLicense", DEFAULT_LICENSE), 40)),
                title, question ? QuestionLinks.slugOf(title) : null,
                question ? HtmlText.excerpt(text, EXCERPT_CHARS) : null,
                question ? StackExchangeImporter.tagsOf(r.text("Tags", "")) : List.of(),
                r.numberOrNull("AcceptedAnswerId"),
                r.integer("ViewCount", 0), lastActivity != null ? lastActivity : created,
                r.date("ClosedDate"), edited != null ? edited : created);
    }
}
