package townhall.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.Member;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.markdown.MarkdownRenderer;
import townhall.outbox.Outbox;
import townhall.outbox.OutboxWorker;

/**
 * Search in a running Townhall: the index under {@code <data dir>/index}, its indexer, the searches, and the
 * event log. Only the serving process (or the {@code reindex} command) opens the index.
 */
public final class Search implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Search.class);

    private final SearchIndex index;
    private final Indexer indexer;
    private final OutboxWorker worker;
    private final SearchService service;
    private final SearchEvents events;
    private final Synonyms synonyms;
    private final VectorWorker vectors;
    private final OutboxWorker vectorWorker;

    private Search(SearchIndex index, Indexer indexer, OutboxWorker worker, SearchService service, SearchEvents events,
                   Synonyms synonyms, VectorWorker vectors, OutboxWorker vectorWorker) {
        this.vectors = vectors;
        this.vectorWorker = vectorWorker;
        this.index = index;
        this.indexer = indexer;
        this.worker = worker;
        this.service = service;
        this.events = events;
        this.synonyms = synonyms;
    }

    public static Path indexDir(Config config) {
        return config.dataDir().resolve("index");
    }

    /** Opens the index (rebuilding it in the background if it is missing, broken or outdated) and starts indexing. */
    public static Search start(Config config, Database database, Outbox outbox, Synonyms synonyms,
                               MarkdownRenderer markdown, Clock clock) {
        Analysis analysis = new Analysis(Language.of(config.get(Setting.LANGUAGE)));
        Embeddings embeddings = loadModel(config);
        String model = embeddings == null ? null : embeddings.name();
        SearchIndex index = SearchIndex.open(indexDir(config), analysis, model == null ? "" : model);
        VectorWorker vectors = embeddings == null ? null
                : new VectorWorker(embeddings, database, outbox, markdown, clock);
        Indexer indexer = new Indexer(index, new IndexSource(database.background(), markdown, model), outbox,
                vectors == null ? null : vectors::want, () -> vectors != null && !vectors.caughtUp());
        SearchService service = searchService(index, indexer::rebuilding, new Meaning(embeddings));
        indexer.afterCategoryChange(service::forgetRelated);
        try {
            service.useSynonyms(synonyms.rules());
        } catch (RuntimeException e) {
            log.warn("The saved search synonyms cannot be read and are not applied: {}", e.getMessage());
        }
        OutboxWorker worker = outbox.start(indexer, Duration.ofMillis(Math.max(20, config.getInt(Setting.SEARCH_POLL_MS))));
        OutboxWorker vectorWorker = vectors == null ? null : outbox.start(vectors, Duration.ofSeconds(1));
        return new Search(index, indexer, worker, service, new SearchEvents(database.background(), clock), synonyms,
                vectors, vectorWorker);
    }

    /**
     * The sentence-embedding model, or null: vectors off, or a model that cannot be loaded (the site then searches
     * by words alone, and says why in the log).
     */
    private static Embeddings loadModel(Config config) {
        try {
            return Embeddings.from(config);
        } catch (RuntimeException | LinkageError e) {
            log.error("Semantic search is off: the model could not be loaded", e);
            return null;
        }
    }

    private static SearchService searchService(SearchIndex index, BooleanSupplier rebuilding, Meaning meaning) {
        Analysis analysis = index.analysis();
        Queries queries = new Queries(analysis);
        FaqMatcher faq = new FaqMatcher(analysis);
        HitReader hits = new HitReader(new Highlighting(analysis));
        return new SearchService(index, rebuilding,
                new PageSearch(index, queries, faq, hits, new Spelling(analysis), rebuilding),
                new AskSuggestions(index, queries, faq, hits),
                new SimilarQuestions(index, hits), meaning);
    }

    /**
     * Rebuilds the index from the database in this process and closes it; returns how many documents it holds.
     * Fails with {@link IllegalStateException} when a running Townhall holds the index.
     */
    public static int rebuild(Config config, Database database, MarkdownRenderer markdown) {
        Analysis analysis = new Analysis(Language.of(config.get(Setting.LANGUAGE)));
        String model = Embeddings.modelName(config); // the stored vectors are indexed, none computed
        SearchIndex index = SearchIndex.open(indexDir(config), analysis, model == null ? "" : model);
        Outbox outbox = new Outbox(database, Clock.systemUTC(), Outbox.Retries.from(config));
        Indexer indexer = new Indexer(index, new IndexSource(database.background(), markdown, model), outbox, null,
                () -> false);
        try (index) {
            indexer.rebuild("the reindex command");
            return index.documentCount();
        } catch (IOException e) {
            throw new IllegalStateException("Rebuilding the search index failed: " + e.getMessage(), e);
        }
    }

    public SearchService service() { return service; }

    public SearchEvents events() { return events; }

    /** The search index in /health. */
    public SearchHealth health() { return new SearchHealth(index, indexer); }

    /** The worker that feeds the index from the outbox: paused and resumed for maintenance and tests. */
    public OutboxWorker indexer() { return worker; }

    /** Saves staff's synonyms and applies them to every search from now on. */
    public void saveSynonyms(Member staff, String text) {
        synonyms.save(staff, text, service.analysis().rules());
        service.useSynonyms(synonyms.rules());
    }

    /** How many question vectors this process computed; 0 with vectors off. */
    long vectorsComputed() { return vectors == null ? 0 : vectors.computed(); }

    /** True once every question has a vector of the current model (or vectors are off). */
    public boolean vectorsCaughtUp() { return vectors == null || vectors.caughtUp(); }

    @Override
    public void close() {
        indexer.stop();
        if (vectorWorker != null) {
            vectorWorker.close();
        }
        worker.close();
        events.close();
        try {
            index.close();
        } catch (IOException e) {
            log.warn("The search index did not close cleanly: {}", e.getMessage());
        }
    }
}
