package townhall.qa;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.versions.ProductLine;
import townhall.versions.VersionService;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;

import static townhall.qa.PostAccess.requireStaff;
import static townhall.qa.PostInput.clean;
import static townhall.qa.QaRules.NOTE_MAX;

/** Votes, the asker's accepted mark and staff's verified mark, and their withdrawal; one transaction each. */
public final class VoteAndMarkService {
    private final Database database;
    private final PostStore posts;
    private final PostAccess access;
    private final Clock clock;
    private final QaListener listener;
    private final Privileges privileges;
    private final VersionService versions;

    public VoteAndMarkService(Database database, PostStore posts, PostAccess access, Clock clock, QaListener listener,
                              Privileges privileges, VersionService versions) {
        this.versions = versions;
        this.database = database;
        this.posts = posts;
        this.access = access;
        this.clock = clock;
        this.listener = listener;
        this.privileges = privileges;
    }

    /** Sets the member's vote on a post to +1, -1 or 0 (withdrawn); returns the post's new score. */
    public int vote(Member voter, long postId, int value) {
        if (value < -1 || value > 1) {
            throw InvalidInput.of("vote", "qa.error.vote");
        }
        PostStore.PostInfo post = access.visiblePost(postId, voter);
        if (post.authorId() == voter.id()) {
            throw new NotAllowed("qa.denied.vote.own");
        }
        if (post.deleted() || post.questionDeleted()) {
            throw new NotAllowed("qa.denied.vote.deleted");
        }
        if (value > 0 && !privileges.canUpvote(voter)) {
            throw new NotAllowed("qa.denied.upvote", "reputation", privileges.rules().upvote());
        }
        if (value < 0 && !privileges.canDownvote(voter)) {
            throw new NotAllowed("qa.denied.downvote", "reputation", privileges.rules().downvote());
        }
        return database.inTransaction(() -> {
            int previous = posts.voteOf(postId, voter.id());
            int score = posts.setVote(postId, voter.id(), previous, value, now());
            if (previous != value) {
                listener.voteChanged(post, voter.id(), previous, value);
                listener.questionChanged(post.questionId());
            }
            return score;
        });
    }

    /** The asker (or staff on their behalf) accepts an answer; accepting another one moves the mark. */
    public void accept(Member actor, long answerId) {
        PostStore.PostInfo answer = answerToMark(answerId, actor);
        if (answer.questionAuthorId() != actor.id() && !actor.isStaff()) {
            throw new NotAllowed("qa.denied.accept");
        }
        database.inTransaction(() -> {
            posts.setAccepted(answer.questionId(), answerId, now());
            if (!Long.valueOf(answerId).equals(answer.acceptedAnswerId())) {
                listener.acceptChanged(answer, answer.acceptedAnswerId(), answerId, actor.id());
                listener.questionChanged(answer.questionId());
            }
        });
    }

    public void unaccept(Member actor, long questionId) {
        PostStore.PostInfo question = access.visibleQuestion(questionId, actor);
        if (question.questionAuthorId() != actor.id() && !actor.isStaff()) {
            throw new NotAllowed("qa.denied.unaccept");
        }
        database.inTransaction(() -> {
            posts.setAccepted(questionId, null, now());
            if (question.acceptedAnswerId() != null) {
                listener.acceptChanged(question, question.acceptedAnswerId(), null, actor.id());
                listener.questionChanged(questionId);
            }
        });
    }

    /**
     * Staff mark the answer the brand stands behind; one per question, so this replaces any earlier one. It holds
     * for the current version of the question's product line, if it has one.
     */
    public void verify(Member staff, long answerId, String note) {
        verify(staff, answerId, note, null, null);
    }

    /**
     * The same, saying which product versions (ids, of one line; null: the current version of the question's line)
     * the answer holds for, and when it should be reviewed again ({@code yyyy-mm-dd}, blank for never).
     */
    public void verify(Member staff, long answerId, String note, List<String> versionIds, String reviewBy) {
        requireStaff(staff, "qa.denied.verify");
        PostStore.PostInfo answer = answerToMark(answerId, staff);
        String cleanNote = clean(note);
        if (cleanNote.length() > NOTE_MAX) {
            throw InvalidInput.of("note", "qa.error.note.long", "max", NOTE_MAX);
        }
        VersionService.Choice choice = versionIds != null ? versions.choose(versionIds)
                : versions.choose(versions.linesOfQuestion(answer.questionId()).stream()
                        .map(ProductLine::current).filter(java.util.Objects::nonNull).limit(1)
                        .map(v -> String.valueOf(v.id())).toList());
        LocalDate review = versions.reviewBy(reviewBy);
        database.inTransaction(() -> {
            posts.setVerified(answer.questionId(), answerId, staff.id(), cleanNote.isEmpty() ? null : cleanNote, now());
            versions.answerVerified(answer.questionId(), answerId, choice, review, staff.id());
            if (!Long.valueOf(answerId).equals(answer.verifiedAnswerId())) {
                listener.verifyChanged(answer, answer.verifiedAnswerId(), answerId, staff.id());
                listener.questionChanged(answer.questionId());
            }
        });
    }

    public void unverify(Member staff, long questionId) {
        requireStaff(staff, "qa.denied.unverify");
        PostStore.PostInfo question = access.visibleQuestion(questionId, staff);
        database.inTransaction(() -> {
            posts.setVerified(questionId, null, null, null, now());
            versions.answerUnverified(questionId);
            if (question.verifiedAnswerId() != null) {
                listener.verifyChanged(question, question.verifiedAnswerId(), null, staff.id());
                listener.questionChanged(questionId);
            }
        });
    }

    private PostStore.PostInfo answerToMark(long answerId, Member actor) {
        PostStore.PostInfo answer = access.visiblePost(answerId, actor);
        if (answer.isQuestion() || answer.deleted() || answer.questionDeleted()) {
            throw new NotAllowed("qa.denied.mark");
        }
        return answer;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
