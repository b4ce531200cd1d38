package townhall.insight;

import townhall.qa.PostStore;
import townhall.qa.QaListener;

/**
 * Keeps the daily roll-ups true when the past changes: a post deleted or restored after its day was counted marks
 * that day (and, for a question, the days of its answers) to be counted again, in the same transaction.
 */
public final class InsightListener implements QaListener {
    private final InsightStore store;

    public InsightListener(InsightStore store) {
        this.store = store;
    }

    /** Answers, marks, closing and visibility change what became of the question: kept again at the next roll-up. */
    @Override
    public void questionChanged(long questionId) {
        store.questionChanged(questionId);
    }

    @Override
    public void deletionChanged(PostStore.PostInfo post, boolean deleted, long actorId) {
        store.markDirty(post.id());
    }
}
