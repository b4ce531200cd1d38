package townhall.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import townhall.qa.QuestionLinks;
import townhall.search.Highlighting.Marked;

/** The found documents as the pages show them: their stored fields, with the query's words marked. */
final class HitReader {
    private final Highlighting highlighting;

    HitReader(Highlighting highlighting) {
        this.highlighting = highlighting;
    }

    /** The hits in the given order, with highlighted titles and snippets when a query is given. */
    List<SearchHit> read(IndexSearcher searcher, Query query, ScoreDoc[] docs, boolean pinned) throws IOException {
        if (docs.length == 0) {
            return List.of();
        }
        Marked marked = query == null ? Marked.NOTHING : highlighting.mark(searcher, query, docs);
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            hits.add(hit(stored.document(docs[i].doc), marked, i, pinned));
        }
        return hits;
    }

    /**
     * The hits in the given order as {@link #read} gives them, each original with the duplicate that brought it
     * named under it.
     */
    List<SearchHit> read(IndexSearcher searcher, Query query, ScoreDoc[] docs, Duplicates.Folded folded)
            throws IOException {
        List<SearchHit> hits = read(searcher, query, docs, false);
        List<ScoreDoc> duplicates = new ArrayList<>();
        for (ScoreDoc doc : docs) {
            Integer duplicate = folded.alsoAskedAs().get(doc.doc);
            if (duplicate != null) {
                duplicates.add(new ScoreDoc(duplicate, doc.score));
            }
        }
        if (duplicates.isEmpty()) {
            return hits;
        }
        List<SearchHit> asked = read(searcher, query, duplicates.toArray(ScoreDoc[]::new), false);
        List<SearchHit> out = new ArrayList<>(hits.size());
        int next = 0;
        for (int i = 0; i < docs.length; i++) {
            out.add(folded.alsoAskedAs().containsKey(docs[i].doc) ? hits.get(i).standingFor(asked.get(next++))
                    : hits.get(i));
        }
        return out;
    }

    private static SearchHit hit(Document doc, Marked marked, int i, boolean pinned) {
        String kind = doc.get(Fields.KIND);
        long id = doc.getField(Fields.ID).numericValue().longValue();
        String slug = doc.get(Fields.SLUG);
        String title = doc.get(Fields.TITLE);
        String tagList = doc.get(Fields.TAG_LIST);
        var created = doc.getField(Fields.CREATED);
        return new SearchHit(kind, id,
                switch (kind) {
                    case Fields.FAQ -> "/faq/" + id + "/" + slug;
                    case Fields.IDEA -> "/idea/" + id + "/" + slug;
                    case Fields.ANNOUNCEMENT -> "/announcement/" + id + "/" + slug;
                    default -> QuestionLinks.path(id, slug);
                },
                title, marked.titleHtml(i, title), marked.snippetHtml(i, doc.get(Fields.BODY)),
                tagList == null ? List.of() : List.of(tagList.split(" ")),
                "1".equals(doc.get(Fields.ACCEPTED)), "1".equals(doc.get(Fields.VERIFIED)),
                "1".equals(doc.get(Fields.CLOSED)), doc.getField(Fields.SCORE).numericValue().intValue(),
                doc.getField(Fields.ANSWER_COUNT).numericValue().intValue(), doc.get(Fields.SECTION),
                created == null ? null : LocalDateTime.ofInstant(
                        Instant.ofEpochMilli(created.numericValue().longValue()), ZoneOffset.UTC),
                pinned, null);
    }
}
