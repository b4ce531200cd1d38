package townhall.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.QueryBuilder;
import townhall.qa.QuestionLinks;

/**
 * Reads the index: the search page, suggestions while asking, related questions. Ranking is BM25 over the
 * title, tags, body and answers (weighted alike), a bonus when the words stand close together in the title,
 * and a small static lift for verified, accepted, well-voted and curated content. An FAQ entry that
 * matches most of the words comes first.
 */
public final class SearchService {
    /** Results counted exactly up to this many; beyond it the page says "more than". */
    private static final int COUNT_LIMIT = 1000;
    private static final int NO_COUNT = 0;
    /** Questions only, said as "no FAQ entries" (see {@link #questionsOnly}). */
    private static final BooleanClause NOT_FAQ =
            new BooleanClause(new TermQuery(new Term(Fields.KIND, Fields.FAQ)), Occur.MUST_NOT);
    private static final int MAX_PAGES = 50;
    private static final int QUERY_MAX_CHARS = 200;
    private static final int RELATED_TITLE_TERMS = 4;
    private static final int RELATED_TAGS = 2;

    private final SearchIndex index;
    private final Analysis analysis;
    private final BooleanSupplier rebuilding;
    private final DirectSpellChecker spellChecker = new DirectSpellChecker();
    private volatile Analyzer queryAnalyzer;
    /**
     * Related questions change slowly and are looked up on every question page view: kept for a few minutes, so a
     * busy question costs one search per few minutes rather than one per view.
     */
    private final Cache<RelatedKey, List<SearchHit>> relatedCache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    SearchService(SearchIndex index, BooleanSupplier rebuilding) {
        this.index = index;
        this.analysis = index.analysis();
        this.rebuilding = rebuilding;
        this.queryAnalyzer = analysis.index();
        spellChecker.setMinQueryLength(4);
        spellChecker.setMaxEdits(2);
    }

    public enum Scope { ALL, FAQ, QUESTIONS }

    /** A search as the page asks it; blank or null filters do not filter. */
    public record Request(String text, Scope scope, String tag, boolean answered, boolean verified, int page,
                          int pageSize) {}

    public record Results(List<SearchHit> hits, long total, boolean moreThanTotal, int page, boolean hasNext,
                          String didYouMean, boolean indexRebuilding, long tookMicros) {}

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

    /** Applies staff's synonyms to every search from now on. */
    void useSynonyms(SynonymMap synonyms) {
        this.queryAnalyzer = analysis.query(synonyms);
    }

    Analysis analysis() { return analysis; }

    public boolean indexRebuilding() { return rebuilding.getAsBoolean(); }

    public Results search(Request request) {
        long started = System.nanoTime();
        String text = limit(request.text());
        int page = Math.max(1, Math.min(MAX_PAGES, request.page()));
        int size = request.pageSize();
        if (text.isBlank()) {
            return new Results(List.of(), 0, false, page, false, null, indexRebuilding(), 0);
        }
        Analyzer analyzer = queryAnalyzer;
        return withSearcher(searcher -> {
            List<BooleanClause> filters = filters(request);
            SearchHit pinned = null;
            String pinnedUid = null;
            if (request.scope() != Scope.QUESTIONS && blank(request.tag())) {
                ScoreDoc best = bestFaq(searcher, analyzer, text, filters);
                if (best != null) {
                    Document doc = searcher.storedFields().document(best.doc);
                    pinnedUid = SearchDocument.uid(Fields.FAQ, doc.getField(Fields.ID).numericValue().longValue());
                }
            }
            Query words = textQuery(analyzer, text);
            BooleanQuery.Builder builder = new BooleanQuery.Builder()
                    .add(words, Occur.MUST);
            filters.forEach(builder::add);
            if (pinnedUid != null) {
                builder.add(new TermQuery(new Term(Fields.UID, pinnedUid)), Occur.MUST_NOT);
            }
            Query query = builder.build();
            Query highlight = highlightQuery(analyzer, text);
            int pinnedCount = pinnedUid == null ? 0 : 1;
            // page 1 shows the pinned entry and size - 1 others; later pages follow on from there
            int from = page == 1 ? 0 : (page - 1) * size - pinnedCount;
            int want = page == 1 ? size - pinnedCount : size;
            TopDocs top = withQualityLift(searcher, query, from + want + 1, COUNT_LIMIT);
            ScoreDoc[] all = top.scoreDocs;
            ScoreDoc[] pageDocs = Arrays.copyOfRange(all, Math.min(from, all.length), Math.min(from + want, all.length));
            List<SearchHit> hits = new ArrayList<>();
            if (pinnedUid != null && page == 1) {
                Query pinQuery = new BooleanQuery.Builder()
                        .add(words, Occur.SHOULD)
                        .add(new TermQuery(new Term(Fields.UID, pinnedUid)), Occur.FILTER).build();
                TopDocs pinTop = searcher.search(pinQuery, 1);
                if (pinTop.scoreDocs.length == 1) {
                    pinned = toHits(searcher, highlight, pinTop.scoreDocs, true).getFirst();
                    hits.add(pinned);
                }
            }
            hits.addAll(toHits(searcher, highlight, pageDocs, false));
            long total = top.totalHits.value() + (pinned != null ? 1 : 0);
            boolean more = top.totalHits.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO;
            boolean hasNext = all.length > from + want && page < MAX_PAGES;
            String didYouMean = total < 3 ? didYouMean(searcher, text) : null;
            return new Results(hits, total, more, page, hasNext, didYouMean, indexRebuilding(),
                    (System.nanoTime() - started) / 1000);
        });
    }

