package townhall.qa;

import java.time.LocalDateTime;
import java.util.List;

/** A row of a question list: what tells at a glance whether it is answered, accepted, verified. */
public record QuestionSummary(long id, String title, String slug, String excerpt, Author author, int score,
                              int answerCount, long viewCount, LocalDateTime createdAt, LocalDateTime lastActivityAt,
                              boolean accepted, boolean verified, boolean closed, boolean deleted,
                              String categoryName, String categorySlug, boolean fromNewcomer, List<String> tags) {
    public String path() { return QuestionLinks.path(id, slug); }
}
