package townhall.importer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.exception.DataAccessException;
import townhall.db.Database;

/**
 * One import run: the dump's folder and site, the rows every phase found already imported, and the file being
 * streamed now with its progress.
 */
final class ImportRun {
    private final Path folder;
    private final String site;
    private final Database database;
    private final PrintStream out;
    private Progress current;
    private long rowsRead;
    private long added;
    private long alreadyImported;

    ImportRun(Path folder, String site, Database database, PrintStream out) {
        this.folder = folder;
        this.site = site;
        this.database = database;
        this.out = out;
    }

    String site() {
        return site;
    }

    /**
     * Streams one file through {@code prepare} (on a reading thread: parsing, lookups of what earlier runs
     * and phases committed, CPU work) and {@code write} (on this thread: the batch's transactions).
     */
    <T> boolean each(String file, Function<List<Row>, T> prepare, Consumer<T> write) {
        return each(file, 1, prepare, (number, batch) -> write.accept(batch));
    }

    /** As above, with {@code writers} threads writing batches at once, for files whose batches allow it. */
    <T> boolean each(String file, int writers, Function<List<Row>, T> prepare, Pipeline.Writer<T> write) {
        Path path = folder.resolve(file);
        rowsRead = 0;
        added = 0;
        if (!Files.isRegularFile(path)) {
            out.printf(Locale.ROOT, "  %-16s not in the dump, skipped%n", file);
            return false;
        }
        try (DumpReader reader = DumpReader.open(path)) {
            current = new Progress(out, file, reader::fraction);
            Pipeline.run(reader, StackExchangeImporter.BATCH_ROWS, StackExchangeImporter.BATCH_CHARS, writers,
                    prepare, write);
        }
        return true;
    }

    /** Counts a written batch's rows and what it added, for the progress line. */
    synchronized void tick(int rows, long newlyAdded) {
        rowsRead += rows;
        added += newlyAdded;
        current.update(rowsRead, added);
    }

    /** The rows of the file streamed last. */
    long rowsRead() {
        return rowsRead;
    }

    /** Prints the closing line of the file streamed last. */
    void done(String summary) {
        current.done(summary);
    }

    synchronized void countAlreadyImported(long rows) {
        alreadyImported += rows;
    }

    /** Rows an earlier run imported, so far, in every phase. */
    synchronized long alreadyImported() {
        return alreadyImported;
    }

    /**
     * Runs the work in a transaction, again if the database chose it to break a deadlock between the writers
     * (it rolled it back, so running it again is safe).
     */
    <R> R transaction(Callable<R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(() -> work.call());
            } catch (DataAccessException e) {
                if (attempt >= 5 || !isDeadlock(e)) throw e;
            }
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException) return true;
        }
        return false;
    }
}
