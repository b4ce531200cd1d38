package townhall.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.Analyzer;
import townhall.qa.Audience;

/**
 * Reads the index: the search page ({@link PageSearch}), suggestions while asking ({@link AskSuggestions}),
 * related questions ({@link SimilarQuestions}). Ranking is BM25 over the title, tags, body and answers (weighted
 * alike), a bonus when the words stand close together in the title, and a small static lift for verified,
 * accepted, well-voted and curated content. An FAQ entry that matches most of the words comes first.
 */
public final class SearchService {
    private final SearchIndex index;
    private final Analysis analysis;
    private final BooleanSupplier rebuilding;
    private final PageSearch pages;
    private final AskSuggestions suggestions;
    private final SimilarQuestions related;
    private final Meaning meaning;
    private volatile Analyzer queryAnalyzer;

    SearchService(SearchIndex index, BooleanSupplier rebuilding, PageSearch pages, AskSuggestions suggestions,
                  SimilarQuestions related, Meaning meaning) {
        this.index = index;
        this.meaning = meaning;
        this.analysis = index.analysis();
        this.rebuilding = rebuilding;
        this.pages = pages;
        this.suggestions = suggestions;
        this.related = related;
        this.queryAnalyzer = analysis.query(null);
    }

    public enum Scope { ALL, FAQ, QUESTIONS }

    /**
     * Which rankings a search uses: by words and by meaning fused (the default when a model is loaded), or one
     * alone (the search-quality benchmark compares them).
     */
    public enum Retrieval { WORDS, VECTORS, HYBRID }

    /** A search as the page asks it; blank or null filters do not filter; only what {@code audience} may find. */
    public record Request(String text, Scope scope, String tag, boolean answered, boolean verified, int page,
                          int pageSize, Audience audience) {}

    /** {@code similarSpellings}: no document had the words as written, so these have words spelled almost alike. */
    public record Results(List<SearchHit> hits, long total, boolean moreThanTotal, int page, boolean hasNext,
                          String didYouMean, boolean indexRebuilding, long tookMicros, boolean similarSpellings) {}

    public record Suggestions(List<SearchHit> faq, List<SearchHit> questions) {
        public boolean isEmpty() { return faq.isEmpty() && questions.isEmpty(); }

        /** What was shown, in order: "f3 q12 q40". */
        public String refs() {
            List<String> refs = new ArrayList<>();
            faq.forEach(h -> refs.add(h.ref()));
            questions.forEach(h -> refs.add(h.ref()));
            return String.join(" ", refs);
        }
    }

    /**
     * Applies staff's synonyms (after the language's numbers and number words) to every search from now on; rules
     * that cannot be read are an IllegalArgumentException, and then the numbers alone apply.
     */
    void useSynonyms(List<String> staffRules) {
        List<String> rules = new ArrayList<>(analysis.language().numberRules());
        this.queryAnalyzer = analysis.query(Synonyms.parse(rules, analysis.rules()));
        rules.addAll(staffRules);
        this.queryAnalyzer = analysis.query(Synonyms.parse(rules, analysis.rules()));
    }

    Analysis analysis() { return analysis; }

    public boolean indexRebuilding() { return rebuilding.getAsBoolean(); }

    /** True while the index cannot be opened or its last change failed: results may lack recent posts. */
    public boolean degraded() { return index.unusable() != null || index.writerFailure() != null; }

    public Results search(Request request) {
        return pages.search(request, queryAnalyzer, meaning, true);
    }

    /**
     * A search by words, by meaning or both, whatever the default (the benchmark's comparison). A question closed as
     * a duplicate stays in its own place instead of leading to its original (see {@link Duplicates}): the benchmark
     * measures how well an original is found by a new duplicate's words, not by the link a closed one carries.
     */
    public Results search(Request request, Retrieval retrieval) {
        return pages.search(request, queryAnalyzer, meaning.using(retrieval), false);
    }

    /** A search ranked with another mix of words and meaning (bench/src's HybridTuning); duplicates as above. */
    Results search(Request request, Meaning other) {
        return pages.search(request, queryAnalyzer, other, false);
    }

    /** How this site searches by default: by words alone when no model is loaded. */
    public Retrieval retrieval() { return meaning.retrieval(); }

    /**
     * What to show while a question is written: FAQ entries that match most of the title's words, and the
     * questions most like the title (and, less, the body's most telling words).
     */
    public Suggestions suggest(String title, String body, int questionLimit, Audience audience) {
        return suggestions.suggest(title, body, questionLimit, queryAnalyzer, meaning, audience);
    }

    /** Ideas like the one being typed, by its title: suggested while a new idea is written. */
    public List<SearchHit> similarIdeas(String title, int limit, Audience audience) {
        return suggestions.similarIdeas(title, limit, queryAnalyzer, audience);
    }

    /**
     * Questions like this one, by its title's telling words and its tags: for the question page. Only public ones
     * and those of the question's own audience: whoever may read the question may read them.
     */
    public List<SearchHit> related(long questionId, int limit) {
        return related.related(questionId, limit, queryAnalyzer, meaning);
    }

    /** Forgets the related questions kept for question pages. */
    void forgetRelated() {
        related.forget();
    }

    /** How many documents the index holds. */
    public int documentCount() {
        return index.documentCount();
    }

    /** The analysed terms of the text, in order (bench/src's FieldWeights calls it here). */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        return QueryTerms.terms(analyzer, field, text);
    }
}
