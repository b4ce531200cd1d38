package townhall.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Dotted names ({@code support.example.com}, {@code app.v2}, {@code v4.3}) also as their words. The tokenizer keeps
 * such a name whole, so "example" or "app v2" did not find it; this filter keeps the whole name (an exact search still
 * matches it, and its rare term ranks the page that has it first) and adds each part, and for a version written with
 * a "v" also the number alone ({@code v4.3} → {@code 4.3}). Plain numbers ({@code 4.3}) stay whole.
 *
 * <p>When indexing, the first part stands at the name's own position and the others follow it, as the name's words
 * would ("support example com" as a phrase finds it). When searching, every part follows the whole name, so each is a
 * word of its own in the query rather than a synonym of the name that would share, and dilute, its weight.
 */
final class DottedNames extends TokenFilter {
    private final boolean indexing;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final Deque<Part> parts = new ArrayDeque<>();
    private AttributeSource.State whole;

    private record Part(String text, int start, int end, int increment) {}

    DottedNames(TokenStream input, boolean indexing) {
        super(input);
        this.indexing = indexing;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!parts.isEmpty()) {
            restoreState(whole);
            Part part = parts.poll();
            term.setEmpty().append(part.text());
            offset.setOffset(part.start(), part.end());
            increment.setPositionIncrement(part.increment());
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        split();
        if (!parts.isEmpty()) {
            whole = captureState();
        }
        return true;
    }

    /** Queues the parts of the current token when it is a dotted name. */
    private void split() {
        String text = term.toString();
        if (text.indexOf('.') < 0 || !hasLetter(text) || term.length() != offset.endOffset() - offset.startOffset()) {
            return; // a plain number, or a term whose offsets do not match its letters (left as it is)
        }
        int base = offset.startOffset();
        int from = 0;
        boolean first = true;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (i > from) {
                    parts.add(new Part(text.substring(from, i), base + from, base + i, first && indexing ? 0 : 1));
                    first = false;
                }
                from = i + 1;
            }
        }
        if ((text.charAt(0) == 'v' || text.charAt(0) == 'V') && text.length() > 1 && Character.isDigit(text.charAt(1))
                && !hasLetter(text.substring(1))) {
            // after the first part, as the offsets must not go backwards
            Part head = parts.poll();
            parts.addFirst(new Part(text.substring(1), base + 1, base + text.length(), indexing ? 0 : 1));
            parts.addFirst(head);
        }
    }

    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        parts.clear();
        whole = null;
    }
}
