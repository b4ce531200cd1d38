package townhall.qa;

import townhall.account.Member;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/** Finds the post an action is about, as far as the member may reach it; the Q&A services share these checks. */
public final class PostAccess {
    private final PostStore posts;
    private final CategoryAccess categories;

    public PostAccess(PostStore posts, CategoryAccess categories) {
        this.posts = posts;
        this.categories = categories;
    }

    /**
     * A post the member can see: deleted posts, and posts of deleted questions, exist only for staff; a post in a
     * category the member may not see does not exist for them.
     */
    public PostStore.PostInfo visiblePost(long postId, Member viewer) {
        PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
        boolean hidden = post.deleted() || post.questionDeleted();
        if (hidden && (viewer == null || !viewer.isStaff())) {
            throw new NotFound();
        }
        requireReadable(post, viewer);
        return post;
    }

    /** The member as a reader of categories. */
    Audience audience(Member viewer) {
        return categories.of(viewer);
    }

    private void requireReadable(PostStore.PostInfo post, Member viewer) {
        Audience audience = categories.of(viewer);
        if (!audience.everything() && !posts.readable(post.questionId(), audience)) {
            throw new NotFound();
        }
    }

    PostStore.PostInfo visibleQuestion(long questionId, Member viewer) {
        PostStore.PostInfo post = posts.info(questionId).orElseThrow(NotFound::new);
        if (!post.isQuestion()) {
            throw new NotFound();
        }
        requireReadable(post, viewer);
        if (post.deleted()) {
            throw new NotAllowed("qa.denied.deleted");
        }
        return post;
    }

    boolean isOpenQuestion(long id) {
        return posts.info(id).filter(p -> p.isQuestion() && !p.deleted()).isPresent();
    }

    static void requireStaff(Member member, String refusalKey) {
        if (!member.isStaff()) {
            throw new NotAllowed(refusalKey);
        }
    }
}
