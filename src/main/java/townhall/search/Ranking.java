package townhall.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The order of the hits: BM25 by text, then a small static lift for verified, accepted, well-voted and curated
 * content; and, for short lists offered unasked, only the hits close to the best.
 */
final class Ranking {
    /** For lists that show no count of their matches (see {@link #withQualityLift}). */
    static final int NO_COUNT = 0;

    private Ranking() {}

    /**
     * The best {@code n} by text, then lifted by quality: the text ranking picks a window of candidates and the
     * lift re-orders them. As one query the lift would match every document and switch off Lucene's skipping of
     * documents that cannot reach the top, making every search score most of the index. Counting the matches up to
     * {@code countUpTo} delays that skipping too, so lists that show no count ask for none.
     */
    static TopDocs withQualityLift(IndexSearcher searcher, Query query, int n, int countUpTo) throws IOException {
        int window = 2 * n + 10;
        TopDocs byText = searcher.search(query, new TopScoreDocCollectorManager(window, Math.max(window, countUpTo)));
        TopDocs lifted = QueryRescorer.rescore(searcher, byText, qualityLift(), 1.0, window);
        ScoreDoc[] best = Arrays.copyOf(lifted.scoreDocs, Math.min(n, lifted.scoreDocs.length));
        return new TopDocs(byText.totalHits, best);
    }

    /** The mild lift of verified, accepted, well-voted and curated documents (see {@link SearchIndex#quality}). */
    static Query qualityLift() {
        return FeatureField.newSaturationQuery(Fields.FEATURES, Fields.QUALITY, 2.0f, 4.0f);
    }

    /**
     * The hits scoring at least {@code fraction} of the best one: a short list offered unasked (suggestions,
     * related questions) leaves out what matched only a common word.
     */
    static ScoreDoc[] closeToBest(ScoreDoc[] docs, float fraction) {
        if (docs.length == 0) {
            return docs;
        }
        float floor = docs[0].score * fraction;
        return Arrays.stream(docs).filter(d -> d.score >= floor).toArray(ScoreDoc[]::new);
    }
}
