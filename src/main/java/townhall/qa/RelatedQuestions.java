package townhall.qa;

import java.util.List;

/**
 * Questions like a given one, shown beside it. Q&A owns this question and the search feature answers it (wired in
 * {@code app/}), so Q&A needs nothing of search.
 */
public interface RelatedQuestions {
    RelatedQuestions NONE = questionId -> List.of();

    List<Related> of(long questionId);

    record Related(String title, String path, boolean accepted, boolean verified) {}
}
