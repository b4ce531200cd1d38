package townhall.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Keeps the index in step with the database: the outbox's search topic hands it what changed, and it indexes a
 * batch, makes it searchable and commits it to disk before the outbox deletes the entries, so nothing is lost
 * between a database commit and the index. A missing, broken or outdated index is rebuilt from the database first.
 */
public final class Indexer implements OutboxHandler {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final int BATCH = 500;
    /** The least number of documents rewritten before the index is merged into one segment again. */
    private static final int COMPACT_AFTER = 1_000;

    private final SearchIndex index;
    private final IndexSource source;
    private final Outbox outbox;
    /** Asks for the vectors of questions indexed without a current one; null when vectors are off. */
    private final Consumer<List<Long>> wantVectors;
    private volatile boolean rebuilding;
    private volatile boolean closing;
    private long lastRecovery = System.nanoTime();
    private volatile Runnable afterCategoryChange = () -> { };
    /** True while other background work rewrites many documents (the vectors being filled in): no merge yet. */
    private final BooleanSupplier busy;
    /** Documents written since the index was last merged into one segment (on this worker's thread only). */
    private long rewritten;
    private boolean compacting;

    Indexer(SearchIndex index, IndexSource source, Outbox outbox, Consumer<List<Long>> wantVectors,
            BooleanSupplier busy) {
        this.index = index;
        this.source = source;
        this.outbox = outbox;
        this.wantVectors = wantVectors;
        this.busy = busy;
        this.rebuilding = index.rebuildReason() != null;
    }

    @Override
    public String topic() { return SearchOutbox.TOPIC; }

    @Override
    public int batchSize() { return BATCH; }

    /** What else must forget what it kept once a category's questions are reindexed (related questions). */
    void afterCategoryChange(Runnable action) {
        this.afterCategoryChange = action;
    }

    /** True while the whole index is being rebuilt: searches see the old (or an empty) index meanwhile. */
    public boolean rebuilding() { return rebuilding; }

    @Override
    public void starting() {
        String reason = index.rebuildReason();
        if (reason != null) {
            rebuildQuietly(reason);
        }
    }

    @Override
    public void handle(List<OutboxEntry> batch) throws IOException {
        if (batch.stream().anyMatch(entry -> SearchOutbox.REBUILD.equals(entry.payload()))) {
            rebuild("a reindex was asked for");
            if (closing) {
                throw new InterruptedIOException("closing: the reindex is asked for again at the next start");
            }
            return;
        }
        Set<Long> questions = new LinkedHashSet<>();
        Set<Long> faq = new LinkedHashSet<>();
        Set<Long> ideas = new LinkedHashSet<>();
        Set<Long> announcements = new LinkedHashSet<>();
        for (OutboxEntry entry : batch) {
            String kind = entry.payload() == null ? "" : entry.payload();
            if (SearchOutbox.CATEGORY.equals(kind)) {
                reindexCategory(entry.refId());
                ideas.addAll(source.ideasOfCategory(entry.refId()));
                announcements.addAll(source.announcementsOfCategory(entry.refId()));
                continue;
            }
            (switch (kind) {
                case Fields.FAQ -> faq;
                case Fields.IDEA -> ideas;
                case Fields.ANNOUNCEMENT -> announcements;
                default -> questions;
            }).add(entry.refId());
        }
        List<SearchDocument> questionDocs = source.questions(questions);
        rewritten += questions.size() + faq.size() + ideas.size() + announcements.size();
        index.apply(questionDocs);
        index.apply(source.faqEntries(faq));
        index.apply(source.ideas(ideas));
        index.apply(source.announcements(announcements));
        index.refresh();
        index.commit();
        if (wantVectors != null) {
            // found by words now, by meaning too once the vector worker has computed the vector and indexed it again
            wantVectors.accept(questionDocs.stream().filter(d -> d.visible() && !d.vectorCurrent())
                    .map(SearchDocument::id).toList());
        }
        if (batch.stream().anyMatch(entry -> SearchOutbox.CATEGORY.equals(entry.payload()))) {
            afterCategoryChange.run(); // related questions kept for pages may name questions now hidden
        }
    }

    /** Reindexes a category's questions (who may find them changed), a batch at a time. */
    private void reindexCategory(long categoryId) throws IOException {
        long after = 0;
        while (true) {
            List<Long> ids = source.questionsOfCategory(categoryId, after, BATCH);
            if (ids.isEmpty()) {
                return;
            }
            index.apply(source.questions(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    private void rebuildQuietly(String reason) {
        try {
            rebuild(reason);
        } catch (Exception e) {
            log.error("Rebuilding the search index failed; it is retried with the next reindex or restart", e);
            rebuilding = false;
        }
    }

    /** Rebuilds the whole index from the database; outbox entries written before it began are then done. */
    void rebuild(String reason) throws IOException {
        rebuilding = true;
        long started = System.nanoTime();
        log.info("Rebuilding the search index from the database: {}", reason);
        try {
            long upTo = outbox.lastId(SearchOutbox.TOPIC);
            index.clear();
            long after = 0;
            int count = 0;
            while (!closing) {
                List<SearchDocument> batch = source.questionsAfter(after, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                index.add(batch);
                count += batch.size();
                after = batch.get(batch.size() - 1).id();
            }
            if (closing) {
                return; // the old commit stays, and the rebuild is asked for again at the next start
            }
            List<SearchDocument> entries = source.allFaqEntries();
            index.add(entries);
            index.add(source.ideas(null));
            index.add(source.announcements(null));
            index.commit();
            index.refresh();
            outbox.completeUpTo(SearchOutbox.TOPIC, upTo);
            rewritten += count;
            log.info("Search index rebuilt: {} questions and {} FAQ entries in {} ms", count, entries.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            rebuilding = false;
        }
    }

    /** An index that could not be opened is tried again now and then; once it opens, it is rebuilt. */
    @Override
    public void betweenPolls() {
        compactWhenRewritten();
        long now = System.nanoTime();
        if (index.unusable() == null || now - lastRecovery < SearchIndex.RECOVERY_PAUSE.toNanos()) {
            return;
        }
        lastRecovery = now;
        if (index.recover()) {
            rebuildQuietly("the index folder can be used again");
        }
    }

    /**
     * Once a tenth of the index (at least {@link #COMPACT_AFTER} documents) was written again and nothing else is
     * rewriting it, merges it into one segment in the background (see {@link SearchIndex#compact}); searches see
     * the merged index once the merge is done.
     */
    private void compactWhenRewritten() {
        try {
            if (compacting) {
                if (!index.merging()) {
                    compacting = false;
                    index.refresh();
                    index.commit();
                    log.info("The search index is merged into {} segment(s)", index.segments());
                }
                return;
            }
            if (rewritten < COMPACT_AFTER || rewritten < index.documentCount() / 10L || rebuilding
                    || busy.getAsBoolean()) {
                return;
            }
            rewritten = 0;
            if (index.segments() > 1) {
                compacting = true;
                index.compact();
            }
        } catch (IOException | RuntimeException e) {
            compacting = false;
            log.warn("Merging the search index failed; searches read its segments as they are: {}", e.toString());
        }
    }

    /** Stops a rebuild under way: the process is closing. */
    void stop() {
        closing = true;
    }
}
