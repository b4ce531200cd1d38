package townhall.search;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One result: a question or an FAQ entry, with its title and snippet as safe HTML (matches marked with
 * {@code <mark>}, everything else escaped).
 */
public record SearchHit(String kind, long id, String path, String title, String titleHtml, String snippetHtml,
                        List<String> tags, boolean accepted, boolean verified, boolean closed, int score,
                        int answerCount, String section, LocalDateTime created, boolean pinned) {

    public boolean faq() { return Fields.FAQ.equals(kind); }

    public boolean idea() { return Fields.IDEA.equals(kind); }

    public boolean announcement() { return Fields.ANNOUNCEMENT.equals(kind); }

    /** "q12" or "f3": how logs name it. */
    public String ref() { return SearchDocument.uid(kind, id); }
}
