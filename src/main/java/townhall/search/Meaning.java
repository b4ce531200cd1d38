package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import townhall.search.SearchService.Retrieval;

/**
 * Search by meaning beside search by words: the questions whose vectors are nearest the query's (HNSW, in the
 * index), fused with the word search's ranking by reciprocal rank, then lifted by quality as word search alone is.
 * Without a model (vectors off, or a language with no model) it is word search alone, as it was.
 */
final class Meaning {
    /**
     * How the two rankings are fused: reciprocal rank fusion, a hit at rank r (from 1) of a list adding that list's
     * weight / (k + r); and the floor of the search page's hits found by meaning alone.
     */
    record Mix(int k, float wordsWeight, float vectorsWeight, Floor searchFloor) {}

    /**
     * Chosen on the beer dump's 117 linked-question pairs (bench/src/townhall/search/HybridTuning.java, results in
     * bench/results/2026-12-07-hybrid-tuning.md): the customary k of 60 with both lists weighted alike was as good
     * as any (MRR@10 0.327; the best of 68 mixes 0.331, within the noise of 117 queries), and a floor of 0.40 kept
     * the linked questions that 0.45 and 0.50 lost while it stays above three in four unrelated questions (their
     * median similarity to a title is 0.32).
     */
    static final Mix MIX = new Mix(60, 1f, 1f, new Floor(0.40f));
    /**
     * The quality lift's weight on fused scores. Fused scores are about 1/60 a list, so 0.002 times the lift
     * (0.4 for a plain question to 1.4 for a verified, accepted, well-voted one) moves a hit a few places, as the
     * lift moves BM25 hits (see {@link Ranking}).
     */
    static final float LIFT_WEIGHT = 0.002f;

    /**
     * The least cosine similarity for a question found by meaning alone to be offered: below it, the nearest
     * vectors are merely the least far (calibrated on the beer dump, see bench/BENCHMARKS.md).
     */
    record Floor(float cosine) {
        /** Lucene's score for a dot product of unit vectors is (1 + cosine) / 2. */
        float score() { return (1 + cosine) / 2; }
    }

    /** Suggestions while asking: as the search page. */
    static final Floor SUGGEST = MIX.searchFloor();
    /**
     * Related questions, offered unasked beside a question, want the closer ones: a question's whole vector against
     * another's is more alike than a title against one (not tuned: the dump has no measure of relatedness).
     */
    static final Floor RELATED = new Floor(0.50f);

    private final Embeddings embeddings;
    private final Retrieval retrieval;
    private final Mix mix;

    /** {@code embeddings} null: words alone. */
    Meaning(Embeddings embeddings) {
        this(embeddings, embeddings == null ? Retrieval.WORDS : Retrieval.HYBRID, MIX);
    }

    Meaning(Embeddings embeddings, Retrieval retrieval, Mix mix) {
        if (embeddings == null && retrieval != Retrieval.WORDS) {
            throw new IllegalStateException("Search by meaning needs a model: search.vectors is off");
        }
        this.embeddings = embeddings;
        this.retrieval = retrieval;
        this.mix = mix;
    }

    /** The same model, used another way (for the benchmark). */
    Meaning using(Retrieval other) {
        return new Meaning(embeddings, other, mix);
    }

    /** The least similarity of a search page's hit found by meaning alone. */
    Floor searchFloor() { return mix.searchFloor(); }

    Retrieval retrieval() { return retrieval; }

    boolean byWords() { return retrieval != Retrieval.VECTORS; }

    boolean byMeaning() { return retrieval != Retrieval.WORDS; }

    /** The vector of typed text; null when searching by words alone or the text is blank. */
    float[] vectorOf(String text) {
        return !byMeaning() || text.isBlank() ? null : embeddings.embedQuery(text);
    }

    /** The stored vector of the document in the index, or null. */
    static float[] vectorInIndex(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int target = doc - leaf.docBase;
        return it.advance(target) == target ? values.vectorValue(it.index()).clone() : null;
    }

    /** The best hits, and how many documents the words matched (up to the count asked for). */
    record Ranked(TopDocs top, long wordHits) {}

