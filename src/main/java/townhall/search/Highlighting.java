package townhall.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/** The hits' titles and snippets as HTML, with the query's words marked. */
final class Highlighting {
    private final Analysis analysis;

    Highlighting(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The marked titles and snippets of a page of hits, in its order; text with nothing marked is escaped. */
    record Marked(String[] titles, String[] snippets) {
        static final Marked NOTHING = new Marked(null, null);

        String titleHtml(int hit, String title) {
            return titles != null && titles[hit] != null ? titles[hit] : escape(title);
        }

        String snippetHtml(int hit, String body) {
            return snippets != null && snippets[hit] != null ? snippets[hit] : escape(cut(body, 200));
        }
    }

    Marked mark(IndexSearcher searcher, Query query, ScoreDoc[] docs) throws IOException {
        TopDocs page = new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs);
        Map<String, String[]> marked = highlighter(searcher)
                .highlightFields(new String[] {Fields.TITLE, Fields.BODY}, query, page, new int[] {1, 2});
        return new Marked(marked.get(Fields.TITLE), marked.get(Fields.BODY));
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
