package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import townhall.qa.Audience;
import townhall.search.SearchService.Request;
import townhall.search.SearchService.Scope;

/**
 * The Lucene queries made of what was typed: the words over title, tags, body and answers (weighted alike), a
 * bonus when the words stand close together in the title, the words to highlight, and the page's filters.
 */
final class Queries {
    /** Questions only, said as "no FAQ entries, ideas or announcements" (see {@link #questionsOnly}). */
    private static final BooleanClause NOT_FAQ = new BooleanClause(new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.KIND, Fields.FAQ)), Occur.SHOULD)
            .add(new TermQuery(new Term(Fields.KIND, Fields.IDEA)), Occur.SHOULD)
            .add(new TermQuery(new Term(Fields.KIND, Fields.ANNOUNCEMENT)), Occur.SHOULD)
            .build(), Occur.MUST_NOT);
    private static final int QUERY_MAX_CHARS = 200;

    private final Analysis analysis;

    Queries(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The text as a query takes it: white space folded, at most {@value #QUERY_MAX_CHARS} characters. */
    static String limit(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.strip().replaceAll("\\s+", " ");
        return clean.length() > QUERY_MAX_CHARS ? clean.substring(0, QUERY_MAX_CHARS) : clean;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The query's questions, without FAQ entries, ideas or announcements. Leaving out the few others, rather than keeping only the
     * questions that are nearly every document, lets Lucene skip the documents that cannot make the top: a
     * suggestion took 2.1 ms instead of 2.4 (mean) over the million-post index's 2,000 bench titles.
     */
    static Query questionsOnly(Query query) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(NOT_FAQ).build();
    }

    /**
     * The text part of a search: {@link #wordsQuery} over title, tags, body and answers. Equal weights: on the real
     * dump's 117 "linked question" pairs, title-heavy weights (3, 2, 1, 0.4) found the linked question in the top 5
     * for 36 % of titles, equal weights for 40 % (bench/BENCHMARKS.md).
     */
    Query textQuery(Analyzer analyzer, String text) {
        return wordsQuery(analyzer, text, true);
    }

    /**
     * A title as typed on the ask page, against other questions' titles and tags: asked on every pause in typing,
     * it stays off the long body and answer fields, whose postings make a query a hundred times dearer at a
     * million posts; what the asker writes in the body adds its telling words (see {@link AskSuggestions#suggest}).
     */
    Query titleQuery(Analyzer analyzer, String title) {
        return wordsQuery(analyzer, title, false);
    }

    /**
     * Each field analysed on its own and weighted alike (the loose forms less), plus a bonus when the words stand
     * close together in the title. Every word of every field is one clause of a single flat disjunction, the shape
     * Lucene's dynamic pruning handles best: nested per-field disjunctions made it score every document that has
     * any of the words.
     */
    private Query wordsQuery(Analyzer analyzer, String text, boolean withBodies) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        addField(query, builder, Fields.TITLE, text, 1.0f);
        addField(query, builder, Fields.TAGS, text, 1.0f);
        if (withBodies) {
            addField(query, builder, Fields.BODY, text, 1.0f);
            addField(query, builder, Fields.ANSWERS, text, 1.0f);
        }
        if (analysis.language().hasLooseForm()) {
            addField(query, builder, Fields.TITLE_LOOSE, text, 0.4f);
            if (withBodies) {
                addField(query, builder, Fields.BODY_LOOSE, text, 0.4f);
            }
        }
        if (QueryTerms.terms(analyzer, Fields.TITLE, text).size() >= 2) {
            Query inTitle = builder.createPhraseQuery(Fields.TITLE, text, 3);
            if (inTitle != null) {
                query.add(new BoostQuery(inTitle, 2.0f), Occur.SHOULD);
            }
        }
        return query.build();
    }

    /**
     * The words with one letter wrong (two in words of eight letters or more) over title, tags and body, for a search
     * that found nothing as typed ("headphnes"); words under five letters must be as typed. Null when no word is long
     * enough to be misspelled.
     */
    static Query similarSpellings(Analyzer analyzer, String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;
        for (String term : new java.util.LinkedHashSet<>(QueryTerms.terms(analyzer, Fields.TITLE, text))) {
            int edits = term.length() >= 8 ? 2 : term.length() >= 5 ? 1 : 0;
            any |= edits > 0;
            for (String field : List.of(Fields.TITLE, Fields.TAGS, Fields.BODY)) {
                Term t = new Term(field, term);
                query.add(edits == 0 ? new TermQuery(t) : new FuzzyQuery(t, edits, 1), Occur.SHOULD);
            }
        }
        return any ? query.build() : null;
    }

    /**
     * The words of a query in the title and body, as the highlighter marks them: all but the filler words ("how",
     * "my", "when"), which would mark half of every snippet without telling why it was found.
     */
    Query highlightQuery(Analyzer analyzer, String text) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        addField(words, builder, Fields.TITLE, text, 1.0f);
        addField(words, builder, Fields.BODY, text, 1.0f);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (BooleanClause clause : words.build().clauses()) {
            if (!isFiller(clause.query())) {
                query.add(clause);
            }
        }
        return query.build();
    }

    private boolean isFiller(Query query) {
        Query inner = query instanceof BoostQuery boosted ? boosted.getQuery() : query;
        return inner instanceof TermQuery term && analysis.fillerTerms().contains(term.getTerm().text());
    }

    /** Adds the clauses of a disjunction to another, weighted: one flat disjunction instead of nested ones. */
    static void flatten(Query disjunction, float boost, BooleanQuery.Builder into) {
        for (var clause : ((BooleanQuery) disjunction).clauses()) {
            into.add(boost == 1.0f ? clause.query() : new BoostQuery(clause.query(), boost), Occur.SHOULD);
        }
    }

    /** Adds each word of the text in this field (a word with its synonyms as one clause) with the field's weight. */
    private static void addField(BooleanQuery.Builder query, QueryBuilder builder, String field, String text,
                                 float boost) {
        Query q = builder.createBooleanQuery(field, text, Occur.SHOULD);
        if (q instanceof BooleanQuery words) {
            words.clauses().forEach(clause -> query.add(new BoostQuery(clause.query(), boost), Occur.SHOULD));
        } else if (q != null) {
            query.add(new BoostQuery(q, boost), Occur.SHOULD);
        }
    }

    /**
     * Keeps the documents the reader may find (their category's audience, see {@link Audience}); null when the reader
     * may find every document in the index: staff, and anyone on a site whose every category is open to them (the
     * usual case, where a filter would only cost: a filtered search by meaning takes three times an unfiltered one).
     */
    static BooleanClause audience(Audience audience, IndexReader reader) throws IOException {
        if (seesEveryAudience(reader, audience)) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        audience.searchTokens().forEach(token -> any.add(new TermQuery(new Term(Fields.AUDIENCE, token)), Occur.SHOULD));
        return new BooleanClause(any.build(), Occur.FILTER);
    }

    /**
     * Whether the reader may see every audience the index holds (every document has one). Deleted documents'
     * audiences count until their segment is merged, which can only keep a filter that was not needed.
     */
    private static boolean seesEveryAudience(IndexReader reader, Audience audience) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, Fields.AUDIENCE);
        if (terms == null) {
            return true;
        }
        TermsEnum audiences = terms.iterator();
        for (BytesRef value = audiences.next(); value != null; value = audiences.next()) {
            if (!audience.maySee(value.utf8ToString())) {
                return false;
            }
        }
        return true;
    }

    /** The reader's filter as a list (empty when none is needed): for the nearest questions by meaning. */
    static List<BooleanClause> audienceFilters(Audience audience, IndexSearcher searcher) throws IOException {
        BooleanClause filter = audience(audience, searcher.getIndexReader());
        return filter == null ? List.of() : List.of(filter);
    }

    /** The query, kept to what the reader may find ({@code audienceFilters}, from {@link #audienceFilters}). */
    static Query readableBy(Query query, List<BooleanClause> audienceFilters) {
        if (audienceFilters.isEmpty()) {
            return query;
        }
        BooleanQuery.Builder kept = new BooleanQuery.Builder().add(query, Occur.MUST);
        audienceFilters.forEach(kept::add);
        return kept.build();
    }

    /** The search page's filters: who reads, scope, tag, answered, verified. */
    static List<BooleanClause> filters(Request request, IndexSearcher searcher) throws IOException {
        List<BooleanClause> filters = new ArrayList<>();
        BooleanClause readable = audience(request.audience(), searcher.getIndexReader());
        if (readable != null) {
            filters.add(readable);
        }
        if (request.scope() == Scope.FAQ) {
            filters.add(filter(Fields.KIND, Fields.FAQ));
        } else if (request.scope() == Scope.QUESTIONS) {
            filters.add(NOT_FAQ); // see questionsOnly
        }
        if (!blank(request.tag())) {
            filters.add(filter(Fields.TAG, request.tag().trim().toLowerCase(Locale.ROOT)));
        }
        if (request.answered()) {
            filters.add(filter(Fields.ANSWERED, "1"));
        }
        if (request.verified()) {
            filters.add(filter(Fields.VERIFIED, "1"));
        }
        return filters;
    }

    private static BooleanClause filter(String field, String value) {
        return new BooleanClause(new TermQuery(new Term(field, value)), Occur.FILTER);
    }
}
