package townhall.insight;

import townhall.qa.PostStore;
import townhall.qa.QaListener;

/**
 * Keeps the daily roll-ups true when the past changes: a post deleted or restored after its day was counted, or a
 * question edited (its tags), marks that day (and, for a question, the days of its answers, comments and votes) to
 * be counted again, in the same transaction; a question that changed otherwise (an answer, a mark) has what became
 * of it, and its authors' days, counted again.
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

    /** An edit may change a question's tags: its days (and its answers', comments', votes') are counted again. */
    @Override
    public void edited(PostStore.PostInfo post, long editorId) {
        if (post.isQuestion()) {
            store.markDirty(post.id());
        }
    }

    @Override
    public void deletionChanged(PostStore.PostInfo post, boolean deleted, long actorId) {
        store.markDirty(post.id());
    }
}
