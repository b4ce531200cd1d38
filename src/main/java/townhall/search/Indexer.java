package townhall.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with the database by draining the outbox: it wakes right after a transaction that
 * wrote to the outbox commits, and polls every few hundred milliseconds besides (for rows written by other
 * processes, or left by a crash). A batch is indexed, made searchable, committed to disk, and only then
 * deleted from the outbox, so nothing is lost between a database commit and the index.
 */
public final class Indexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final int BATCH = 500;

    private final SearchIndex index;
    private final IndexSource source;
    private final Duration poll;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile boolean rebuilding;

    Indexer(SearchIndex index, IndexSource source, Duration poll) {
        this.index = index;
        this.source = source;
        this.poll = poll;
        this.rebuilding = index.rebuildReason() != null;
        this.thread = Thread.ofPlatform().name("search-indexer").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Asks for a drain now (after a commit that wrote to the outbox). */
    void wake() {
        wake.release();
    }

    /** True while the whole index is being rebuilt: searches see the old (or an empty) index meanwhile. */
    public boolean rebuilding() { return rebuilding; }

    /** Stops indexing until {@link #resume()}: outbox rows wait in the database (for maintenance and tests). */
    public void pause() { paused = true; }

    public void resume() {
        paused = false;
        wake();
    }

    private void run() {
        String reason = index.rebuildReason();
        if (reason != null) {
            rebuildQuietly(reason);
        }
        while (running) {
            try {
                if (!paused) {
                    drain();
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                log.warn("Search indexing failed; the outbox keeps the changes and it is retried: {}", e.toString());
                sleep(Duration.ofSeconds(2));
            }
            try {
                wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** Indexes everything in the outbox; returns how many rows it took. */
    int drain() throws IOException {
        int total = 0;
        while (running && !paused) {
            List<IndexSource.OutboxRow> rows = source.outbox(BATCH);
            if (rows.isEmpty()) {
                return total;
            }
            if (rows.stream().anyMatch(row -> "rebuild".equals(row.kind()))) {
                rebuild("a reindex was asked for");
                continue;
            }
            Set<Long> questions = new LinkedHashSet<>();
            Set<Long> faq = new LinkedHashSet<>();
            List<Long> ids = new ArrayList<>(rows.size());
            for (IndexSource.OutboxRow row : rows) {
                (Fields.FAQ.equals(row.kind()) ? faq : questions).add(row.refId());
                ids.add(row.id());
            }
            index.apply(source.questions(questions));
            index.apply(source.faqEntries(faq));
            index.refresh();
            index.commit();
            source.deleteOutbox(ids);
            total += rows.size();
            if (rows.size() < BATCH) {
                return total;
            }
        }
        return total;
    }

    private void rebuildQuietly(String reason) {
        try {
            rebuild(reason);
        } catch (Exception e) {
            log.error("Rebuilding the search index failed; it is retried with the next reindex or restart", e);
            rebuilding = false;
        }
    }

    /** Rebuilds the whole index from the database; outbox rows written before it began are then done. */
    void rebuild(String reason) throws IOException {
        rebuilding = true;
        long started = System.nanoTime();
        log.info("Rebuilding the search index from the database: {}", reason);
        try {
            long upTo = source.maxOutboxId();
            index.clear();
            long after = 0;
            int count = 0;
            while (running) {
                List<SearchDocument> batch = source.questionsAfter(after, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                index.add(batch);
                count += batch.size();
                after = batch.get(batch.size() - 1).id();
            }
            if (!running) {
                return; // closing: the old commit stays, and the rebuild is asked for again at the next start
            }
            List<SearchDocument> entries = source.allFaqEntries();
            index.add(entries);
            index.commit();
            index.refresh();
            source.deleteOutboxUpTo(upTo);
            log.info("Search index rebuilt: {} questions and {} FAQ entries in {} ms", count, entries.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            rebuilding = false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
