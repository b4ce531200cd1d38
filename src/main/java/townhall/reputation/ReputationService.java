package townhall.reputation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import townhall.qa.PostStore.PostInfo;
import townhall.qa.QaListener;

/**
 * The ledger rules. Every change is an event row holding the amount actually applied after the daily cap
 * and the floor, so reversing an event takes back exactly what it gave, and a member's total is always
 * 1 plus the sum of their events.
 */
public final class ReputationService implements QaListener {
    static final String UPVOTED = "upvoted";
    static final String DOWNVOTED = "downvoted";
    static final String DOWNVOTE_CAST = "downvote_cast";
    static final String ACCEPTED = "answer_accepted";
    static final String ACCEPTER = "accepted_an_answer";
    static final String VERIFIED = "answer_verified";
    static final String POST_DELETED = "post_deleted";
    static final String POST_RESTORED = "post_restored";
    private static final String UNDONE = "_undone";
    /** Vote gains count against the daily cap. */
    private static final List<String> CAPPED = List.of(UPVOTED, UPVOTED + UNDONE);
    private static final int FLOOR = 1;

    private final ReputationStore store;
    private final ReputationRules rules;
    private final HelperService helpers;
    private final Clock clock;

    public ReputationService(ReputationStore store, ReputationRules rules, HelperService helpers, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.helpers = helpers;
        this.clock = clock;
    }

    @Override
    public void posted(PostInfo post) {
        if (!post.isQuestion()) {
            helpers.answered(post);
        }
    }

    @Override
    public void voteChanged(PostInfo post, long voterId, int previous, int value) {
        Set<Long> touched = new LinkedHashSet<>(List.of(post.authorId(), voterId));
        undo(post.authorId(), post.id(), voterId, UPVOTED, DOWNVOTED);
        undo(voterId, post.id(), voterId, DOWNVOTE_CAST);
        if (value > 0) {
            apply(post.authorId(), post.isQuestion() ? rules.questionUpvoted() : rules.answerUpvoted(), UPVOTED,
                    post.id(), voterId);
        } else if (value < 0) {
            apply(post.authorId(), -rules.downvoted(), DOWNVOTED, post.id(), voterId);
            if (!post.isQuestion()) {
                apply(voterId, -rules.downvoteCast(), DOWNVOTE_CAST, post.id(), voterId);
            }
        }
        helpers.reviewReputation(touched);
    }

    @Override
    public void acceptChanged(PostInfo question, Long previousAnswerId, Long answerId, long actorId) {
        Set<Long> touched = new LinkedHashSet<>();
        if (previousAnswerId != null) {
            touched.addAll(undoAll(previousAnswerId, ACCEPTED, ACCEPTER));
        }
        if (answerId != null) {
            long answerAuthor = helpers.authorOf(answerId);
            if (answerAuthor != question.questionAuthorId()) {
                apply(answerAuthor, rules.answerAccepted(), ACCEPTED, answerId, actorId);
                touched.add(answerAuthor);
                if (actorId == question.questionAuthorId()) {
                    apply(actorId, rules.accepter(), ACCEPTER, answerId, actorId);
                    touched.add(actorId);
                }
            }
        }
        helpers.review(touched);
    }

    @Override
    public void verifyChanged(PostInfo question, Long previousAnswerId, Long answerId, long staffId) {
        Set<Long> touched = new LinkedHashSet<>();
        if (previousAnswerId != null) {
            touched.addAll(undoAll(previousAnswerId, VERIFIED));
        }
        if (answerId != null) {
            long answerAuthor = helpers.authorOf(answerId);
            apply(answerAuthor, rules.answerVerified(), VERIFIED, answerId, staffId);
            touched.add(answerAuthor);
        }
        helpers.review(touched);
    }

    /** Deleting a post takes back all reputation it gave anyone; restoring gives it back. */
    @Override
    public void deletionChanged(PostInfo post, boolean deleted, long actorId) {
        Set<Long> touched = new LinkedHashSet<>();
        for (ReputationStore.Holding holding : store.holdingsOn(post.id())) {
            if (deleted && holding.net() != 0) {
                apply(holding.memberId(), -holding.net(), POST_DELETED, post.id(), actorId);
                touched.add(holding.memberId());
            } else if (!deleted) {
                int removed = store.net(holding.memberId(), post.id(), null, List.of(POST_DELETED, POST_RESTORED));
                if (removed != 0) {
                    apply(holding.memberId(), -removed, POST_RESTORED, post.id(), actorId);
                    touched.add(holding.memberId());
                }
            }
        }
        touched.add(post.authorId());
        helpers.review(touched);
    }

    /** Rebuilds every total from the ledger; returns how many totals were out of step. */
    public int recompute() {
        return store.recomputeAll();
    }

    /** Takes back what a member holds on a post from one actor for the given reasons. */
    private void undo(long memberId, long postId, long actorId, String... reasons) {
        List<String> all = withUndone(reasons);
        int net = store.net(memberId, postId, actorId, all);
        if (net != 0) {
            apply(memberId, -net, reasons[0] + UNDONE, postId, actorId);
        }
    }

    /** Takes back, from every member, what a post gave them for the given reasons. */
    private Set<Long> undoAll(long postId, String... reasons) {
        Set<Long> touched = new LinkedHashSet<>();
        List<String> all = withUndone(reasons);
        for (ReputationStore.Holding holding : store.holdingsOn(postId)) {
            for (String reason : reasons) {
                int net = store.net(holding.memberId(), postId, null, List.of(reason, reason + UNDONE));
                if (net != 0) {
                    apply(holding.memberId(), -net, reason + UNDONE, postId, null);
                    touched.add(holding.memberId());
                }
            }
        }
        return all.isEmpty() ? Set.of() : touched;
    }

    private static List<String> withUndone(String... reasons) {
        return java.util.Arrays.stream(reasons).flatMap(r -> java.util.stream.Stream.of(r, r + UNDONE)).toList();
    }

    /** Applies a change within the daily cap (for vote gains) and above the floor; records what applied. */
    private void apply(long memberId, int delta, String reason, long postId, Long actorId) {
        int current = store.lockReputation(memberId);
        int applied = delta;
        LocalDateTime now = LocalDateTime.now(clock);
        if (applied > 0 && CAPPED.contains(reason)) {
            int today = store.gainedSince(memberId, CAPPED, LocalDate.now(clock).atStartOfDay());
            applied = Math.max(0, Math.min(applied, rules.dailyVoteCap() - today));
        }
        if (current + applied < FLOOR) {
            applied = FLOOR - current;
        }
        if (applied != 0) {
            store.record(memberId, applied, reason, postId, actorId, now);
        }
    }
}
