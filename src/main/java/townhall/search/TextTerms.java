package townhall.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A text's words as search reads them (lower-cased, stemmed, accents folded; stop words kept), each with where it
 * stands in the text: so that other features match words the way search does, "refunds" by "refund", "возврата" by
 * "возврат", "reklamaci" by "reklamace". Thread-safe.
 */
public final class TextTerms {
    /** A stemmed term and the span of the text it was read from. */
    public record Term(String term, int start, int end) {}

    private static final Map<Language, Analyzer> ANALYZERS = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            ANALYZERS.put(language, Analysis.analyzer(language, Analysis.Form.RULES, null, false));
        }
    }

    private TextTerms() {}

    public static List<Term> of(Language language, String text) {
        List<Term> terms = new ArrayList<>();
        try (TokenStream stream = ANALYZERS.get(language).tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(new Term(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