    /**
     * What to show while a question is written: FAQ entries that match most of the title's words, and the
     * questions most like the title (and, less, the body's most telling words).
     */
    public Suggestions suggest(String title, String body, int questionLimit) {
        String cleanTitle = limit(title);
        String cleanBody = body == null ? "" : body.length() > 5000 ? body.substring(0, 5000) : body;
        Analyzer analyzer = queryAnalyzer;
        if (terms(analyzer, Fields.TITLE, cleanTitle).isEmpty() && cleanBody.isBlank()) {
            return new Suggestions(List.of(), List.of());
        }
        return withSearcher(searcher -> {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            if (!cleanTitle.isBlank()) {
                flatten(titleQuery(analyzer, cleanTitle), 1.0f, text);
            }
            Query bodyTerms = telltaleTerms(searcher, analyzer, cleanBody, 12);
            if (bodyTerms != null) {
                flatten(bodyTerms, 0.5f, text);
            }
            Query textQuery = text.build();
            Query highlight = highlightQuery(analyzer, cleanTitle);
            List<SearchHit> faq = new ArrayList<>();
            ScoreDoc best = cleanTitle.isBlank() ? null : bestFaq(searcher, analyzer, cleanTitle, List.of());
            if (best != null) {
                faq.addAll(toHits(searcher, highlight, new ScoreDoc[] {best}, true));
            }
            TopDocs top = withQualityLift(searcher, questionsOnly(textQuery), questionLimit, NO_COUNT);
            return new Suggestions(faq, toHits(searcher, highlight, closeToBest(top.scoreDocs, 0.3f), false));
        });
    }

    /** Questions like this one, by its title's telling words and its tags: for the question page. */
    public List<SearchHit> related(long questionId, int limit) {
        return relatedCache.get(new RelatedKey(questionId, limit), key -> findRelated(key.questionId(), key.limit()));
    }

    private record RelatedKey(long questionId, int limit) {}

    private List<SearchHit> findRelated(long questionId, int limit) {
        Analyzer analyzer = queryAnalyzer;
        return withSearcher(searcher -> {
            Term self = new Term(Fields.UID, SearchDocument.uid(Fields.QUESTION, questionId));
            TopDocs found = searcher.search(new TermQuery(self), 1);
            if (found.scoreDocs.length == 0) {
                return List.of();
            }
            Document doc = searcher.storedFields().document(found.scoreDocs[0].doc);
            BooleanQuery.Builder like = new BooleanQuery.Builder();
            for (Term term : rarest(searcher.getIndexReader(), Fields.TITLE, terms(analyzer, Fields.TITLE,
                    doc.get(Fields.TITLE)), RELATED_TITLE_TERMS)) {
                like.add(new TermQuery(term), Occur.SHOULD);
            }
            String tags = doc.get(Fields.TAG_LIST);
            if (tags != null) {
                for (Term tag : rarest(searcher.getIndexReader(), Fields.TAG, List.of(tags.split(" ")), RELATED_TAGS)) {
                    like.add(new BoostQuery(new TermQuery(tag), 0.5f), Occur.SHOULD);
                }
            }
            Query others = new BooleanQuery.Builder()
                    .add(like.build(), Occur.MUST)
                    .add(new TermQuery(self), Occur.MUST_NOT)
                    .build();
            TopDocs top = withQualityLift(searcher, questionsOnly(others), limit, NO_COUNT);
            return toHits(searcher, null, closeToBest(top.scoreDocs, 0.25f), false);
        });
    }

