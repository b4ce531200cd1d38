package townhall.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Questions closed as duplicates lead to their original: in a list of hits, the original takes the duplicate's
 * place (or keeps its own, when it ranks higher) and the duplicate is not shown beside it, but named under it ("also
 * asked as"), since its wording is often why the search found anything. A duplicate was closed to send its readers
 * to the original's answers; showing both spends a place on a page that only links on. A duplicate whose original
 * the reader may not find (another audience, deleted, or outside the page's filters) stays as it is.
 */
final class Duplicates {
    private static final Set<String> DUPLICATE_OF = Set.of(Fields.DUPLICATE_OF);

    private Duplicates() {}

    /**
     * The hits with each duplicate replaced by its original; {@code alsoAskedAs} maps an original's doc to the
     * duplicate's that brought it (the first); {@code dropped} counts the hits left out.
     */
    record Folded(ScoreDoc[] docs, Map<Integer, Integer> alsoAskedAs, int dropped) {}

    static Folded fold(IndexSearcher searcher, ScoreDoc[] docs, List<BooleanClause> filters) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<ScoreDoc> out = new ArrayList<>(docs.length);
        Set<Integer> shown = new HashSet<>();
        Map<Integer, Integer> alsoAskedAs = new HashMap<>();
        int dropped = 0;
        for (ScoreDoc hit : docs) {
            Integer original = original(searcher, stored.document(hit.doc, DUPLICATE_OF), filters);
            if (original == null) {
                if (shown.add(hit.doc)) {
                    out.add(hit);
                } else {
                    dropped++; // the original, already shown in the place of its duplicate
                }
                continue;
            }
            if (shown.add(original)) {
                out.add(new ScoreDoc(original, hit.score, hit.shardIndex));
            } else {
                dropped++;
            }
            alsoAskedAs.putIfAbsent(original, hit.doc);
        }
        return new Folded(out.toArray(ScoreDoc[]::new), alsoAskedAs, dropped);
    }

    /** The doc of the question this one duplicates, when the reader may find it with these filters; else null. */
    private static Integer original(IndexSearcher searcher, Document duplicate, List<BooleanClause> filters)
            throws IOException {
        IndexableField field = duplicate.getField(Fields.DUPLICATE_OF);
        if (field == null) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.UID,
                SearchDocument.uid(Fields.QUESTION, field.numericValue().longValue()))), Occur.MUST);
        filters.forEach(f -> query.add(f.query(), f.occur() == Occur.MUST_NOT ? Occur.MUST_NOT : Occur.FILTER));
        TopDocs found = searcher.search(query.build(), 1);
        return found.scoreDocs.length == 0 ? null : found.scoreDocs[0].doc;
    }
}
