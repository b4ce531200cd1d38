package townhall.importer;

import static townhall.importer.DumpValues.cut;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import townhall.db.Database;
import townhall.qa.CategoryStore;

/**
 * Posts.xml: the site's questions and answers, in a category of the site's own, read by {@link PostPreparer}
 * and written by {@link PostWriter}; then each tag's question count and activity, counted once for all.
 */
final class PostImport {
    private final ImportRun run;
    private final ImportStore store;
    private final CategoryStore categories;
    private final Database database;
    private final PostPreparer preparer;
    private final String site;
    private long questions;
    private long answers;
    private double seconds;

    PostImport(ImportRun run, ImportStore store, CategoryStore categories, Database database, PostPreparer preparer) {
        this.run = run;
        this.store = store;
        this.categories = categories;
        this.database = database;
        this.preparer = preparer;
        this.site = run.site();
    }

    long questions() {
        return questions;
    }

    long answers() {
        return answers;
    }

    /** How long reading Posts.xml took, the tag counts included. */
    double seconds() {
        return seconds;
    }

    void importPosts() {
        long categoryId = database.inTransaction(() -> categories.ensure(categorySlug(), categoryName(),
                "Questions and answers from " + site + ", licensed CC BY-SA; each post links to its original.",
                100));
        long before = run.alreadyImported();
        long start = System.nanoTime();
        PostWriter writer = new PostWriter(run, store, categoryId);
        run.each("Posts.xml", StackExchangeImporter.WRITERS, preparer::prepare, writer::write);
        database.inTransaction(() -> store.recountTags()); // see recountTags: once, not per batch
        database.inTransaction(() -> store.copyActivityToTags());
        seconds = (System.nanoTime() - start) / 1e9;
        questions = writer.questions();
        answers = writer.answers();
        run.done(Progress.count(run.rowsRead()) + " rows: " + Progress.count(questions) + " questions and "
                + Progress.count(answers) + " answers added, " + Progress.count(run.alreadyImported() - before)
                + " already imported" + (writer.skipped() > 0 ? ", " + Progress.count(writer.skipped())
                + " skipped (tag wikis and other kinds, or answers without their question)" : "")
                + String.format(Locale.ROOT, "; %,.0f posts/s", (questions + answers) / Math.max(1e-9, seconds)));
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
}
