package townhall.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index under {@code <data dir>/index}: one writer, and near-real-time searchers refreshed after
 * each batch of changes. It holds nothing the database does not: a missing, broken or outdated index is
 * started afresh and rebuilt from the database.
 */
final class SearchIndex implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    /** Bump when the documents change shape: an index of another schema is rebuilt at start. */
    static final String SCHEMA = "3";
    private static final String SCHEMA_KEY = "townhall.schema";
    private static final String LANGUAGE_KEY = "townhall.language";
    /** The model of the indexed vectors ("" when none): vectors of another model are not comparable, nor always of
     * the same length, so a change of model (or turning vectors on or off) rebuilds the index. */
    private static final String VECTOR_MODEL_KEY = "townhall.vector.model";

    private static final FieldType HIGHLIGHTED = highlighted();
    private static final FieldType VOCABULARY = vocabulary();

    /** Test seam: wraps the index's directory (to simulate a full disk); the identity in production. */
    static volatile UnaryOperator<Directory> directoryWrapper = UnaryOperator.identity();

    private final Analysis analysis;
    private final String vectorModel;
    private final Path path;
    private volatile Directory directory;
    private final String rebuildReason;
    private volatile String unusable;
    private final Object writing = new Object();
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile String writerFailure;
    /** Set when a change failed: the writer may be closed for good and is replaced before the next change. */
    private boolean writerBroken;

    private SearchIndex(Analysis analysis, String vectorModel, Path path, Directory directory, IndexWriter writer,
                        SearcherManager searchers, String rebuildReason, String unusable) {
        this.analysis = analysis;
        this.vectorModel = vectorModel;
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.rebuildReason = rebuildReason;
        this.unusable = unusable;
    }

    /**
     * Opens the index at {@code path}, starting a new one when there is none or it cannot be read (its unreadable
     * commits are set aside, not deleted). An index that cannot be opened at all (a read-only or
     * broken folder) gives a degraded index that finds nothing and refuses changes, so Townhall still starts.
     * Fails when another process holds it.
     */
    static SearchIndex open(Path path, Analysis analysis) {
        return open(path, analysis, "");
    }

    /** Opens the index for vectors of this model ("" when vectors are off); see {@link #open(Path, Analysis)}. */
    static SearchIndex open(Path path, Analysis analysis, String vectorModel) {
        try {
            Files.createDirectories(path);
            return tryOpen(path, analysis, vectorModel, false);
        } catch (LockObtainFailedException e) {
            throw inUse(path);
        } catch (IOException | RuntimeException e) {
            log.warn("The search index in {} cannot be read ({}); it is started afresh and rebuilt from the database",
                    path, e.toString());
            try {
                setAside(path);
                return tryOpen(path, analysis, vectorModel, true);
            } catch (LockObtainFailedException again) {
                throw inUse(path);
            } catch (IOException | RuntimeException again) {
                log.error("The search index in {} cannot be created ({}); search is unavailable until it can be "
                        + "(tried again every {} s)", path, again.toString(), RECOVERY_PAUSE.toSeconds());
                return unusable(path, analysis, vectorModel, again.toString());
            }
        }
    }

    /**
     * Renames the unreadable commits ({@code segments_N} to {@code unreadable-segments_N}) rather than deleting
     * them, so that a new index can start in the folder; Lucene leaves files of other names alone.
     */
    private static void setAside(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("segments_")) {
                    Files.move(file, file.resolveSibling("unreadable-" + name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static IllegalStateException inUse(Path path) {
        return new IllegalStateException("The search index in " + path + " is in use by another Townhall process");
    }

    private static SearchIndex tryOpen(Path path, Analysis analysis, String vectorModel, boolean fresh)
            throws IOException {
        Directory directory = directoryWrapper.apply(FSDirectory.open(path));
        IndexWriter writer = null;
        try {
            boolean exists = !fresh && DirectoryReader.indexExists(directory);
            writer = newWriter(directory, analysis, exists);
            String reason = null;
            if (!exists) {
                reason = fresh ? "the index could not be read" : "there is no index yet";
            } else {
                Map<String, String> data = new HashMap<>();
                Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
                if (live != null) {
                    live.forEach(e -> data.put(e.getKey(), e.getValue()));
                }
                if (!SCHEMA.equals(data.get(SCHEMA_KEY))) {
                    reason = "the index has an older layout";
                } else if (!analysis.language().code().equals(data.get(LANGUAGE_KEY))) {
                    reason = "the site language changed to " + analysis.language().displayName();
                } else if (!vectorModel.equals(data.getOrDefault(VECTOR_MODEL_KEY, ""))) {
                    reason = vectorModel.isEmpty() ? "semantic search was turned off"
                            : "the vectors are now of the model " + vectorModel;
                }
            }
            SearcherManager searchers = new SearcherManager(writer, new SearcherFactory());
            return new SearchIndex(analysis, vectorModel, path, directory, writer, searchers, reason, null);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    /**
     * CREATE mode starts an empty index without deleting anything first: the old commit stays on disk until the
     * new index's first commit replaces it.
     */
    private static IndexWriter newWriter(Directory directory, Analysis analysis, boolean append) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analysis.index())
                .setOpenMode(append ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(48)
                .setCommitOnClose(false);
        return new IndexWriter(directory, config);
    }

    /** A stand-in for an index that cannot be opened: searches see an empty index in memory, changes fail. */
    private static SearchIndex unusable(Path path, Analysis analysis, String vectorModel, String problem) {
        try {
            Directory empty = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(empty, new IndexWriterConfig(analysis.index()))) {
                writer.commit();
            }
            return new SearchIndex(analysis, vectorModel, path, empty, null,
                    new SearcherManager(empty, new SearcherFactory()), null, problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only: does not happen
        }
    }

    /** Why the index must be rebuilt from the database before it can be trusted; null when it is current. */
    String rebuildReason() { return rebuildReason; }

    Analysis analysis() { return analysis; }

    /** The model of the vectors this index holds; "" when vectors are off. */
    String vectorModel() { return vectorModel; }

    /** Why the index cannot be used at all (search is unavailable until {@link #recover}); null when it can. */
    String unusable() { return unusable; }

    /** How often an unusable index folder is tried again. */
    static final java.time.Duration RECOVERY_PAUSE = java.time.Duration.ofSeconds(10);

    /**
     * Tries again to open the folder of an index that could not be opened (now writable, say); true when it now
     * serves, empty or as it was on disk, and must be rebuilt from the database.
     */
    boolean recover() {
        synchronized (writing) {
            if (unusable == null) {
                return false;
            }
            SearchIndex opened = open(path, analysis, vectorModel);
            if (opened.unusable != null) {
                return false;
            }
            Directory inMemory = directory;
            directory = opened.directory;
            writer = opened.writer;
            searchers = opened.searchers;
            unusable = null;
            log.warn("The search index in {} can be used again; it is rebuilt from the database", path);
            try {
                inMemory.close();
            } catch (IOException e) {
                log.debug("Closing the stand-in index: {}", e.toString());
            }
            return true;
        }
    }

    /** Why the last change to the index failed; null when the writer is healthy. */
    String writerFailure() { return writerFailure; }

    /** Adds, replaces or (for documents no longer visible) removes the documents. */
    void apply(Collection<SearchDocument> docs) throws IOException {
        write(w -> {
            for (SearchDocument doc : docs) {
                Term uid = new Term(Fields.UID, doc.uid());
                if (doc.visible()) {
                    w.updateDocument(uid, toLucene(doc));
                } else {
                    w.deleteDocuments(uid);
                }
            }
        });
    }

    /** Adds documents known not to be in the index (during a rebuild). */
    void add(Collection<SearchDocument> docs) throws IOException {
        write(w -> {
            for (SearchDocument doc : docs) {
                if (doc.visible()) {
                    w.addDocument(toLucene(doc));
                }
            }
        });
    }

    /** Removes every document; searchers see the old contents until the next {@link #refresh()}. */
    void clear() throws IOException {
        write(IndexWriter::deleteAll);
    }

    /** Makes the changes so far durable. */
    void commit() throws IOException {
        write(w -> {
            w.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA, LANGUAGE_KEY, analysis.language().code(),
                    VECTOR_MODEL_KEY, vectorModel).entrySet());
            w.commit();
        });
        writerFailure = null;
    }

    /**
     * Starts merging the index into one segment, on Lucene's merge threads (this returns at once; searches and
     * writes go on meanwhile, and see the merged index at the next refresh once {@link #merging()} is false).
     * After many documents were rewritten (a rebuild, every question's vector arriving) the index lies in a dozen
     * segments, and every search pays for each: at a million posts the nearest vectors took 1.8 ms in eleven
     * segments and 0.36 ms in one, a search page a quarter less (bench/BENCHMARKS.md).
     */
    void compact() throws IOException {
        write(w -> w.forceMerge(1, false));
    }

    /** True while a merge runs or waits to. */
    boolean merging() {
        IndexWriter current = writer;
        return current != null && (current.hasPendingMerges() || !current.getMergingSegments().isEmpty());
    }

    /** How many segments searches read now. */
    int segments() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** Makes the changes so far visible to searches (near-real-time, without a commit). */
    void refresh() throws IOException {
        write(w -> searchers.maybeRefreshBlocking());
    }

    private interface WriterWork {
        void apply(IndexWriter writer) throws IOException;
    }

    /**
     * Runs a change on a healthy writer. A failure (a full disk, say) can leave the writer closed for good, so the
     * next change reopens it from the last commit first; the outbox's retry then succeeds once the cause is gone.
     */
    private void write(WriterWork work) throws IOException {
        if (unusable != null) {
            throw new IOException("The search index cannot be used: " + unusable);
        }
        synchronized (writing) {
            try {
                if (writerBroken) {
                    reopen();
                    writerBroken = false; // not before the next failure: a second reopen would drop this batch's changes
                }
                work.apply(writer);
            } catch (IOException | AlreadyClosedException e) {
                writerBroken = true;
                writerFailure = e.toString();
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    /** Replaces the writer with one on the last commit; searches keep the old searchers until then. */
    private void reopen() throws IOException {
        try {
            writer.rollback(); // the failed batch is still in the outbox
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the failed index writer: {}", e.toString());
        }
        IndexWriter fresh = newWriter(directory, analysis, DirectoryReader.indexExists(directory));
        SearcherManager old = searchers;
        try {
            searchers = new SearcherManager(fresh, new SearcherFactory());
        } catch (IOException | RuntimeException e) {
            fresh.rollback();
            throw e;
        }
        writer = fresh;
        old.close();
        log.info("The search index writer in {} was reopened after: {}", path, writerFailure);
    }

    IndexSearcher acquire() throws IOException {
        while (true) {
            SearcherManager current = searchers;
            try {
                return current.acquire();
            } catch (AlreadyClosedException e) {
                if (current == searchers) {
                    throw e;
                } // replaced by a reopen meanwhile: take the new one
            }
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int documentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Does the work with a current searcher, released afterwards. */
    <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = acquire();
            try {
                return work.apply(searcher);
            } finally {
                release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document toLucene(SearchDocument doc) {
        Document d = new Document();
        d.add(new StringField(Fields.UID, doc.uid(), Field.Store.NO));
        d.add(new StringField(Fields.KIND, doc.kind(), Field.Store.YES));
        d.add(new StoredField(Fields.ID, doc.id()));
        d.add(new StoredField(Fields.SLUG, doc.slug()));
        d.add(new Field(Fields.TITLE, doc.title(), HIGHLIGHTED));
        d.add(new Field(Fields.BODY, doc.body(), HIGHLIGHTED));
        if (!doc.answers().isEmpty()) {
            d.add(new TextField(Fields.ANSWERS, doc.answers(), Field.Store.NO));
        }
        String tags = String.join(" ", doc.tags());
        if (!tags.isEmpty()) {
            d.add(new TextField(Fields.TAGS, tags, Field.Store.NO));
            d.add(new StoredField(Fields.TAG_LIST, tags));
            for (String tag : doc.tags()) {
                d.add(new StringField(Fields.TAG, tag, Field.Store.NO));
            }
        }
        if (analysis.language().hasLooseForm()) {
            d.add(new TextField(Fields.TITLE_LOOSE, doc.title(), Field.Store.NO));
            d.add(new TextField(Fields.BODY_LOOSE, doc.body(), Field.Store.NO));
        }
        d.add(new Field(Fields.SPELL, doc.title() + "\n" + tags + "\n" + doc.body(), VOCABULARY));
        d.add(flag(Fields.ANSWERED, doc.answerCount() > 0));
        d.add(flag(Fields.ACCEPTED, doc.accepted()));
        d.add(flag(Fields.VERIFIED, doc.verified()));
        d.add(flag(Fields.CLOSED, doc.closed()));
        if (doc.duplicateOf() != null) {
            d.add(new StoredField(Fields.DUPLICATE_OF, doc.duplicateOf()));
        }
        d.add(new StoredField(Fields.SCORE, doc.score()));
        d.add(new StoredField(Fields.ANSWER_COUNT, doc.answerCount()));
        if (doc.created() != null) {
            d.add(new StoredField(Fields.CREATED, doc.created().toInstant(ZoneOffset.UTC).toEpochMilli()));
        }
        if (doc.section() != null) {
            d.add(new StoredField(Fields.SECTION, doc.section()));
        }
        d.add(new StringField(Fields.AUDIENCE, doc.audience(), Field.Store.YES));
        d.add(new FeatureField(Fields.FEATURES, Fields.QUALITY, quality(doc)));
        if (doc.vector() != null && !vectorModel.isEmpty()) {
            // unit length (Embeddings), so the dot product is the cosine, and the cheaper to compute
            d.add(new KnnFloatVectorField(Fields.VECTOR, doc.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return d;
    }

    /**
     * The static part of relevance, a small lift on top of how well the text matches: curated FAQ entries and
     * verified answers most, then accepted answers and well-voted questions; closed questions least.
     */
    static float quality(SearchDocument doc) {
        if (Fields.FAQ.equals(doc.kind())) {
            return 8f;
        }
        if (Fields.ANNOUNCEMENT.equals(doc.kind())) {
            return 2f;
        }
        float quality = 1f;
        if (doc.verified()) {
            quality += 3f;
        }
        if (doc.accepted()) {
            quality += 2f;
        }
        if (doc.answerCount() > 0) {
            quality += 0.5f;
        }
        quality += (float) Math.min(3.0, Math.log1p(Math.max(0, doc.score())) / Math.log(2) / 2);
        return doc.closed() ? quality / 3f : quality;
    }

    private static StringField flag(String name, boolean value) {
        return new StringField(name, value ? "1" : "0", Field.Store.YES);
    }

    private static FieldType highlighted() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static FieldType vocabulary() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            if (writer != null) {
                writer.rollback(); // uncommitted changes are still in the outbox
            }
        } finally {
            directory.close();
        }
    }
}
