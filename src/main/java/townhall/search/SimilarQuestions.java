package townhall.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** The questions like a question, by its title's telling words and its tags: for the question page. */
final class SimilarQuestions {
    private static final int RELATED_TITLE_TERMS = 4;
    private static final int RELATED_TAGS = 2;

    private final SearchIndex index;
    private final HitReader hits;
    /**
     * Related questions change slowly and are looked up on every question page view: kept for a few minutes, so a
     * busy question costs one search per few minutes rather than one per view.
     */
    private final Cache<RelatedKey, List<SearchHit>> relatedCache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    SimilarQuestions(SearchIndex index, HitReader hits) {
        this.index = index;
        this.hits = hits;
    }

    private record RelatedKey(long questionId, int limit) {}

    /** Forgets every kept list (who may see a category's questions changed). */
    void forget() {
        relatedCache.invalidateAll();
    }

    List<SearchHit> related(long questionId, int limit, Analyzer analyzer, Meaning meaning) {
        // a question not indexed yet (its page is shown to the asker at once) is asked again, not kept as "none"
        List<SearchHit> related = relatedCache.get(new RelatedKey(questionId, limit),
                key -> findRelated(key.questionId(), key.limit(), analyzer, meaning));
        return related == null ? List.of() : related;
    }

    private List<SearchHit> findRelated(long questionId, int limit, Analyzer analyzer, Meaning meaning) {
        return index.withSearcher(searcher -> {
            Term self = new Term(Fields.UID, SearchDocument.uid(Fields.QUESTION, questionId));
            TopDocs found = searcher.search(new TermQuery(self), 1);
            if (found.scoreDocs.length == 0) {
                return null; // not kept by the cache
            }
            Document doc = searcher.storedFields().document(found.scoreDocs[0].doc);
            BooleanQuery.Builder like = new BooleanQuery.Builder();
            for (Term term : rarest(searcher.getIndexReader(), Fields.TITLE, QueryTerms.terms(analyzer, Fields.TITLE,
                    doc.get(Fields.TITLE)), RELATED_TITLE_TERMS)) {
                like.add(new TermQuery(term), Occur.SHOULD);
            }
            String tags = doc.get(Fields.TAG_LIST);
            if (tags != null) {
                for (Term tag : rarest(searcher.getIndexReader(), Fields.TAG, List.of(tags.split(" ")), RELATED_TAGS)) {
                    like.add(new BoostQuery(new TermQuery(tag), 0.5f), Occur.SHOULD);
                }
            }
            // whoever reads the question reads public questions and those of its own audience, and no others
            String audience = doc.get(Fields.AUDIENCE) == null ? "public" : doc.get(Fields.AUDIENCE);
            Query readable = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.AUDIENCE, "public")), Occur.SHOULD)
                    .add(new TermQuery(new Term(Fields.AUDIENCE, audience)), Occur.SHOULD).build();
            Query others = new BooleanQuery.Builder()
                    .add(like.build(), Occur.MUST)
                    .add(new TermQuery(self), Occur.MUST_NOT)
                    .add(readable, Occur.FILTER)
                    .build();
            float[] vector = meaning.byMeaning() ? Meaning.vectorInIndex(searcher, found.scoreDocs[0].doc) : null;
            // the nearest by meaning pass the same filters as the words' query: never a question of another audience
            TopDocs top = meaning.rank(searcher, Queries.questionsOnly(others), vector,
                    List.of(new BooleanClause(new TermQuery(self), Occur.MUST_NOT),
                            new BooleanClause(readable, Occur.FILTER)), Meaning.RELATED, limit,
                    Ranking.NO_COUNT, 0.25f).top();
            return hits.read(searcher, null, top.scoreDocs, false);
        });
    }

    /**
     * The rarest of these words in the field, at most {@code max}: what tells a question apart. Common words would
     * add little to the ranking yet make the query score a large part of the index on every page view.
     */
    private static List<Term> rarest(IndexReader reader, String field, List<String> words, int max)
            throws IOException {
        Map<Term, Integer> frequencies = new HashMap<>();
        for (String word : new LinkedHashSet<>(words)) {
            Term term = new Term(field, word);
            int df = reader.docFreq(term);
            if (df > 0) {
                frequencies.put(term, df);
            }
        }
        return frequencies.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(max).map(Map.Entry::getKey).toList();
    }
}
