package townhall.importer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import townhall.db.Database;
import townhall.markdown.CommentFormatter;
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
 *
 * <p>Each file has a class of its own: {@link MemberImport}, {@link TagImport}, {@link MarkdownStaging},
 * {@link PostImport}, {@link DuplicateImport}, {@link CommentImport}, {@link VoteCheck}; {@link ImportRun} is
 * what they share.
 */
public final class StackExchangeImporter {
    static final int BATCH_ROWS = 1000;
    static final int BATCH_CHARS = 4_000_000;
    /** Writer threads for the files whose batches do not depend on each other's order (much): posts, comments. */
    static final int WRITERS = 2;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+#.-]{0,34}"); // as qa.PostInput
    private static final Pattern TAG_SPLIT = Pattern.compile("[<>|]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

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
        warmUp();
        ImportRun run = new ImportRun(folder, site, database, out);
        MemberImport members = new MemberImport(run, store, database);
        TagImport tags = new TagImport(run, store, database);
        PostImport posts = new PostImport(run, store, categories, database,
                new PostPreparer(site, store, markdown, members));
        DuplicateImport duplicates = new DuplicateImport(run, store, database, members);
        CommentImport comments = new CommentImport(run, store, commentFormatter, members);
        members.importUsers();
        tags.importTags();
        new MarkdownStaging(run, store, database).stageHistory();
        posts.importPosts();
        int accepted = database.inTransaction(() -> store.applyAccepted(site));
        out.printf(Locale.ROOT, "  %-16s %,d questions marked%n", "Accepted answers", accepted);
        duplicates.importDuplicates();
        comments.importComments();
        new VoteCheck(run, store).checkVotes();
        database.inTransaction(() -> store.clearStage(site));
        afterImport.run();
        double total = (System.nanoTime() - started) / 1e9;
        Summary summary = new Summary(site, members.added(), tags.added(), posts.questions(), posts.answers(),
                comments.added(), accepted, duplicates.marked(), run.alreadyImported(), posts.seconds(), total);
        out.printf(Locale.ROOT, "Imported %s in %.1f s: %,d members, %,d questions, %,d answers, %,d comments, "
                        + "%,d accepted answers, %,d duplicates; %,d rows were already imported.%n",
                site, total, summary.members(), summary.questions(), summary.answers(), summary.comments(),
                accepted, summary.duplicates(), summary.alreadyImported());
        out.printf(Locale.ROOT, "Posts: %,.0f a second while reading Posts.xml, %,.0f a second over the whole import.%n",
                summary.postsPerSecond(), summary.overallPostsPerSecond());
        return summary;
    }

    /** Loading the transliteration rules behind slugs takes most of a second: do it while Users.xml is read. */
    private void warmUp() {
        Thread.ofPlatform().name("import-warm-up").daemon().start(() -> {
            QuestionLinks.slugOf("Première question");
            markdown.sanitizeHtml("<p>A <a href=\"https://example.com\">link</a></p>", LinkPolicy.NOFOLLOW);
        });
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
    static String tagName(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(name).matches() ? name : null;
    }
}
