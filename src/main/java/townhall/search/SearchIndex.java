package townhall.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
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
    static final String SCHEMA = "1";
    private static final String SCHEMA_KEY = "townhall.schema";
    private static final String LANGUAGE_KEY = "townhall.language";

    private static final FieldType HIGHLIGHTED = highlighted();
    private static final FieldType VOCABULARY = vocabulary();

    private final Analysis analysis;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final String rebuildReason;

    private SearchIndex(Analysis analysis, Directory directory, IndexWriter writer, SearcherManager searchers,
                        String rebuildReason) {
        this.analysis = analysis;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.rebuildReason = rebuildReason;
    }

    /**
     * Opens the index at {@code path}, starting a new one when there is none or it cannot be read.
     * Fails when another process holds it.
     */
    static SearchIndex open(Path path, Analysis analysis) {
        try {
            Files.createDirectories(path);
            return tryOpen(path, analysis, false);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("The search index in " + path + " is in use by another Townhall process");
        } catch (IOException | RuntimeException e) {
            log.warn("The search index in {} cannot be read ({}); it is started afresh and rebuilt from the database",
                    path, e.toString());
            try {
                wipe(path);
                return tryOpen(path, analysis, true);
            } catch (IOException again) {
                throw new UncheckedIOException("Cannot create the search index in " + path, again);
            }
        }
    }

    private static SearchIndex tryOpen(Path path, Analysis analysis, boolean fresh) throws IOException {
        Directory directory = FSDirectory.open(path);
        IndexWriter writer = null;
        try {
            boolean exists = !fresh && DirectoryReader.indexExists(directory);
            IndexWriterConfig config = new IndexWriterConfig(analysis.index())
                    .setOpenMode(exists ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(48)
                    .setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
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
                }
            }
            SearcherManager searchers = new SearcherManager(writer, new SearcherFactory());
            return new SearchIndex(analysis, directory, writer, searchers, reason);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    private static void wipe(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Why the index must be rebuilt from the database before it can be trusted; null when it is current. */
    String rebuildReason() { return rebuildReason; }

    Analysis analysis() { return analysis; }

    /** Adds, replaces or (for documents no longer visible) removes the documents. */
    void apply(Collection<SearchDocument> docs) throws IOException {
        for (SearchDocument doc : docs) {
            Term uid = new Term(Fields.UID, doc.uid());
            if (doc.visible()) {
                writer.updateDocument(uid, toLucene(doc));
            } else {
                writer.deleteDocuments(uid);
            }
        }
    }

    /** Adds documents known not to be in the index (during a rebuild). */
    void add(Collection<SearchDocument> docs) throws IOException {
        for (SearchDocument doc : docs) {
            if (doc.visible()) {
                writer.addDocument(toLucene(doc));
            }
        }
    }

    /** Removes every document; searchers see the old contents until the next {@link #refresh()}. */
    void clear() throws IOException {
        writer.deleteAll();
    }

    /** Makes the changes so far durable. */
    void commit() throws IOException {
        writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA, LANGUAGE_KEY, analysis.language().code()).entrySet());
        writer.commit();
    }

    /** Makes the changes so far visible to searches (near-real-time, without a commit). */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
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
        d.add(new StoredField(Fields.SCORE, doc.score()));
        d.add(new StoredField(Fields.ANSWER_COUNT, doc.answerCount()));
        if (doc.created() != null) {
            d.add(new StoredField(Fields.CREATED, doc.created().toInstant(ZoneOffset.UTC).toEpochMilli()));
        }
        if (doc.section() != null) {
            d.add(new StoredField(Fields.SECTION, doc.section()));
        }
        d.add(new FeatureField(Fields.FEATURES, Fields.QUALITY, quality(doc)));
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
            writer.rollback(); // uncommitted changes are still in the outbox
        } finally {
            directory.close();
        }
    }
}
