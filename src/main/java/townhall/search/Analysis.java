package townhall.search;

import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The analyzers of one language: how text becomes terms when it is indexed and when it is searched.
 * Synonyms apply only when searching, so staff can change them without reindexing.
 */
final class Analysis {
    /** How the text fields are analysed. */
    enum Form {
        /** Lower-cased, stop words removed, stemmed, accents folded: the main matching form. */
        STEMMED,
        /** The stemmed form cut to a few letters: joins a word family (Russian and Czech only). */
        LOOSE,
        /** Lower-cased words as written: the vocabulary "did you mean" draws from. */
        SPELLING,
        /** Stemmed, without stop words removed: how synonym rules themselves are read. */
        RULES
    }

    private static final NormalizeCharMap YO = yo();

    private final Language language;
    private final Analyzer index;

    Analysis(Language language) {
        this.language = language;
        Analyzer stemmed = analyzer(language, Form.STEMMED, null);
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(Fields.TITLE_LOOSE, analyzer(language, Form.LOOSE, null));
        perField.put(Fields.BODY_LOOSE, perField.get(Fields.TITLE_LOOSE));
        perField.put(Fields.SPELL, analyzer(language, Form.SPELLING, null));
        this.index = new PerFieldAnalyzerWrapper(stemmed, perField);
    }

    Language language() { return language; }

    /** The analyzer documents are indexed with. */
    Analyzer index() { return index; }

    /** The analyzer searches are read with: the index's, plus the synonyms on the text fields. */
    Analyzer query(SynonymMap synonyms) {
        if (synonyms == null || synonyms.fst == null) {
            return index;
        }
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(Fields.TITLE_LOOSE, analyzer(language, Form.LOOSE, synonyms));
        perField.put(Fields.BODY_LOOSE, perField.get(Fields.TITLE_LOOSE));
        perField.put(Fields.SPELL, analyzer(language, Form.SPELLING, null));
        return new PerFieldAnalyzerWrapper(analyzer(language, Form.STEMMED, synonyms), perField);
    }

    /** The analyzer synonym rules are parsed with, so that their terms match the stemmed index terms. */
    Analyzer rules() {
        return analyzer(language, Form.RULES, null);
    }

    static Analyzer analyzer(Language language, Form form, SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return language == Language.RU ? new MappingCharFilter(YO, reader) : reader;
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = source;
                if (language == Language.EN) {
                    stream = new EnglishPossessiveFilter(stream);
                }
                stream = new LowerCaseFilter(stream);
                if (form == Form.SPELLING) {
                    return new TokenStreamComponents(source, stream);
                }
                if (form != Form.RULES) {
                    stream = new StopFilter(stream, language.stopWords());
                }
                stream = language.stem(stream);
                stream = new ASCIIFoldingFilter(stream);
                if (synonyms != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                if (form == Form.LOOSE) {
                    stream = new TruncateTokenFilter(stream, language.looseLength());
                }
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    private static NormalizeCharMap yo() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        builder.add("ё", "е");
        builder.add("Ё", "Е");
        return builder.build();
    }
}
