package townhall.search;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One result: a question or an FAQ entry, with its title and snippet as safe HTML (matches marked with
 * {@code <mark>}, everything else escaped). {@code alsoAskedAs}: a question closed as a duplicate of this one, that the
 * search found and this one stands in for (null when none; see {@link Duplicates}).
 */
public record SearchHit(String kind, long id, String path, String title, String titleHtml, String snippetHtml,
                        List<String> tags, boolean accepted, boolean verified, boolean closed, int score,
                        int answerCount, String section, LocalDateTime created, boolean pinned,
                        SearchHit alsoAskedAs) {

    /** This hit, standing in for a duplicate of it. */
    SearchHit standingFor(SearchHit duplicate) {
        return new SearchHit(kind, id, path, title, titleHtml, snippetHtml, tags, accepted, verified, closed, score,
                answerCount, section, created, pinned, duplicate);
    }

    public boolean faq() { return Fields.FAQ.equals(kind); }

    public boolean idea() { return Fields.IDEA.equals(kind); }

    public boolean announcement() { return Fields.ANNOUNCEMENT.equals(kind); }

    /** "q12" or "f3": how logs name it. */
    public String ref() { return SearchDocument.uid(kind, id); }
}
