package townhall.search;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.db.Database;
import townhall.markdown.MarkdownRenderer;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Computes questions' vectors off the request: the outbox's topic {@value #TOPIC} names a question whose text
 * changed (the {@link Indexer} writes it when it indexes a question without a current vector); the vector is
 * stored in the database and the question indexed again, with it. Between polls it computes, a few at a time,
 * the vectors that no question has yet for the current model: after an import, or a change of model.
 */
final class VectorWorker implements OutboxHandler {
    private static final Logger log = LoggerFactory.getLogger(VectorWorker.class);
    static final String TOPIC = "vectors";
    /** Questions embedded between two looks at the queue: a new question waits for at most one such step. */
    private static final int SWEEP_STEP = 32;

    private final Embeddings embeddings;
    private final VectorStore store;
    private final Database database;
    private final Outbox outbox;
    private final MarkdownRenderer markdown;
    private final Clock clock;
    private long sweptUpTo;
    private boolean swept;
    private int sweptCount;
    private final AtomicLong computed = new AtomicLong();

    VectorWorker(Embeddings embeddings, Database database, Outbox outbox, MarkdownRenderer markdown, Clock clock) {
        this.embeddings = embeddings;
        this.store = new VectorStore(database.background());
        this.database = database;
        this.outbox = outbox;
        this.markdown = markdown;
        this.clock = clock;
    }

    @Override
    public String topic() { return TOPIC; }

    @Override
    public int batchSize() { return 16; }

    /** Asks for these questions' vectors (the indexer found them missing or computed from other text). */
    void want(List<Long> questionIds) {
        if (questionIds.isEmpty()) {
            return;
        }
        database.inTransaction(() -> questionIds.forEach(id -> outbox.add(TOPIC, id, null)));
    }

    @Override
    public void handle(List<OutboxEntry> batch) {
        Set<Long> ids = new LinkedHashSet<>();
        batch.forEach(entry -> ids.add(entry.refId()));
        compute(store.texts(ids));
    }

    /** Embeds those whose text (or model) changed, stores them and has them indexed again, in one transaction. */
    private void compute(List<VectorStore.QuestionText> questions) {
        record Computed(long id, byte[] hash, float[] vector) {}
        List<Long> ids = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (VectorStore.QuestionText q : questions) {
            String text = Embeddings.questionText(q.title(), markdown.plainText(q.bodyMd()));
            byte[] hash = Embeddings.hash(text);
            if (embeddings.name().equals(q.model()) && Arrays.equals(hash, q.textHash())) {
                continue; // ran twice, or asked again before the first was done
            }
            ids.add(q.id());
            hashes.add(hash);
            texts.add(text);
        }
        if (texts.isEmpty()) {
            return;
        }
        List<float[]> vectors = embeddings.embedAll(texts);
        List<Computed> done = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            done.add(new Computed(ids.get(i), hashes.get(i), vectors.get(i)));
        }
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            VectorStore writer = new VectorStore(database.dsl());
            for (Computed c : done) {
                writer.save(c.id(), embeddings.name(), c.hash(), c.vector(), now);
                outbox.add(SearchOutbox.TOPIC, c.id(), Fields.QUESTION);
            }
        });
        computed.addAndGet(done.size());
    }

    /** Computes a few of the vectors still missing for the current model, until none is. */
    @Override
    public void betweenPolls() {
        if (swept) {
            return;
        }
        List<VectorStore.QuestionText> missing = store.withoutVector(embeddings.name(), sweptUpTo, SWEEP_STEP);
        if (missing.isEmpty()) {
            swept = true;
            embeddings.releaseBatches();
            if (sweptCount > 0) {
                log.info("Vectors computed for {} questions that had none of the model {}", sweptCount,
                        embeddings.name());
            }
            return;
        }
        sweptUpTo = missing.getLast().id();
        try {
            compute(missing);
            sweptCount += missing.size();
        } catch (RuntimeException e) {
            // skipped, not retried for ever: a change to one of them, or the next start, asks again
            log.warn("Computing the vectors of questions up to {} failed: {}", sweptUpTo, e.toString());
        }
        outbox.wake(TOPIC); // straight on with the next step, unless a write is waiting
    }

    /** How many vectors this process computed (the rebuild test checks that a rebuild computes none). */
    long computed() { return computed.get(); }

    /** True once the questions that had no vector at start have one. */
    /** Every question has its vector, and the model is loaded: typed text is searched by meaning too. */
    boolean caughtUp() { return swept && embeddings.loaded(); }
}
