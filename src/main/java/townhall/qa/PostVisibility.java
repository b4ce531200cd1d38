package townhall.qa;

import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Takes a post out of public view and puts it back, keeping answer and tag counts, accept and verify marks, and
 * listeners right: deletion and restoring, and moderation's holding, hiding and approving. Runs inside the caller's
 * transaction; the caller has checked the permission.
 */
public final class PostVisibility {
    /** Waiting for review before it is ever shown (pre-moderation, the spam defence): its author still sees it. */
    public static final String HELD = "held";
    /**
     * An edit (of a post that was shown) waits for review: out of view, its author still sees it; approving it shows
     * the post again without announcing it as new.
     */
    public static final String REHELD = "reheld";
    /** Hidden by flags until a reviewer decides. */
    public static final String HIDDEN = "hidden";

    private final PostStore posts;
    private final QaListener listener;
    private final Clock clock;

    public PostVisibility(PostStore posts, QaListener listener, Clock clock) {
        this.posts = posts;
        this.listener = listener;
        this.clock = clock;
    }

    /** {@code reviewState}: null for a plain deletion, else {@link #HELD} or {@link #HIDDEN}. */
    public void withdraw(PostStore.PostInfo post, long actorId, String reviewState) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (post.deleted()) {
            posts.setReviewState(post.id(), reviewState);
            return;
        }
        posts.setDeleted(post.id(), actorId, now);
        posts.setReviewState(post.id(), reviewState);
        if (post.isQuestion()) {
            posts.addToTagCounts(post.id(), -1);
        } else {
            posts.addToAnswerCount(post.questionId(), -1);
            if (Long.valueOf(post.id()).equals(post.acceptedAnswerId())) {
                posts.setAccepted(post.questionId(), null, now);
                listener.acceptChanged(post, post.id(), null, actorId);
            }
            if (Long.valueOf(post.id()).equals(post.verifiedAnswerId())) {
                posts.setVerified(post.questionId(), null, null, null, now);
                listener.verifyChanged(post, post.id(), null, actorId);
            }
        }
        listener.deletionChanged(post, true, actorId);
        listener.questionChanged(post.questionId());
    }

    /** Back in public view; a post that was held (never shown) is announced as posted now, a held edit is not. */
    public void reinstate(PostStore.PostInfo post, long actorId) {
        if (!post.deleted()) {
            posts.setReviewState(post.id(), null);
            return;
        }
        String state = posts.reviewState(post.id());
        posts.setDeleted(post.id(), null, LocalDateTime.now(clock));
        posts.setReviewState(post.id(), null);
        if (post.isQuestion()) {
            posts.addToTagCounts(post.id(), 1);
        } else {
            posts.addToAnswerCount(post.questionId(), 1);
        }
        listener.deletionChanged(post, false, actorId);
        if (HELD.equals(state)) {
            listener.posted(posts.info(post.id()).orElseThrow());
        }
        listener.questionChanged(post.questionId());
    }

    /** Hides a comment (flags, a moderator) or shows it again; the question's pages and index follow. */
    public void setCommentHidden(PostStore.CommentInfo comment, boolean hidden) {
        posts.setCommentDeleted(comment.id(), hidden ? LocalDateTime.now(clock) : null);
        posts.info(comment.postId()).ifPresent(post -> listener.questionChanged(post.questionId()));
    }
}
