package townhall.qa;

/**
 * Hears what happens to questions and answers, inside the transaction that made it happen, so that what it
 * writes (search outbox rows, reputation events, badges) commits or rolls back together with the change.
 */
public interface QaListener {
    /** A question was posted, or an answer to it. */
    default void posted(PostStore.PostInfo post) {}

    /** A comment was added under a post. */
    default void commented(PostStore.PostInfo post) {}

    /** Anything search shows about the question changed: text, tags, answers, marks, score, visibility. */
    default void questionChanged(long questionId) {}

    /** A member's vote on a post moved from {@code previous} to {@code value} (each -1, 0 or +1). */
    default void voteChanged(PostStore.PostInfo post, long voterId, int previous, int value) {}

    /** The accepted answer moved; either id may be null. */
    default void acceptChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long actorId) {}

    /** The verified answer moved; either id may be null. */
    default void verifyChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long staffId) {}

    /** A post was soft-deleted ({@code deleted} true) or restored. */
    default void deletionChanged(PostStore.PostInfo post, boolean deleted, long actorId) {}

    /** A comment ({@code commentId}, by {@code authorId}) was added under {@code post}; {@code text} as typed. */
    default void commentAdded(PostStore.PostInfo post, long commentId, long authorId, String text) {}

    /** A question or answer was written with this text (for mentions); {@code post} is the new post. */
    default void textWritten(PostStore.PostInfo post, String text) {}

    /** A post was edited by {@code editorId} (its author or someone else). */
    default void edited(PostStore.PostInfo post, long editorId) {}

    /** A question was closed ({@code duplicateOf} when as a duplicate) or reopened ({@code closed} false). */
    default void closeChanged(PostStore.PostInfo question, boolean closed, Long duplicateOf, long actorId) {}

    /** All listeners, in order. */
    /** Who may see a category's questions changed (its visibility or group): search and kept pages follow. */
    default void categoryChanged(long categoryId) {}

    static QaListener of(java.util.List<QaListener> listeners) {
        return new QaListener() {
            @Override
            public void posted(PostStore.PostInfo post) {
                listeners.forEach(l -> l.posted(post));
            }

            @Override
            public void commented(PostStore.PostInfo post) {
                listeners.forEach(l -> l.commented(post));
            }

            @Override
            public void commentAdded(PostStore.PostInfo post, long commentId, long authorId, String text) {
                listeners.forEach(l -> l.commentAdded(post, commentId, authorId, text));
            }

            @Override
            public void textWritten(PostStore.PostInfo post, String text) {
                listeners.forEach(l -> l.textWritten(post, text));
            }

            @Override
            public void edited(PostStore.PostInfo post, long editorId) {
                listeners.forEach(l -> l.edited(post, editorId));
            }

            @Override
            public void closeChanged(PostStore.PostInfo question, boolean closed, Long duplicateOf, long actorId) {
                listeners.forEach(l -> l.closeChanged(question, closed, duplicateOf, actorId));
            }

            @Override
            public void categoryChanged(long categoryId) {
                listeners.forEach(l -> l.categoryChanged(categoryId));
            }

            @Override
            public void questionChanged(long questionId) {
                listeners.forEach(l -> l.questionChanged(questionId));
            }

            @Override
            public void voteChanged(PostStore.PostInfo post, long voterId, int previous, int value) {
                listeners.forEach(l -> l.voteChanged(post, voterId, previous, value));
            }

            @Override
            public void acceptChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long actorId) {
                listeners.forEach(l -> l.acceptChanged(question, previousAnswerId, answerId, actorId));
            }

            @Override
            public void verifyChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long staffId) {
                listeners.forEach(l -> l.verifyChanged(question, previousAnswerId, answerId, staffId));
            }

            @Override
            public void deletionChanged(PostStore.PostInfo post, boolean deleted, long actorId) {
                listeners.forEach(l -> l.deletionChanged(post, deleted, actorId));
            }
        };
    }
}