    /**
     * The best {@code n}: by words (with {@code words}' matches counted up to {@code countUpTo}), by meaning (the
     * {@code vector}'s nearest questions passing {@code filters} above the {@code floor}), or both fused; then lifted
     * by quality. {@code wordsCloseTo} above 0 keeps of the word hits only those close to the best (lists offered
     * unasked). A null vector searches by words alone.
     */
    Ranked rank(IndexSearcher searcher, Query words, float[] vector, List<BooleanClause> filters, Floor floor,
                int n, int countUpTo, float wordsCloseTo) throws IOException {
        if (vector == null || !byMeaning()) {
            if (!byWords()) {
                return new Ranked(new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]), 0);
            }
            TopDocs top = Ranking.withQualityLift(searcher, words, n, countUpTo);
            return new Ranked(wordsCloseTo > 0
                    ? new TopDocs(top.totalHits, Ranking.closeToBest(top.scoreDocs, wordsCloseTo)) : top,
                    top.totalHits.value());
        }
        int window = 2 * n + 10;
        TopDocs byWords = byWords()
                ? searcher.search(words, new TopScoreDocCollectorManager(window, Math.max(window, countUpTo)))
                : new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);
        ScoreDoc[] wordHits = wordsCloseTo > 0 ? Ranking.closeToBest(byWords.scoreDocs, wordsCloseTo)
                : byWords.scoreDocs;
        ScoreDoc[] meaningHits = nearest(searcher, vector, window, filters, floor);
        Map<Integer, Float> fused = new HashMap<>();
        addRanks(fused, wordHits, mix.wordsWeight());
        addRanks(fused, meaningHits, mix.vectorsWeight());
        long meaningOnly = Arrays.stream(meaningHits).filter(d -> !containsDoc(wordHits, d.doc)).count();
        ScoreDoc[] ordered = fused.entrySet().stream()
                .map(e -> new ScoreDoc(e.getKey(), e.getValue()))
                .sorted((a, b) -> Float.compare(b.score, a.score))
                .toArray(ScoreDoc[]::new);
        TotalHits total = new TotalHits(byWords.totalHits.value() + meaningOnly, byWords.totalHits.relation());
        if (ordered.length == 0) {
            return new Ranked(new TopDocs(total, ordered), byWords.totalHits.value());
        }
        TopDocs lifted = QueryRescorer.rescore(searcher, new TopDocs(total, ordered), Ranking.qualityLift(),
                LIFT_WEIGHT, ordered.length);
        return new Ranked(new TopDocs(total, Arrays.copyOf(lifted.scoreDocs, Math.min(n, lifted.scoreDocs.length))),
                byWords.totalHits.value());
    }

    private static boolean containsDoc(ScoreDoc[] docs, int doc) {
        for (ScoreDoc d : docs) {
            if (d.doc == doc) {
                return true;
            }
        }
        return false;
    }

    private void addRanks(Map<Integer, Float> fused, ScoreDoc[] ranked, float weight) {
        for (int rank = 0; rank < ranked.length; rank++) {
            fused.merge(ranked[rank].doc, weight / (mix.k() + rank + 1), Float::sum);
        }
    }

    /** The nearest questions passing the filters, at least {@code floor} alike, nearest first. */
    static ScoreDoc[] nearest(IndexSearcher searcher, float[] vector, int k, List<BooleanClause> filters, Floor floor)
            throws IOException {
        Query filter = null; // only questions have vectors: without filters, the quicker unfiltered graph search
        if (!filters.isEmpty()) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder()
                    .add(new FieldExistsQuery(Fields.VECTOR), Occur.FILTER);
            for (BooleanClause clause : filters) {
                builder.add(clause.query(), clause.occur() == Occur.MUST_NOT ? Occur.MUST_NOT : Occur.FILTER);
            }
            filter = builder.build();
        }
        TopDocs top = searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, k, filter), k);
        List<ScoreDoc> kept = new ArrayList<>();
        for (ScoreDoc d : top.scoreDocs) {
            if (d.score >= floor.score()) {
                kept.add(d);
            }
        }
        return kept.toArray(ScoreDoc[]::new);
    }
}
