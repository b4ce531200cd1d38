package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import townhall.qa.Audience;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import townhall.search.SearchService.Suggestions;

/** What the ask page shows while a question is written: the FAQ entry and the questions it may already have. */
final class AskSuggestions {
    private static final int BODY_MAX_CHARS = 5000;
    private static final int BODY_TERMS = 12;

    private final SearchIndex index;
    /** Questions read beyond the limit, so that the list stays full when duplicates fold into their originals. */
    private static final int DUPLICATES_SPARE = 3;
    private final Queries queries;
    private final FaqMatcher faq;
    private final HitReader hits;

    AskSuggestions(SearchIndex index, Queries queries, FaqMatcher faq, HitReader hits) {
        this.index = index;
        this.queries = queries;
        this.faq = faq;
        this.hits = hits;
    }

    /** The FAQ entry that matches most of the title's words, and the questions most like the title and body. */
    Suggestions suggest(String title, String body, int questionLimit, Analyzer analyzer, Meaning meaning,
                        Audience audience) {
        String cleanTitle = Queries.limit(title);
        String cleanBody = body == null ? ""
                : body.length() > BODY_MAX_CHARS ? body.substring(0, BODY_MAX_CHARS) : body;
        if (QueryTerms.terms(analyzer, Fields.TITLE, cleanTitle).isEmpty() && cleanBody.isBlank()) {
            return new Suggestions(List.of(), List.of());
        }
        return index.withSearcher(searcher -> {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            if (!cleanTitle.isBlank()) {
                Queries.flatten(queries.titleQuery(analyzer, cleanTitle), 1.0f, text);
            }
            Query bodyTerms = telltaleTerms(searcher, analyzer, cleanBody, BODY_TERMS);
            if (bodyTerms != null) {
                Queries.flatten(bodyTerms, 0.5f, text);
            }
            Query textQuery = text.build();
            Query highlight = queries.highlightQuery(analyzer, cleanTitle);
            List<SearchHit> faqHits = new ArrayList<>();
            ScoreDoc best = cleanTitle.isBlank() ? null
                    : faq.first(searcher, analyzer, cleanTitle, List.of(), queries.titleQuery(analyzer, cleanTitle));
            if (best != null) {
                faqHits.addAll(hits.read(searcher, highlight, new ScoreDoc[] {best}, true));
            }
            float[] vector = meaning.vectorOf(Embeddings.questionText(cleanTitle, cleanBody));
            List<BooleanClause> readable = Queries.audienceFilters(audience, searcher);
            ScoreDoc[] questions = meaning.rank(searcher, Queries.readableBy(Queries.questionsOnly(textQuery), readable),
                    vector, readable, Meaning.SUGGEST, questionLimit + DUPLICATES_SPARE, Ranking.NO_COUNT, 0.3f)
                    .top().scoreDocs;
            // a duplicate leads to its original, whose answers the asker wants (see Duplicates)
            Duplicates.Folded folded = Duplicates.fold(searcher, questions, readable);
            ScoreDoc[] shown = Arrays.copyOf(folded.docs(), Math.min(questionLimit, folded.docs().length));
            return new Suggestions(faqHits, hits.read(searcher, highlight, shown, folded));
        });
    }

    /** The body's most telling words (rarest in the index first), as one query over title and body. */
    private static Query telltaleTerms(IndexSearcher searcher, Analyzer analyzer, String body, int max)
            throws IOException {
        if (body.isBlank()) {
            return null;
        }
        IndexReader reader = searcher.getIndexReader();
        Map<String, Integer> counts = new HashMap<>();
        for (String term : QueryTerms.terms(analyzer, Fields.BODY, body)) {
            counts.merge(term, 1, Integer::sum);
        }
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int df = reader.docFreq(new Term(Fields.BODY, e.getKey()));
            if (df == 0) {
                continue; // a word no document has cannot find anything
            }
            weights.put(e.getKey(), (1 + Math.log(e.getValue())) * Math.log(1 + (double) docs / df));
        }
        List<String> best = weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(max).map(Map.Entry::getKey).toList();
        if (best.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : best) {
            query.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, term)), 1.5f), Occur.SHOULD);
            query.add(new TermQuery(new Term(Fields.BODY, term)), Occur.SHOULD);
        }
        return query.build();
    }

    /** Ideas whose titles and tags are most like a new idea's title as it is typed. */
    List<SearchHit> similarIdeas(String title, int limit, Analyzer analyzer, Audience audience) {
        String clean = Queries.limit(title);
        if (QueryTerms.terms(analyzer, Fields.TITLE, clean).isEmpty()) {
            return List.of();
        }
        return index.withSearcher(searcher -> {
            Query query = Queries.readableBy(new BooleanQuery.Builder().add(queries.titleQuery(analyzer, clean), Occur.MUST)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.IDEA)), Occur.FILTER).build(),
                    Queries.audienceFilters(audience, searcher));
            ScoreDoc[] top = Ranking.closeToBest(searcher.search(query, limit).scoreDocs, 0.3f);
            return hits.read(searcher, queries.highlightQuery(analyzer, clean), top, false);
        });
    }
}
