package townhall.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** The terms an analyzer makes of a text, as the queries use them. */
final class QueryTerms {
    private QueryTerms() {}

    /** The analysed terms of the text, in order. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        termGroups(analyzer, field, text).forEach(terms::addAll);
        return terms;
    }

    /** The analysed terms grouped by position: a word with its synonyms forms one group. */
    static List<List<String>> termGroups(Analyzer analyzer, String field, String text) {
        List<List<String>> groups = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return groups;
        }
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            Set<String> current = null;
            while (stream.incrementToken()) {
                if (current == null || increment.getPositionIncrement() > 0) {
                    current = new LinkedHashSet<>();
                    groups.add(new ArrayList<>());
                }
                if (current.add(term.toString())) {
                    groups.getLast().add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }
}
