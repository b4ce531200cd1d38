package townhall.qa;

import java.time.LocalDateTime;
import java.util.List;

/** A question with everything its page shows except the answers. */
public record Question(long id, String title, String slug, Author author, String bodyHtml, String excerpt, int score,
                       LocalDateTime createdAt, LocalDateTime editedAt, LocalDateTime lastActivityAt,
                       long viewCount, int answerCount, Category category, List<String> tags, List<Comment> comments,
                       Long acceptedAnswerId, Verification verification, Closure closure, boolean deleted,
                       boolean fromNewcomer, Origin origin, String reviewState) {

    /** Waiting for a reviewer (pre-moderation, the spam defence): only its author and reviewers see it. */
    public boolean held() {
        return PostVisibility.HELD.equals(reviewState) || PostVisibility.REHELD.equals(reviewState);
    }

    public String path() { return QuestionLinks.path(id, slug); }

    public boolean closed() { return closure != null; }

    public boolean answered() { return answerCount > 0; }

    /** Staff's mark on the answer the brand stands behind. */
    public record Verification(long answerId, Author by, LocalDateTime at, String note) {}

    /** Why a question was closed; {@code duplicateOf} is set when it repeats another question. */
    public record Closure(Author by, LocalDateTime at, String reason, QuestionRef duplicateOf) {}
}
