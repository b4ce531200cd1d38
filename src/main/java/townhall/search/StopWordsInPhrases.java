package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * For reading a synonym rule's terms: the stop words of a term of several words are left out, as a search leaves
 * them out ("return to manufacturer" is read "return manufacturer", so that "rma, return to manufacturer" matches
 * what is typed); a term of stop words alone ("IT") is kept whole, so that no rule becomes empty.
 */
final class StopWordsInPhrases extends TokenFilter {
    private final CharArraySet stopWords;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private List<AttributeSource.State> kept;
    private int next;

    StopWordsInPhrases(TokenStream input, CharArraySet stopWords) {
        super(input);
        this.stopWords = stopWords;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (kept == null) {
            List<AttributeSource.State> all = new ArrayList<>();
            List<AttributeSource.State> content = new ArrayList<>();
            while (input.incrementToken()) {
                AttributeSource.State state = captureState();
                all.add(state);
                if (!stopWords.contains(term.buffer(), 0, term.length())) {
                    content.add(state);
                }
            }
            kept = content.isEmpty() ? all : content;
        }
        if (next >= kept.size()) {
            return false;
        }
        boolean first = next == 0;
        restoreState(kept.get(next++));
        increment.setPositionIncrement(first ? increment.getPositionIncrement() : 1);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        kept = null;
        next = 0;
    }
}
