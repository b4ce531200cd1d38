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

/** The FAQ entry that matches most of the words: it comes first on the search page and while asking. */
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
        List<List<String>> groups = QueryTerms.termGroups(analyzer, Fields.TITLE, text);
        if (groups.isEmpty()) {
            return null;
        }
        List<List<String>> looseGroups = analysis.language().hasLooseForm()
                ? QueryTerms.termGroups(analyzer, Fields.TITLE_LOOSE, text) : List.of();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
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
            words.add(new DisjunctionMaxQuery(ways, 0.2f), Occur.SHOULD);
        }
        words.setMinimumNumberShouldMatch(Math.max(1, (int) Math.ceil(groups.size() * 0.6)));
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, Fields.FAQ)), Occur.FILTER);
        filters.forEach(query::add);
        TopDocs top = searcher.search(query.build(), 1);
        return top.scoreDocs.length == 0 ? null : top.scoreDocs[0];
    }
}
