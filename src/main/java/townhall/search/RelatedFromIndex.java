package townhall.search;

import java.util.List;
import townhall.qa.RelatedQuestions;

/** Answers Q&A's related questions from the search index: the questions most like the one shown. */
public final class RelatedFromIndex implements RelatedQuestions {
    private static final int SHOWN = 6;

    private final SearchService search;

    public RelatedFromIndex(SearchService search) {
        this.search = search;
    }

    @Override
    public List<Related> of(long questionId) {
        return search.related(questionId, SHOWN).stream()
                .map(hit -> new Related(hit.title(), hit.path(), hit.accepted(), hit.verified()))
                .toList();
    }
}
