package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The FAQ entry that matches most of the words: it comes first on the search page and while asking, unless a
 * question matches more of them.
 */
final class FaqMatcher {
    private final Analysis analysis;

    FaqMatcher(Analysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The FAQ entry that matches at least 60% of the words (each word in its question or answer, in any of its
     * forms or synonyms), best first; null when none does.
     */
    ScoreDoc best(IndexSearcher searcher, Analyzer analyzer, String text, List<BooleanClause> filters)
            throws IOException {
        List<Query> wordQueries = wordQueries(analyzer, text);
        if (wordQueries.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        wordQueries.forEach(word -> words.add(word, Occur.SHOULD));
        words.setMinimumNumberShouldMatch(Math.max(1, (int) Math.ceil(wordQueries.size() * 0.6)));
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, Fields.FAQ)), Occur.FILTER);
        filters.forEach(query::add);
        TopDocs top = searcher.search(query.build(), 1);
        return top.scoreDocs.length == 0 ? null : top.scoreDocs[0];
    }

    /**
     * The entry to put first: the {@link #best} one, unless the question that {@code questions} ranks first has more
     * of the words in its title or text. An entry about Bluetooth drops that shares only "when", "off" and
     * "switching" with "Battery drains when switched off" does not go above the question about exactly that.
     */
    ScoreDoc first(IndexSearcher searcher, Analyzer analyzer, String text, List<BooleanClause> filters,
                   Query questions) throws IOException {
        ScoreDoc entry = best(searcher, analyzer, text, filters);
        if (entry == null) {
            return null;
        }
        BooleanQuery.Builder question = new BooleanQuery.Builder().add(Queries.questionsOnly(questions), Occur.MUST);
        filters.forEach(question::add);
        TopDocs top = searcher.search(question.build(), 1);
        if (top.scoreDocs.length == 0) {
            return entry;
        }
        List<Query> words = wordQueries(analyzer, text);
        return wordsIn(searcher, words, entry.doc) >= wordsIn(searcher, words, top.scoreDocs[0].doc) ? entry : null;
    }

    /** How many of the words (each in any of its forms) the document has in its title or text. */
    private static int wordsIn(IndexSearcher searcher, List<Query> words, int doc) throws IOException {
        var stored = searcher.storedFields().document(doc, java.util.Set.of(Fields.KIND, Fields.ID));
        Term uid = new Term(Fields.UID, SearchDocument.uid(stored.get(Fields.KIND),
                stored.getField(Fields.ID).numericValue().longValue()));
        int found = 0;
        for (Query word : words) {
            found += searcher.count(new BooleanQuery.Builder().add(word, Occur.MUST)
                    .add(new TermQuery(uid), Occur.FILTER).build()) > 0 ? 1 : 0;
        }
        return found;
    }

    /** Each word of the text as one query: any of its forms or synonyms, in the title (weighted) or the text. */
    private List<Query> wordQueries(Analyzer analyzer, String text) {
        List<List<String>> groups = QueryTerms.termGroups(analyzer, Fields.TITLE, text);
        List<List<String>> looseGroups = analysis.language().hasLooseForm() && !groups.isEmpty()
                ? QueryTerms.termGroups(analyzer, Fields.TITLE_LOOSE, text) : List.of();
        List<Query> words = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Query> ways = new ArrayList<>();
            for (String term : groups.get(i)) {
                ways.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, term)), 2.0f));
                ways.add(new TermQuery(new Term(Fields.BODY, term)));
            }
            if (looseGroups.size() == groups.size()) {
                for (String term : looseGroups.get(i)) {
                    ways.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE_LOOSE, term)), 1.5f));
                    ways.add(new BoostQuery(new TermQuery(new Term(Fields.BODY_LOOSE, term)), 0.5f));
                }
            }
            words.add(new DisjunctionMaxQuery(ways, 0.2f));
        }
        return words;
    }
}
