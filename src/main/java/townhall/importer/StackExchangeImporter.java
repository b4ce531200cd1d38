package townhall.importer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import townhall.account.PasswordHasher;
import townhall.db.Database;
import townhall.markdown.CommentFormatter;
import townhall.markdown.HtmlText;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.CategoryStore;
import townhall.qa.QuestionLinks;

/**
 * Imports a Stack Exchange data dump (the XML files of one site) into Townhall: members, tags, questions, answers,
 * comments, accepted answers and duplicate closures, each post with its attribution (author, link, licence).
 *
 * <p>Every file is streamed and handled in batches, each batch in one transaction with a few multi-row
 * statements, so memory stays flat whatever the dump's size. What each batch creates is recorded in
 * {@code import_map} under the source's ids in the same transaction, so running the import again (or after an
 * interruption) adds only what is not there yet.
 */
public final class StackExchangeImporter {
    static final int BATCH_ROWS = 1000;
    static final int BATCH_CHARS = 4_000_000;
    /** Writer threads for the files whose batches do not depend on each other's order (much): posts, comments. */
    static final int WRITERS = 2;
    private static final int EXCERPT_CHARS = 240;
    private static final int COMMENT_MAX = 600;
    private static final int NAME_MAX = 100;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+#.-]{0,34}"); // as QaService
    private static final Pattern TAG_SPLIT = Pattern.compile("[<>|]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final long COMMUNITY_USER = -1;
    private static final String DEFAULT_LICENSE = "CC BY-SA";

    private final Database database;
    private final ImportStore store;
    private final CategoryStore categories;
    private final MarkdownRenderer markdown;
    private final CommentFormatter commentFormatter;
    private final PrintStream out;
    private final Runnable afterImport;

    /**
     * @param afterImport runs once the import has ended, for whatever must follow the new content (search indexing)
     */
    public StackExchangeImporter(Database database, MarkdownRenderer markdown, CommentFormatter commentFormatter,
                                 PrintStream out, Runnable afterImport) {
        this.database = database;
        this.store = new ImportStore(database.dsl());
        this.categories = new CategoryStore(database.dsl());
        this.markdown = markdown;
        this.commentFormatter = commentFormatter;
        this.out = out;
        this.afterImport = afterImport;
    }

    /** What one run added, and how fast. */
    public record Summary(String site, long members, long tags, long questions, long answers, long comments,
                          long acceptedAnswers, long duplicates, long alreadyImported, double postsSeconds,
                          double totalSeconds) {
        public long posts() { return questions + answers; }

        /** Posts added per second of the Posts.xml phase. */
        public double postsPerSecond() { return posts() / Math.max(1e-9, postsSeconds); }

        /** Posts added per second of the whole import, every file included. */
        public double overallPostsPerSecond() { return posts() / Math.max(1e-9, totalSeconds); }
    }

    /** The site's host name as used in links and as the import's source key: the folder's name by default. */
    public static String siteOf(Path folder, String override) {
        String site = (override == null || override.isBlank() ? folder.toAbsolutePath().normalize().getFileName()
                .toString() : override.strip()).toLowerCase(Locale.ROOT);
        site = site.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (!HOST.matcher(site).matches() || site.length() > 100) {
            throw new IllegalStateException("\"" + site + "\" is not a site's host name, such as "
                    + "beer.stackexchange.com: name the folder after the site or give --site.");
        }
        return site;
    }

    /** Refuses a folder that is not an unpacked dump, before anything is started. */
    public static void requireDump(Path folder) {
        if (!Files.isRegularFile(folder.resolve("Posts.xml"))) {
            throw new IllegalStateException(folder + " holds no Posts.xml: give the folder of an unpacked "
                    + "Stack Exchange dump (Posts.xml, Users.xml, Comments.xml, ...)");
        }
    }

    /** Imports the dump in {@code folder}; {@code site} is its host name, see {@link #siteOf}. */
    public Summary run(Path folder, String site) {
        requireDump(folder);
        long started = System.nanoTime();
        out.println("Importing " + site + " from " + folder.toAbsolutePath().normalize());
        // Loading the transliteration rules behind slugs takes most of a second: do it while Users.xml is read.
        Thread.ofPlatform().name("import-warm-up").daemon().start(() -> {
            QuestionLinks.slugOf("Première question");
            markdown.sanitizeHtml("<p>A <a href=\"https://example.com\">link</a></p>", LinkPolicy.NOFOLLOW);
        });
        Run run = new Run(folder, site);
        run.members();
        run.tags();
        run.history();
        run.posts();
        int accepted = database.inTransaction(() -> store.applyAccepted(site));
        out.printf(Locale.ROOT, "  %-16s %,d questions marked%n", "Accepted answers", accepted);
        run.duplicates();
        run.comments();
        run.votes();
        database.inTransaction(() -> store.clearStage(site));
        afterImport.run();
        double total = (System.nanoTime() - started) / 1e9;
        Summary summary = new Summary(site, run.members, run.tags, run.questions, run.answers, run.comments,
                accepted, run.duplicates, run.alreadyImported, run.postsSeconds, total);
        out.printf(Locale.ROOT, "Imported %s in %.1f s: %,d members, %,d questions, %,d answers, %,d comments, "
                        + "%,d accepted answers, %,d duplicates; %,d rows were already imported.%n",
                site, total, summary.members(), summary.questions(), summary.answers(), summary.comments(),
                accepted, summary.duplicates(), summary.alreadyImported());
        out.printf(Locale.ROOT, "Posts: %,.0f a second while reading Posts.xml, %,.0f a second over the whole import.%n",
                summary.postsPerSecond(), summary.overallPostsPerSecond());
        return summary;
    }

    /** The state of one import run: counters, and the few ids every batch needs. */
    private final class Run {
        private final Path folder;
        private final String site;
        private final Usernames usernames = new Usernames();
        private final Set<String> usernamesInFlight = new HashSet<>();
        private final String unusablePassword;
        private long categoryId;
        private Long placeholderId;
        private Long closerId;
        private Progress current;
        private long rowsRead;
        private long added;
        long members;
        long tags;
        long questions;
        long answers;
        long comments;
        long duplicates;
        long alreadyImported;
        long skippedPosts;
        double postsSeconds;

        Run(Path folder, String site) {
            this.folder = folder;
            this.site = site;
            // Imported members cannot sign in: their hash is of a random secret that is thrown away at once.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            this.unusablePassword = new PasswordHasher().hash(Base64.getEncoder().encodeToString(secret));
        }

        /**
         * Streams one file through {@code prepare} (on a reading thread: parsing, lookups of what earlier runs
         * and phases committed, CPU work) and {@code write} (on this thread: the batch's transactions).
         */
        private <T> boolean each(String file, Function<List<Row>, T> prepare, Consumer<T> write) {
            return each(file, 1, prepare, (number, batch) -> write.accept(batch));
        }

        /** As above, with {@code writers} threads writing batches at once, for files whose batches allow it. */
        private <T> boolean each(String file, int writers, Function<List<Row>, T> prepare, Pipeline.Writer<T> write) {
            Path path = folder.resolve(file);
            rowsRead = 0;
            added = 0;
            if (!Files.isRegularFile(path)) {
                out.printf(Locale.ROOT, "  %-16s not in the dump, skipped%n", file);
                return false;
            }
            try (DumpReader reader = DumpReader.open(path)) {
                current = new Progress(out, file, reader::fraction);
                Pipeline.run(reader, BATCH_ROWS, BATCH_CHARS, writers, prepare, write);
            }
            return true;
        }

        private synchronized void tick(int rows, long newlyAdded) {
            rowsRead += rows;
            added += newlyAdded;
            current.update(rowsRead, added);
        }

        /**
         * Runs the work in a transaction, again if the database chose it to break a deadlock between the writers
         * (it rolled it back, so running it again is safe).
         */
        private <R> R transaction(java.util.concurrent.Callable<R> work) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return database.inTransaction(() -> work.call());
                } catch (org.jooq.exception.DataAccessException e) {
                    if (attempt >= 5 || !isDeadlock(e)) throw e;
                }
            }
        }

        // ---- Users.xml ---------------------------------------------------------------------------------------

        void members() {
            long before = alreadyImported;
            if (each("Users.xml", WRITERS, this::prepareMembers, (number, batch) -> writeMembers(batch))) {
                current.done(Progress.count(rowsRead) + " rows: " + Progress.count(members) + " members added, "
                        + Progress.count(alreadyImported - before) + " already imported");
            }
        }

        private record MemberBatch(int rows, List<Row> fresh, List<String> bases) {}

        private MemberBatch prepareMembers(List<Row> rows) {
            Map<Long, ImportStore.Mapped> known = store.mapped(site, ImportStore.MEMBER, ids(rows, "Id"));
            List<Row> fresh = rows.stream().filter(r -> !known.containsKey(r.id())).toList();
            List<String> bases = fresh.stream().map(r -> usernames.base(r.text("DisplayName"), r.id())).toList();
            return new MemberBatch(rows.size(), fresh, bases);
        }

        private void writeMembers(MemberBatch batch) {
            List<Row> fresh = batch.fresh();
            if (!fresh.isEmpty()) {
                List<String> names = reserveUsernames(fresh, batch.bases());
                try {
                    transaction(() -> {
                        List<ImportStore.NewMember> newMembers = new ArrayList<>(fresh.size());
                        for (int i = 0; i < fresh.size(); i++) {
                            Row r = fresh.get(i);
                            newMembers.add(new ImportStore.NewMember(names.get(i), emailOf("user" + r.id()),
                                    unusablePassword, orNow(r.date("CreationDate"))));
                        }
                        List<Long> ids = store.insertMembers(newMembers);
                        List<ImportStore.Mapping> mappings = new ArrayList<>(fresh.size());
                        for (int i = 0; i < fresh.size(); i++) {
                            mappings.add(new ImportStore.Mapping(fresh.get(i).id(), ids.get(i),
                                    cut(fresh.get(i).text("DisplayName", ""), NAME_MAX)));
                        }
                        store.map(site, ImportStore.MEMBER, mappings);
                        return null;
                    });
                } finally {
                    synchronized (usernamesInFlight) {
                        names.forEach(name -> usernamesInFlight.remove(lower(name)));
                    }
                }
            }
            synchronized (this) {
                alreadyImported += batch.rows() - fresh.size();
                members += fresh.size();
            }
            tick(batch.rows(), fresh.size());
        }

        /**
         * A free username per row: the display name made valid, or with the source id after it on a clash. Names
         * another writer chose but has not committed yet count as taken until it has.
         */
        private List<String> reserveUsernames(List<Row> fresh, List<String> bases) {
            synchronized (usernamesInFlight) {
                Set<String> candidates = new HashSet<>();
                for (int i = 0; i < fresh.size(); i++) {
                    candidates.add(bases.get(i));
                    candidates.add(Usernames.withSuffix(bases.get(i), "-" + Math.abs(fresh.get(i).id())));
                }
                Set<String> taken = new HashSet<>(usernamesInFlight);
                taken.addAll(store.takenUsernames(candidates));
                List<String> chosen = new ArrayList<>(fresh.size());
                for (int i = 0; i < fresh.size(); i++) {
                    String base = bases.get(i);
                    long id = fresh.get(i).id();
                    String name = taken.contains(lower(base)) ? Usernames.withSuffix(base, "-" + Math.abs(id)) : base;
                    for (int n = 2; taken.contains(lower(name)); n++) {
                        // rare: the name with the source id after it is taken too
                        name = Usernames.withSuffix(base, "-" + Math.abs(id) + "-" + n);
                        taken.addAll(store.takenUsernames(List.of(name)));
                    }
                    taken.add(lower(name));
                    usernamesInFlight.add(lower(name));
                    chosen.add(name);
                }
                return chosen;
            }
        }

        private String emailOf(String localPart) {
            return "se-" + localPart + "@" + site + ".invalid";
        }

        /** The member standing in for authors the dump no longer has (deleted accounts); made when first needed. */
        private synchronized long placeholder() {
            if (placeholderId == null) {
                ImportStore.Mapped known = store.mapped(site, ImportStore.PLACEHOLDER, List.of(0L)).get(0L);
                if (known != null) {
                    placeholderId = known.localId();
                } else {
                    placeholderId = database.inTransaction(() -> {
                        String name = "deleted-user";
                        for (int n = 2; !store.takenUsernames(List.of(name)).isEmpty(); n++) {
                            name = "deleted-user-" + n;
                        }
                        long id = store.insertMembers(List.of(new ImportStore.NewMember(name,
                                emailOf("deleted"), unusablePassword, orNow(null)))).getFirst();
                        store.map(site, ImportStore.PLACEHOLDER, List.of(new ImportStore.Mapping(0, id, null)));
                        return id;
                    });
                }
            }
            return placeholderId;
        }

        /** Who closes questions on the source's behalf: its Community user, or the placeholder. */
        private synchronized long closer() {
            if (closerId == null) {
                ImportStore.Mapped community = store.mapped(site, ImportStore.MEMBER, List.of(COMMUNITY_USER))
                        .get(COMMUNITY_USER);
                closerId = community != null ? community.localId() : placeholder();
            }
            return closerId;
        }

        // ---- Tags.xml ----------------------------------------------------------------------------------------

        void tags() {
            if (each("Tags.xml", rows -> {
                Set<String> names = new LinkedHashSet<>();
                for (Row r : rows) {
                    String name = tagName(r.text("TagName", ""));
                    if (name != null) names.add(name);
                }
                return names;
            }, names -> {
                long created = database.inTransaction(() -> {
                    long before = store.countTags(names);
                    store.ensureTags(names);
                    return names.size() - before;
                });
                tags += created;
                tick(names.size(), created);
            })) {
                current.done(Progress.count(rowsRead) + " tags: " + Progress.count(tags) + " added");
            }
        }

        // ---- PostHistory.xml: each post's newest Markdown, staged until Posts.xml needs it -------------------

        void history() {
            long[] staged = new long[1];
            if (each("PostHistory.xml", rows -> {
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
                store.mapped(site, ImportStore.POST, newest.keySet()).keySet().forEach(newest::remove);
                return new Batch<>(rows.size(), List.copyOf(newest.values()));
            }, batch -> {
                if (!batch.items().isEmpty()) {
                    database.inTransaction(() -> store.stageMarkdown(site, batch.items()));
                }
                staged[0] += batch.items().size();
                tick(batch.rows(), batch.items().size());
            })) {
                current.done(Progress.count(rowsRead) + " rows: " + Progress.count(staged[0])
                        + " versions of Markdown kept for the posts to import");
            }
        }

        private record Batch<T>(int rows, List<T> items) {}

        // ---- Posts.xml -----------------------------------------------------------------------------------------

        void posts() {
            categoryId = database.inTransaction(() -> categories.ensure(categorySlug(), categoryName(),
                    "Questions and answers from " + site + ", licensed CC BY-SA; each post links to its original.",
                    100));
            long before = alreadyImported;
            long start = System.nanoTime();
            Pipeline.Sequence questionsStored = new Pipeline.Sequence();
            each("Posts.xml", WRITERS, this::preparePosts,
                    (number, batch) -> writePosts(number, batch, questionsStored));
            database.inTransaction(() -> store.recountTags()); // see recountTags: once, not per batch
            database.inTransaction(() -> store.copyActivityToTags());
            postsSeconds = (System.nanoTime() - start) / 1e9;
            current.done(Progress.count(rowsRead) + " rows: " + Progress.count(questions) + " questions and "
                    + Progress.count(answers) + " answers added, " + Progress.count(alreadyImported - before)
                    + " already imported" + (skippedPosts > 0 ? ", " + Progress.count(skippedPosts)
                    + " skipped (tag wikis and other kinds, or answers without their question)" : "")
                    + String.format(Locale.ROOT, "; %,.0f posts/s", (questions + answers) / Math.max(1e-9, postsSeconds)));
        }

        /** A post ready to insert but for the ids that only the writing thread knows. */
        private record Prepared(long externalId, boolean question, Long parentId, ImportStore.NewPost post,
                                String title, String slug, String excerpt, List<String> tags, Long acceptedAnswerId,
                                int viewCount, LocalDateTime lastActivityAt, LocalDateTime closedAt,
                                LocalDateTime revisedAt) {}

        private record PostBatch(int rows, int alreadyImported, int skipped, List<Prepared> posts,
                                 Map<Long, Long> knownParents, Long closer) {}

        private PostBatch preparePosts(List<Row> rows) {
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
            Map<Long, ImportStore.Mapped> owners = store.mapped(site, ImportStore.MEMBER, ownerIds);
            Map<Long, String> sources = store.stagedMarkdown(site, fresh.stream().map(Row::id).toList());
            List<Prepared> prepared = new ArrayList<>(fresh.size());
            // Sanitizing is most of the reading thread's work; while the writers have little to do (at the start,
            // or with a spare core) a second thread shares it. The policy is immutable, so this is safe.
            List<String> sanitized = fresh.parallelStream()
                    .map(r -> markdown.sanitizeHtml(r.text("Body", ""), LinkPolicy.NOFOLLOW)).toList();
            for (int i = 0; i < fresh.size(); i++) {
                Row r = fresh.get(i);
                boolean question = r.integer("PostTypeId", 0) == 1;
                Long ownerId = r.numberOrNull("OwnerUserId");
                ImportStore.Mapped owner = ownerId == null ? null : owners.get(ownerId);
                long authorId = owner != null ? owner.localId() : placeholder();
                String originAuthor = owner != null && owner.name() != null && !owner.name().isBlank() ? owner.name()
                        : r.text("OwnerDisplayName", ownerId != null ? "user" + ownerId : "a deleted user");
                String html = sanitized.get(i);
                String md = sources.get(r.id());
                String text = question || md == null ? HtmlText.of(html) : null;
                if (md == null) {
                    md = text; // no edit history in the dump: the text is the best source there is
                }
                LocalDateTime created = orNow(r.date("CreationDate"));
                LocalDateTime edited = r.date("LastEditDate");
                String title = question ? cut(r.text("Title", ""), 200) : null;
                LocalDateTime lastActivity = r.date("LastActivityDate");
                prepared.add(new Prepared(r.id(), question, r.numberOrNull("ParentId"),
                        new ImportStore.NewPost(question ? "question" : "answer", null, authorId, md,
                                html, r.integer("Score", 0), created,
                                edited, "https://" + site + (question ? "/q/" : "/a/") + r.id(),
                                cut(originAuthor, NAME_MAX), cut(r.text("ContentLicense", DEFAULT_LICENSE), 40)),
                        title, question ? QuestionLinks.slugOf(title) : null,
                        question ? HtmlText.excerpt(text, EXCERPT_CHARS) : null,
                        question ? tagsOf(r.text("Tags", "")) : List.of(), r.numberOrNull("AcceptedAnswerId"),
                        r.integer("ViewCount", 0), lastActivity != null ? lastActivity : created,
                        r.date("ClosedDate"), edited != null ? edited : created));
            }
            Long closer = prepared.stream().anyMatch(p -> p.closedAt() != null) ? closer() : null;
            return new PostBatch(rows.size(), posts.size() - fresh.size(), rows.size() - posts.size(), prepared,
                    knownParents, closer);
        }

        /**
         * Two writers store Posts.xml: each batch's questions in one transaction, then, once the questions of
         * every earlier batch are stored, its answers (whose questions those are) in a second one.
         */
        private void writePosts(long number, PostBatch batch, Pipeline.Sequence questionsStored) {
            try {
                Map<Long, Long> localIds = new HashMap<>(batch.knownParents());
                Map<Long, Long> asked = writeQuestions(batch);
                localIds.putAll(asked);
                questionsStored.done(number);
                questionsStored.awaitAllBelow(number);
                int answered = writeAnswers(batch, localIds);
                tick(batch.rows(), asked.size() + answered);
            } catch (RuntimeException e) {
                questionsStored.fail();
                throw e;
            }
        }

        /** Stores the batch's questions; returns their local ids by source id. */
        private Map<Long, Long> writeQuestions(PostBatch batch) {
            List<Prepared> asked = batch.posts().stream().filter(Prepared::question).toList();
            synchronized (this) {
                alreadyImported += batch.alreadyImported();
                skippedPosts += batch.skipped();
            }
            if (asked.isEmpty()) return Map.of();
            Set<String> tagNames = new java.util.TreeSet<>();
            asked.forEach(p -> tagNames.addAll(p.tags()));
            Map<Long, Long> ids = transaction(() -> {
                Map<String, Long> tagIds = store.ensureTags(tagNames);
                List<Long> questionIds = store.insertPosts(asked.stream().map(Prepared::post).toList());
                Map<Long, Long> byExternal = new HashMap<>();
                List<ImportStore.NewQuestion> newQuestions = new ArrayList<>(asked.size());
                List<ImportStore.QuestionTag> questionTags = new ArrayList<>();
                List<ImportStore.Accepted> accepted = new ArrayList<>();
                List<ImportStore.NewRevision> revisions = new ArrayList<>(asked.size());
                List<ImportStore.Mapping> mappings = new ArrayList<>(asked.size());
                for (int i = 0; i < asked.size(); i++) {
                    Prepared p = asked.get(i);
                    long id = questionIds.get(i);
                    byExternal.put(p.externalId(), id);
                    boolean closed = p.closedAt() != null;
                    newQuestions.add(new ImportStore.NewQuestion(id, p.title(), p.slug(), p.excerpt(), categoryId, 0,
                            p.viewCount(), p.lastActivityAt(), p.closedAt(), closed ? batch.closer() : null,
                            closed ? "Closed on " + site : null));
                    for (String tag : p.tags()) {
                        Long tagId = tagIds.get(tag);
                        if (tagId != null) {
                            questionTags.add(new ImportStore.QuestionTag(id, tagId));
                        }
                    }
                    if (p.acceptedAnswerId() != null) {
                        accepted.add(new ImportStore.Accepted(p.externalId(), p.acceptedAnswerId()));
                    }
                    revisions.add(revision(id, p));
                    mappings.add(new ImportStore.Mapping(p.externalId(), id, null));
                }
                store.insertQuestions(newQuestions);
                store.insertQuestionTags(questionTags);
                store.stageAccepted(site, accepted);
                store.insertRevisions(revisions);
                store.map(site, ImportStore.POST, mappings);
                return byExternal;
            });
            synchronized (this) {
                questions += asked.size();
            }
            return ids;
        }

        /** Stores the batch's answers, once the questions they answer are stored; returns how many. */
        private int writeAnswers(PostBatch batch, Map<Long, Long> localIds) {
            List<Prepared> given = batch.posts().stream().filter(p -> !p.question()).toList();
            if (given.isEmpty()) return 0;
            // Questions that batches still being written stored after this batch was prepared.
            Set<Long> unresolved = new HashSet<>();
            for (Prepared p : given) {
                if (p.parentId() != null && !localIds.containsKey(p.parentId())) unresolved.add(p.parentId());
            }
            store.mapped(site, ImportStore.POST, unresolved).forEach((external, mapped) ->
                    localIds.put(external, mapped.localId()));
            List<Prepared> answered = new ArrayList<>(given.size());
            List<ImportStore.NewPost> answerPosts = new ArrayList<>(given.size());
            Map<Long, Integer> answerCounts = new java.util.TreeMap<>();
            for (Prepared p : given) {
                Long questionId = p.parentId() == null ? null : localIds.get(p.parentId());
                if (questionId == null) continue; // its question is not in the dump
                answered.add(p);
                answerPosts.add(p.post().withQuestion(questionId));
                answerCounts.merge(questionId, 1, Integer::sum);
            }
            if (!answered.isEmpty()) {
                transaction(() -> {
                    store.addToAnswerCounts(answerCounts);
                    List<Long> answerIds = store.insertPosts(answerPosts);
                    List<ImportStore.NewRevision> revisions = new ArrayList<>(answered.size());
                    List<ImportStore.Mapping> mappings = new ArrayList<>(answered.size());
                    for (int i = 0; i < answered.size(); i++) {
                        revisions.add(revision(answerIds.get(i), answered.get(i)));
                        mappings.add(new ImportStore.Mapping(answered.get(i).externalId(), answerIds.get(i), null));
                    }
                    store.insertRevisions(revisions);
                    store.map(site, ImportStore.POST, mappings);
                    return null;
                });
            }
            synchronized (this) {
                answers += answered.size();
                skippedPosts += given.size() - answered.size();
            }
            return answered.size();
        }

        private ImportStore.NewRevision revision(long postId, Prepared p) {
            return new ImportStore.NewRevision(postId, p.post().authorId(), p.title(),
                    p.question() ? String.join(" ", p.tags()) : null, p.post().bodyMd(), "Imported from " + site,
                    p.revisedAt());
        }

        private String categorySlug() {
            return cut(site.replaceFirst("\\.(com|net|org)$", "").replace('.', '-'), 64);
        }

        private String categoryName() {
            List<String> words = new ArrayList<>();
            for (String label : site.replaceFirst("\\.(com|net|org)$", "").split("\\.")) {
                words.add(label.equals("stackexchange") ? "Stack Exchange"
                        : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1));
            }
            return cut(String.join(" ", words), 80);
        }

        // ---- PostLinks.xml: duplicates ----------------------------------------------------------------------

        void duplicates() {
            if (each("PostLinks.xml", rows -> {
                List<Row> links = rows.stream().filter(r -> r.integer("LinkTypeId", 0) == 3).toList();
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
                            closer(), orNow(r.date("CreationDate"))));
                }
                return new LinkBatch(rows.size(), links.size() - fresh.size(), duplicates);
            }, batch -> {
                alreadyImported += batch.alreadyImported();
                List<ImportStore.Duplicate> found = batch.duplicates();
                int marked = found.isEmpty() ? 0 : database.inTransaction(() -> {
                    int n = store.closeAsDuplicates(found);
                    store.map(site, ImportStore.DUPLICATE, found.stream()
                            .map(d -> new ImportStore.Mapping(d.linkId(), d.questionId(), null)).toList());
                    return n;
                });
                duplicates += marked;
                tick(batch.rows(), marked);
            })) {
                current.done(Progress.count(rowsRead) + " rows: " + Progress.count(duplicates)
                        + " questions closed as duplicates");
            }
        }

        private record LinkBatch(int rows, int alreadyImported, List<ImportStore.Duplicate> duplicates) {}

        // ---- Comments.xml -------------------------------------------------------------------------------------

        void comments() {
            long before = alreadyImported;
            if (each("Comments.xml", WRITERS, this::prepareComments, (number, batch) -> writeComments(batch))) {
                current.done(Progress.count(rowsRead) + " rows: " + Progress.count(comments) + " comments added, "
                        + Progress.count(alreadyImported - before) + " already imported");
            }
        }

        private record CommentBatch(int rows, int alreadyImported, List<Long> externalIds,
                                    List<ImportStore.NewComment> comments) {}

        private CommentBatch prepareComments(List<Row> rows) {
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
                        author != null ? author.localId() : placeholder(), text, commentFormatter.format(text),
                        orNow(r.date("CreationDate"))));
            }
            return new CommentBatch(rows.size(), rows.size() - fresh.size(), externalIds, newComments);
        }

        private void writeComments(CommentBatch batch) {
            if (!batch.comments().isEmpty()) {
                transaction(() -> {
                    List<Long> ids = store.insertComments(batch.comments());
                    List<ImportStore.Mapping> mappings = new ArrayList<>(ids.size());
                    for (int i = 0; i < ids.size(); i++) {
                        mappings.add(new ImportStore.Mapping(batch.externalIds().get(i), ids.get(i), null));
                    }
                    store.map(site, ImportStore.COMMENT, mappings);
                    return null;
                });
            }
            synchronized (this) {
                alreadyImported += batch.alreadyImported();
                comments += batch.comments().size();
            }
            tick(batch.rows(), batch.comments().size());
        }

        // ---- Votes.xml: anonymous, so only a check of the scores taken from Posts.xml -----------------------

        void votes() {
            long[] upDown = new long[2];
            if (each("Votes.xml", rows -> {
                Map<Long, long[]> perPost = new HashMap<>();
                for (Row r : rows) {
                    int type = r.integer("VoteTypeId", 0);
                    if (type == 2 || type == 3) {
                        perPost.computeIfAbsent(r.number("PostId"), id -> new long[2])[type == 2 ? 0 : 1]++;
                    }
                }
                long[] counted = new long[2];
                store.mapped(site, ImportStore.POST, perPost.keySet()).keySet().forEach(id -> {
                    counted[0] += perPost.get(id)[0];
                    counted[1] += perPost.get(id)[1];
                });
                return new Batch<>(rows.size(), List.of(counted));
            }, batch -> {
                upDown[0] += batch.items().getFirst()[0];
                upDown[1] += batch.items().getFirst()[1];
                tick(batch.rows(), 0);
            })) {
                current.done(String.format(Locale.ROOT, "%,d rows: %,d up and %,d down votes on the imported posts "
                                + "(up minus down %,d; their scores from Posts.xml add up to %,d). Votes in a dump "
                                + "are anonymous: each post keeps its score, no votes are made up.",
                        rowsRead, upDown[0], upDown[1], upDown[0] - upDown[1], store.scoreOfImportedPosts(site)));
            }
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransactionRollbackException) return true;
        }
        return false;
    }

    private static List<Long> ids(List<Row> rows, String attribute) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Row r : rows) {
            Long id = r.numberOrNull(attribute);
            if (id != null) ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    /** Tags as the dump writes them, {@code <a><b>} or {@code |a|b|}, valid for Townhall. */
    static List<String> tagsOf(String attribute) {
        Set<String> tags = new LinkedHashSet<>();
        for (String part : TAG_SPLIT.split(attribute)) {
            String name = tagName(part);
            if (name != null) tags.add(name);
        }
        return List.copyOf(tags);
    }

    /** The tag as Townhall writes tags (as the ask form accepts them), or null for one it could not have. */
    private static String tagName(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(name).matches() ? name : null;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    private static LocalDateTime orNow(LocalDateTime date) {
        return date != null ? date : LocalDateTime.now(java.time.ZoneOffset.UTC);
    }
}
