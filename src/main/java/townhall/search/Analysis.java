package townhall.search;

import java.io.Reader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
        /** Stemmed, without stop words removed: how other features match words as search does. */
        RULES,
        /** Stemmed, stop words left out of terms of several words: how synonym rules themselves are read. */
        SYNONYM_RULES
    }

    private static final NormalizeCharMap YO = yo();

    private final Language language;
    private final Analyzer index;
    private final Set<String> fillerTerms;

    Analysis(Language language) {
        this.language = language;
        Analyzer stemmed = analyzer(language, Form.STEMMED, null, true);
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(Fields.TITLE_LOOSE, analyzer(language, Form.LOOSE, null, true));
        perField.put(Fields.BODY_LOOSE, perField.get(Fields.TITLE_LOOSE));
        perField.put(Fields.SPELL, analyzer(language, Form.SPELLING, null, true));
        this.index = new PerFieldAnalyzerWrapper(stemmed, perField);
        Set<String> filler = new HashSet<>();
        for (String word : language.fillerWords()) {
            filler.addAll(QueryTerms.terms(analyzer(language, Form.RULES, null, false), Fields.TITLE, word));
        }
        this.fillerTerms = Set.copyOf(filler);
    }

    /** The language's filler words as the index's terms: not marked in results (see {@link Language#fillerWords}). */
    Set<String> fillerTerms() { return fillerTerms; }

    Language language() { return language; }

    /** The analyzer documents are indexed with. */
    Analyzer index() { return index; }

    /**
     * The analyzer searches are read with: the index's, plus the synonyms (none when null) on the text fields, and
     * a dotted name's words as words of their own (see {@link DottedNames}).
     */
    Analyzer query(SynonymMap synonyms) {
        SynonymMap rules = synonyms == null || synonyms.fst == null ? null : synonyms;
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(Fields.TITLE_LOOSE, analyzer(language, Form.LOOSE, rules, false));
        perField.put(Fields.BODY_LOOSE, perField.get(Fields.TITLE_LOOSE));
        perField.put(Fields.SPELL, analyzer(language, Form.SPELLING, null, false));
        return new PerFieldAnalyzerWrapper(analyzer(language, Form.STEMMED, rules, false), perField);
    }

    /** The analyzer synonym rules are parsed with, so that their terms match the stemmed query terms. */
    Analyzer rules() {
        return analyzer(language, Form.SYNONYM_RULES, null, false);
    }

    /**
     * The analyzer of one form; {@code indexing} says whether it reads documents (a dotted name's words stand at its
     * positions) or searches (they follow it, see {@link DottedNames}).
     */
    static Analyzer analyzer(Language language, Form form, SynonymMap synonyms, boolean indexing) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return language == Language.RU ? new MappingCharFilter(YO, reader) : reader;
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = form == Form.SPELLING ? source : new DottedNames(source, indexing);
                if (language == Language.EN) {
                    stream = new EnglishPossessiveFilter(stream);
                }
                stream = new LowerCaseFilter(stream);
                if (form == Form.SPELLING) {
                    return new TokenStreamComponents(source, stream);
                }
                if (form == Form.SYNONYM_RULES) {
                    stream = new StopWordsInPhrases(stream, language.stopWords());
                } else if (form != Form.RULES) {
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