    /**
     * The query's questions, without FAQ entries. Leaving out the few FAQ entries, rather than keeping only the
     * questions that are nearly every document, lets Lucene skip the documents that cannot make the top: a
     * suggestion took 2.1 ms instead of 2.4 (mean) over the million-post index's 2,000 bench titles.
     */
    private static Query questionsOnly(Query query) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(NOT_FAQ).build();
    }

    /**
     * The rarest of these words in the field, at most {@code max}: what tells a question apart. Common words would
     * add little to the ranking yet make the query score a large part of the index on every page view.
     */
    private static List<Term> rarest(IndexReader reader, String field, List<String> words, int max)
            throws IOException {
        Map<Term, Integer> frequencies = new HashMap<>();
        for (String word : new LinkedHashSet<>(words)) {
            Term term = new Term(field, word);
            int df = reader.docFreq(term);
            if (df > 0) {
                frequencies.put(term, df);
            }
        }
        return frequencies.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(max).map(Map.Entry::getKey).toList();
    }

    /**
     * The hits scoring at least {@code fraction} of the best one: a short list offered unasked (suggestions,
     * related questions) leaves out what matched only a common word.
     */
    private static ScoreDoc[] closeToBest(ScoreDoc[] docs, float fraction) {
        if (docs.length == 0) {
            return docs;
        }
        float floor = docs[0].score * fraction;
        return Arrays.stream(docs).filter(d -> d.score >= floor).toArray(ScoreDoc[]::new);
    }

    /** How many documents the index holds. */
    public int documentCount() {
        return index.documentCount();
    }

    /**
     * The text part of a search: {@link #wordsQuery} over title, tags, body and answers. Equal weights: on the real
     * dump's 117 "linked question" pairs, title-heavy weights (3, 2, 1, 0.4) found the linked question in the top 5
     * for 36 % of titles, equal weights for 40 % (bench/BENCHMARKS.md).
     */
    private Query textQuery(Analyzer analyzer, String text) {
        return wordsQuery(analyzer, text, true);
    }

    /**
     * A title as typed on the ask page, against other questions' titles and tags: asked on every pause in typing,
     * it stays off the long body and answer fields, whose postings make a query a hundred times dearer at a
     * million posts; what the asker writes in the body adds its telling words (see {@link #suggest}).
     */
    private Query titleQuery(Analyzer analyzer, String title) {
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
        if (terms(analyzer, Fields.TITLE, text).size() >= 2) {
            Query inTitle = builder.createPhraseQuery(Fields.TITLE, text, 3);
            if (inTitle != null) {
                query.add(new BoostQuery(inTitle, 2.0f), Occur.SHOULD);
            }
        }
        return query.build();
    }

    /** The words of a query in the title and body, as the highlighter marks them. */
    private static Query highlightQuery(Analyzer analyzer, String text) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        addField(query, builder, Fields.TITLE, text, 1.0f);
        addField(query, builder, Fields.BODY, text, 1.0f);
        return query.build();
    }

    /** Adds the clauses of a disjunction to another, weighted: one flat disjunction instead of nested ones. */
    private static void flatten(Query disjunction, float boost, BooleanQuery.Builder into) {
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
     * The best {@code n} by text, then lifted by quality: the text ranking picks a window of candidates and the
     * lift re-orders them. As one query the lift would match every document and switch off Lucene's skipping of
     * documents that cannot reach the top, making every search score most of the index. Counting the matches up to
     * {@code countUpTo} delays that skipping too, so lists that show no count ask for none.
     */
    private static TopDocs withQualityLift(IndexSearcher searcher, Query query, int n, int countUpTo)
            throws IOException {
        int window = 2 * n + 10;
        TopDocs byText = searcher.search(query, new TopScoreDocCollectorManager(window, Math.max(window, countUpTo)));
        TopDocs lifted = QueryRescorer.rescore(searcher, byText, qualityLift(), 1.0, window);
        ScoreDoc[] best = Arrays.copyOf(lifted.scoreDocs, Math.min(n, lifted.scoreDocs.length));
        return new TopDocs(byText.totalHits, best);
    }

    /** The mild lift of verified, accepted, well-voted and curated documents (see {@link SearchIndex#quality}). */
    private static Query qualityLift() {
        return FeatureField.newSaturationQuery(Fields.FEATURES, Fields.QUALITY, 2.0f, 4.0f);
    }

    /**
     * The FAQ entry that matches at least 60% of the words (each word in its question or answer, in any of its
     * forms or synonyms), best first; null when none does.
     */
    private ScoreDoc bestFaq(IndexSearcher searcher, Analyzer analyzer, String text, List<BooleanClause> filters)
            throws IOException {
        List<List<String>> groups = termGroups(analyzer, Fields.TITLE, text);
        if (groups.isEmpty()) {
            return null;
        }
        List<List<String>> looseGroups = analysis.language().hasLooseForm()
                ? termGroups(analyzer, Fields.TITLE_LOOSE, text) : List.of();
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

    /** The body's most telling words (rarest in the index first), as one query over title and body. */
    private Query telltaleTerms(IndexSearcher searcher, Analyzer analyzer, String body, int max) throws IOException {
        if (body.isBlank()) {
            return null;
        }
        IndexReader reader = searcher.getIndexReader();
        Map<String, Integer> counts = new HashMap<>();
        for (String term : terms(analyzer, Fields.BODY, body)) {
            counts.merge(term, 1, Integer::sum);
        }
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int df = reader.docFreq(new Term(Fields.BODY, e.getKey()));
            if (df == 0) {
                continue; // a word no document has cannot find anything
            }
            weights.put(e.getKey(), (1 + Math.log(e.getValue())) * Math.log(1 + (double) docs / df));
        }
        List<String> best = weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(max).map(Map.Entry::getKey).toList();
        if (best.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : best) {
            query.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, term)), 1.5f), Occur.SHOULD);
            query.add(new TermQuery(new Term(Fields.BODY, term)), Occur.SHOULD);
        }
        return query.build();
    }

    /** "Did you mean": each word the index has never seen replaced by the closest one it has. */
    private String didYouMean(IndexSearcher searcher, String text) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        List<String> words = terms(analysis.index(), Fields.SPELL, text);
        boolean changed = false;
        List<String> corrected = new ArrayList<>(words.size());
        for (String word : words) {
            String replacement = word;
            if (word.length() >= 4 && reader.docFreq(new Term(Fields.SPELL, word)) == 0) {
                SuggestWord[] suggestions = spellChecker.suggestSimilar(new Term(Fields.SPELL, word), 1, reader,
                        SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                if (suggestions.length > 0) {
                    replacement = suggestions[0].string;
                    changed = true;
                }
            }
            corrected.add(replacement);
        }
        return changed ? String.join(" ", corrected) : null;
    }

    private List<BooleanClause> filters(Request request) {
        List<BooleanClause> filters = new ArrayList<>();
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

    /** The hits in the given order, with highlighted titles and snippets when a query is given. */
    private List<SearchHit> toHits(IndexSearcher searcher, Query query, ScoreDoc[] docs, boolean pinned)
            throws IOException {
        if (docs.length == 0) {
            return List.of();
        }
        String[] titles = null;
        String[] snippets = null;
        if (query != null) {
            TopDocs page = new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs);
            Map<String, String[]> marked = highlighter(searcher)
                    .highlightFields(new String[] {Fields.TITLE, Fields.BODY}, query, page, new int[] {1, 2});
            titles = marked.get(Fields.TITLE);
            snippets = marked.get(Fields.BODY);
        }
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Document doc = stored.document(docs[i].doc);
            String kind = doc.get(Fields.KIND);
            long id = doc.getField(Fields.ID).numericValue().longValue();
            String slug = doc.get(Fields.SLUG);
            String title = doc.get(Fields.TITLE);
            String titleHtml = titles != null && titles[i] != null ? titles[i] : escape(title);
            String snippetHtml = snippets != null && snippets[i] != null ? snippets[i] : escape(cut(doc.get(Fields.BODY), 200));
            String tagList = doc.get(Fields.TAG_LIST);
            var created = doc.getField(Fields.CREATED);
            hits.add(new SearchHit(kind, id,
                    Fields.FAQ.equals(kind) ? "/faq/" + id + "/" + slug : QuestionLinks.path(id, slug),
                    title, titleHtml, snippetHtml,
                    tagList == null ? List.of() : List.of(tagList.split(" ")),
                    "1".equals(doc.get(Fields.ACCEPTED)), "1".equals(doc.get(Fields.VERIFIED)),
                    "1".equals(doc.get(Fields.CLOSED)), doc.getField(Fields.SCORE).numericValue().intValue(),
                    doc.getField(Fields.ANSWER_COUNT).numericValue().intValue(), doc.get(Fields.SECTION),
                    created == null ? null : LocalDateTime.ofInstant(
                            Instant.ofEpochMilli(created.numericValue().longValue()), ZoneOffset.UTC),
                    pinned));
        }
        return hits;
    }

    /**
     * Marks the query's words in the whole title and in the body's best two passages of about 160 characters, both
     * from one read of each document's stored text.
     */
    private UnifiedHighlighter highlighter(IndexSearcher searcher) {
        Locale locale = analysis.language().locale();
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analysis.index())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxNoHighlightPassages(1)
                .withWeightMatches(false) // reads the query's terms once, not a Lucene Weight per document
                .withMaxLength(20_000);
        return new UnifiedHighlighter(builder) {
            @Override
            protected BreakIterator getBreakIterator(String field) {
                return Fields.TITLE.equals(field) ? new WholeBreakIterator()
                        : LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(locale), 160,
                                0.3f);
            }
        };
    }

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

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return work.apply(searcher);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String limit(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.strip().replaceAll("\\s+", " ");
        return clean.length() > QUERY_MAX_CHARS ? clean.substring(0, QUERY_MAX_CHARS) : clean;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int space = text.lastIndexOf(' ', max);
        return text.substring(0, space > max / 2 ? space : max) + " …";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
