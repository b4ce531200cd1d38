package townhall.qa;

import java.time.LocalDateTime;
import java.util.List;

public record Answer(long id, long questionId, Author author, String bodyHtml, int score,
                     LocalDateTime createdAt, LocalDateTime editedAt, boolean deleted, List<Comment> comments,
                     Origin origin, String reviewState) {

    /** Waiting for a reviewer (pre-moderation, the spam defence): only its author and reviewers see it. */
    public boolean held() {
        return PostVisibility.HELD.equals(reviewState) || PostVisibility.REHELD.equals(reviewState);
    }
}
