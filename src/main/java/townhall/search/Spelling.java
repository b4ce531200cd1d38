package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import townhall.qa.Audience;

/** "Did you mean" for a search that found little, drawn from the words the index has. */
final class Spelling {
    private final Analysis analysis;
    private final DirectSpellChecker spellChecker = new DirectSpellChecker();

    Spelling(Analysis analysis) {
        this.analysis = analysis;
        spellChecker.setMinQueryLength(4);
        spellChecker.setMaxEdits(2);
    }

    /**
     * "Did you mean": each word the index has never seen replaced by the closest one it has in a document the reader
     * may find (a word only a hidden category's questions use is never offered).
     */
    String didYouMean(IndexSearcher searcher, String text, Audience audience) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        List<String> words = QueryTerms.terms(analysis.index(), Fields.SPELL, text);
        boolean changed = false;
        List<BooleanClause> readable = Queries.audienceFilters(audience, searcher);
        List<String> corrected = new ArrayList<>(words.size());
        for (String word : words) {
            String replacement = word;
            if (word.length() >= 4 && reader.docFreq(new Term(Fields.SPELL, word)) == 0) {
                SuggestWord[] suggestions = spellChecker.suggestSimilar(new Term(Fields.SPELL, word), 5, reader,
                        SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                for (SuggestWord suggestion : suggestions) {
                    Query found = Queries.readableBy(new TermQuery(new Term(Fields.SPELL, suggestion.string)), readable);
                    if (searcher.count(found) > 0) {
                        replacement = suggestion.string;
                        changed = true;
                        break;
                    }
                }
            }
            corrected.add(replacement);
        }
        return changed ? String.join(" ", corrected) : null;
    }
}
