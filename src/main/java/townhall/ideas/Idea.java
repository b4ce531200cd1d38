package townhall.ideas;

import java.time.LocalDateTime;
import java.util.List;
import townhall.qa.Author;

/**
 * An idea as its pages show it; {@code responder} and the response are null until staff answer; {@code mergedInto}
 * is the idea a duplicate was merged into.
 */
public record Idea(long id, long categoryId, String boardSlug, String boardName, Author author, String title,
                   String slug, String bodyMd, String bodyHtml, List<String> tags, IdeaStatus status,
                   LocalDateTime statusAt, String responseMd, String responseHtml, Author responder, int voteCount,
                   Long mergedInto, LocalDateTime createdAt) {

    public String path() { return path(id, slug); }

    public static String path(long id, String slug) { return "/idea/" + id + "/" + slug; }

    public String statusCode() { return status.code(); }

    public String statusKey() { return status.key(); }

    public boolean open() { return status.open() && mergedInto == null; }

    public boolean hasResponse() { return responseHtml != null && !responseHtml.isEmpty(); }
}
