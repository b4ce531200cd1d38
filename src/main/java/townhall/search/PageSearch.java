package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import townhall.search.SearchService.Request;
import townhall.search.SearchService.Results;
import townhall.search.SearchService.Scope;

/** The search page: a page of hits, an FAQ entry that matches most of the words pinned first, "did you mean". */
final class PageSearch {
    /** Results counted exactly up to this many; beyond it the page says "more than". */
    private static final int COUNT_LIMIT = 1000;
    private static final int MAX_PAGES = 50;
    /** Hits read beyond the page, so that a page whose duplicates fold into their originals is still full. */
    private static final int DUPLICATES_SPARE = 5;

    private final SearchIndex index;
    private final Queries queries;
    private final FaqMatcher faq;
    private final HitReader hits;
    private final Spelling spelling;
    private final BooleanSupplier rebuilding;

    PageSearch(SearchIndex index, Queries queries, FaqMatcher faq, HitReader hits, Spelling spelling,
               BooleanSupplier rebuilding) {
        this.index = index;
        this.queries = queries;
        this.faq = faq;
        this.hits = hits;
        this.spelling = spelling;
        this.rebuilding = rebuilding;
    }

    /** A page of results; {@code foldDuplicates}: a duplicate's original takes its place (see {@link Duplicates}). */
    Results search(Request request, Analyzer analyzer, Meaning meaning, boolean foldDuplicates) {
        long started = System.nanoTime();
        String text = Queries.limit(request.text());
        int page = Math.max(1, Math.min(MAX_PAGES, request.page()));
        int size = request.pageSize();
        if (text.isBlank()) {
            return new Results(List.of(), 0, false, page, false, null, rebuilding.getAsBoolean(), 0, false);
        }
        return index.withSearcher(searcher -> {
            List<BooleanClause> filters = Queries.filters(request, searcher);
            Pass pass = pass(searcher, analyzer, meaning, request, text, queries.textQuery(analyzer, text), filters,
                    page, size);
            boolean similarSpellings = false;
            if (pass.ranked().wordHits() == 0 && pass.pinnedUid() == null) { // nothing has the words: perhaps alike
                Query alike = Queries.similarSpellings(analyzer, text);
                Pass retry = alike == null ? null
                        : pass(searcher, analyzer, meaning, request, text, alike, filters, page, size);
                if (retry != null && retry.ranked().wordHits() > 0) {
                    pass = retry; // and the page says so
                    similarSpellings = true;
                }
            }
            String pinnedUid = pass.pinnedUid();
            TopDocs top = pass.ranked().top();
            int from = pass.from();
            int want = pass.want();
            Query highlight = queries.highlightQuery(analyzer, text);
            Duplicates.Folded folded = foldDuplicates ? Duplicates.fold(searcher, top.scoreDocs, pass.nearFilters())
                    : new Duplicates.Folded(top.scoreDocs, java.util.Map.of(), 0);
            ScoreDoc[] all = folded.docs();
            ScoreDoc[] pageDocs = Arrays.copyOfRange(all, Math.min(from, all.length),
                    Math.min(from + want, all.length));
            List<SearchHit> found = new ArrayList<>();
            SearchHit pinned = pinnedUid != null && page == 1
                    ? pinnedHit(searcher, pass.words(), highlight, pinnedUid) : null;
            if (pinned != null) {
                found.add(pinned);
            }
            found.addAll(hits.read(searcher, highlight, pageDocs, folded));
            long total = top.totalHits.value() - folded.dropped() + (pinned != null ? 1 : 0);
            boolean more = top.totalHits.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO;
            boolean hasNext = all.length > from + want && page < MAX_PAGES;
            String didYouMean = total < 3 ? spelling.didYouMean(searcher, text, request.audience()) : null;
            return new Results(found, total, more, page, hasNext, didYouMean, rebuilding.getAsBoolean(),
                    (System.nanoTime() - started) / 1000, similarSpellings);
        });
    }

    /**
     * One ranking of a page: the FAQ entry pinned first (if any), then the best hits up to the end of the page and a
     * few spare, with the words' own count telling whether they found anything.
     */
    private record Pass(Query words, String pinnedUid, List<BooleanClause> nearFilters, Meaning.Ranked ranked,
                        int from, int want) {}

    private Pass pass(IndexSearcher searcher, Analyzer analyzer, Meaning meaning, Request request, String text,
                      Query words, List<BooleanClause> filters, int page, int size) throws IOException {
        String pinnedUid = pinnedUid(searcher, analyzer, request, text, filters, words);
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(words, Occur.MUST);
        filters.forEach(builder::add);
        List<BooleanClause> nearFilters = new ArrayList<>(filters);
        if (pinnedUid != null) {
            BooleanClause notPinned = new BooleanClause(new TermQuery(new Term(Fields.UID, pinnedUid)), Occur.MUST_NOT);
            builder.add(notPinned);
            nearFilters.add(notPinned);
        }
        int pinnedCount = pinnedUid == null ? 0 : 1;
        // page 1 shows the pinned entry and size - 1 others; later pages follow on from there
        int from = page == 1 ? 0 : (page - 1) * size - pinnedCount;
        int want = page == 1 ? size - pinnedCount : size;
        float[] vector = request.scope() == Scope.FAQ ? null : meaning.vectorOf(text);
        Meaning.Ranked ranked = meaning.rank(searcher, builder.build(), vector, nearFilters, meaning.searchFloor(),
                from + want + 1 + DUPLICATES_SPARE, COUNT_LIMIT, 0);
        return new Pass(words, pinnedUid, nearFilters, ranked, from, want);
    }

    /** The uid of the FAQ entry to pin first, or null: none is pinned when searching questions only or a tag. */
    private String pinnedUid(IndexSearcher searcher, Analyzer analyzer, Request request, String text,
                             List<BooleanClause> filters, Query words) throws IOException {
        if (request.scope() == Scope.QUESTIONS || !Queries.blank(request.tag())) {
            return null;
        }
        ScoreDoc best = faq.first(searcher, analyzer, text, filters, words);
        if (best == null) {
            return null;
        }
        Document doc = searcher.storedFields().document(best.doc);
        return SearchDocument.uid(Fields.FAQ, doc.getField(Fields.ID).numericValue().longValue());
    }

    /** The pinned FAQ entry as a hit, scored by the words; null when the query does not find it. */
    private SearchHit pinnedHit(IndexSearcher searcher, Query words, Query highlight, String pinnedUid)
            throws IOException {
        Query pinQuery = new BooleanQuery.Builder()
                .add(words, Occur.SHOULD)
                .add(new TermQuery(new Term(Fields.UID, pinnedUid)), Occur.FILTER).build();
        TopDocs pinTop = searcher.search(pinQuery, 1);
        return pinTop.scoreDocs.length == 1 ? hits.read(searcher, highlight, pinTop.scoreDocs, true).getFirst() : null;
    }
}
