package townhall.qa;

import static org.jooq.impl.DSL.select;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.REVISIONS;
import static townhall.db.schema.Tables.TAGS;
import static townhall.db.schema.Tables.VOTES;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Writes to posts, questions, tags, votes, comments and revisions; the rules are in {@link PostingService},
 * {@link VoteAndMarkService} and {@link CurationService}.
 */
public final class PostStore {
    private final DSLContext db;

    public PostStore(DSLContext db) {
        this.db = db;
    }

    /** What the rules need to know about a post; {@code question*} fields describe its question. */
    public record PostInfo(long id, boolean isQuestion, long questionId, long authorId, boolean deleted,
                           long questionAuthorId, Long acceptedAnswerId, Long verifiedAnswerId, int answerCount,
                           boolean questionClosed, boolean questionDeleted, boolean questionFromNewcomer,
                           String title, String slug) {}

    public Optional<PostInfo> info(long postId) {
        var question = POSTS.as("qp");
        return db.select(POSTS.ID, POSTS.KIND, POSTS.QUESTION_ID, POSTS.AUTHOR_ID, POSTS.DELETED_AT,
                        question.AUTHOR_ID, question.DELETED_AT, QUESTIONS.ID, QUESTIONS.ACCEPTED_ANSWER_ID,
                        QUESTIONS.VERIFIED_ANSWER_ID, QUESTIONS.ANSWER_COUNT, QUESTIONS.CLOSED_AT,
                        QUESTIONS.FROM_NEWCOMER, QUESTIONS.TITLE, QUESTIONS.SLUG)
                .from(POSTS)
                .join(QUESTIONS).on(QUESTIONS.ID.eq(org.jooq.impl.DSL.coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                .join(question).on(question.ID.eq(QUESTIONS.ID))
                .where(POSTS.ID.eq(postId))
                .fetchOptional(r -> new PostInfo(r.get(POSTS.ID), "question".equals(r.get(POSTS.KIND)),
                        r.get(QUESTIONS.ID), r.get(POSTS.AUTHOR_ID), r.get(POSTS.DELETED_AT) != null,
                        r.get(question.AUTHOR_ID), r.get(QUESTIONS.ACCEPTED_ANSWER_ID),
                        r.get(QUESTIONS.VERIFIED_ANSWER_ID), r.get(QUESTIONS.ANSWER_COUNT),
                        r.get(QUESTIONS.CLOSED_AT) != null, r.get(question.DELETED_AT) != null,
                        Boolean.TRUE.equals(r.get(QUESTIONS.FROM_NEWCOMER)), r.get(QUESTIONS.TITLE),
                        r.get(QUESTIONS.SLUG)));
    }

    public long insertPost(String kind, Long questionId, long authorId, String bodyMd, String bodyHtml,
                           LocalDateTime now) {
        return db.insertInto(POSTS)
                .set(POSTS.KIND, kind)
                .set(POSTS.QUESTION_ID, questionId)
                .set(POSTS.AUTHOR_ID, authorId)
                .set(POSTS.BODY_MD, bodyMd)
                .set(POSTS.BODY_HTML, bodyHtml)
                .set(POSTS.CREATED_AT, now)
                .returningResult(POSTS.ID)
                .fetchOne(POSTS.ID);
    }

    public void insertQuestion(long id, String title, String slug, String excerpt, Long categoryId, boolean fromNewcomer,
                               LocalDateTime now) {
        db.insertInto(QUESTIONS)
                .set(QUESTIONS.FROM_NEWCOMER, fromNewcomer)
                .set(QUESTIONS.ID, id)
                .set(QUESTIONS.TITLE, title)
                .set(QUESTIONS.SLUG, slug)
                .set(QUESTIONS.EXCERPT, excerpt)
                .set(QUESTIONS.CATEGORY_ID, categoryId)
                .set(QUESTIONS.LAST_ACTIVITY_AT, now)
                .execute();
    }

    public void updateBody(long postId, String bodyMd, String bodyHtml, LocalDateTime now) {
        db.update(POSTS)
                .set(POSTS.BODY_MD, bodyMd)
                .set(POSTS.BODY_HTML, bodyHtml)
                .set(POSTS.EDITED_AT, now)
                .where(POSTS.ID.eq(postId))
                .execute();
    }

    public void updateQuestion(long id, String title, String slug, String excerpt, LocalDateTime now) {
        db.update(QUESTIONS)
                .set(QUESTIONS.TITLE, title)
                .set(QUESTIONS.SLUG, slug)
                .set(QUESTIONS.EXCERPT, excerpt)
                .set(QUESTIONS.LAST_ACTIVITY_AT, now)
                .where(QUESTIONS.ID.eq(id))
                .execute();
    }

    public List<String> tagsOf(long questionId) {
        return db.select(TAGS.NAME).from(QUESTION_TAGS).join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                .where(QUESTION_TAGS.QUESTION_ID.eq(questionId)).orderBy(TAGS.NAME).fetch(TAGS.NAME);
    }

    /** What a question is filed under, for its watchers: its category (or null) and its tags' ids. */
    public record Filing(Long categoryId, List<Long> tagIds) {}

    public Filing filingOf(long questionId) {
        var rows = db.select(QUESTIONS.CATEGORY_ID, QUESTION_TAGS.TAG_ID).from(QUESTIONS)
                .leftJoin(QUESTION_TAGS).on(QUESTION_TAGS.QUESTION_ID.eq(QUESTIONS.ID))
                .where(QUESTIONS.ID.eq(questionId)).fetch();
        Long category = rows.isEmpty() ? null : rows.get(0).value1();
        return new Filing(category, rows.stream().map(r -> r.value2()).filter(java.util.Objects::nonNull).toList());
    }

    /** Who commented under a post before (a new comment is a reply to them). */
    public java.util.Set<Long> commentersOf(long postId) {
        return new java.util.HashSet<>(db.selectDistinct(COMMENTS.AUTHOR_ID).from(COMMENTS)
                .where(COMMENTS.POST_ID.eq(postId)).fetch(COMMENTS.AUTHOR_ID));
    }

    /** Replaces a question's tags, creating new ones and keeping every tag's question count right. */
    public void setTags(long questionId, List<String> names) {
        db.update(TAGS).set(TAGS.QUESTION_COUNT, TAGS.QUESTION_COUNT.minus(1))
                .where(TAGS.ID.in(select(QUESTION_TAGS.TAG_ID).from(QUESTION_TAGS)
                        .where(QUESTION_TAGS.QUESTION_ID.eq(questionId))))
                .execute();
        db.deleteFrom(QUESTION_TAGS).where(QUESTION_TAGS.QUESTION_ID.eq(questionId)).execute();
        if (names.isEmpty()) {
            return;
        }
        var insertTags = db.insertInto(TAGS, TAGS.NAME);
        for (String name : names) {
            insertTags = insertTags.values(name);
        }
        insertTags.onDuplicateKeyIgnore().execute();
        db.insertInto(QUESTION_TAGS, QUESTION_TAGS.QUESTION_ID, QUESTION_TAGS.TAG_ID, QUESTION_TAGS.LAST_ACTIVITY_AT)
                .select(select(org.jooq.impl.DSL.val(questionId), TAGS.ID, QUESTIONS.LAST_ACTIVITY_AT)
                        .from(TAGS).join(QUESTIONS).on(QUESTIONS.ID.eq(questionId)).where(TAGS.NAME.in(names)))
                .execute();
        db.update(TAGS).set(TAGS.QUESTION_COUNT, TAGS.QUESTION_COUNT.plus(1)).where(TAGS.NAME.in(names)).execute();
    }

    public void addToTagCounts(long questionId, int delta) {
        db.update(TAGS).set(TAGS.QUESTION_COUNT, TAGS.QUESTION_COUNT.plus(delta))
                .where(TAGS.ID.in(select(QUESTION_TAGS.TAG_ID).from(QUESTION_TAGS)
                        .where(QUESTION_TAGS.QUESTION_ID.eq(questionId))))
                .execute();
    }

    public void insertRevision(long postId, long editorId, String title, String tags, String bodyMd, String reason,
                               LocalDateTime now) {
        int next = db.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.max(REVISIONS.NUMBER), 0))
                .from(REVISIONS).where(REVISIONS.POST_ID.eq(postId)).fetchOne(0, Integer.class) + 1;
        db.insertInto(REVISIONS)
                .set(REVISIONS.POST_ID, postId)
                .set(REVISIONS.NUMBER, next)
                .set(REVISIONS.EDITOR_ID, editorId)
                .set(REVISIONS.TITLE, title)
                .set(REVISIONS.TAGS, tags)
                .set(REVISIONS.BODY_MD, bodyMd)
                .set(REVISIONS.REASON, reason)
                .set(REVISIONS.CREATED_AT, now)
                .execute();
    }

    public record Revision(int number, Author editor, String title, String tags, String bodyMd, String reason,
                           LocalDateTime createdAt) {}

    /** Every revision of a post, newest first. */
    public List<Revision> revisionsOf(long postId) {
        return db.select(REVISIONS.asterisk(), MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.ROLE, MEMBERS.HELPER)
                .from(REVISIONS).join(MEMBERS).on(MEMBERS.ID.eq(REVISIONS.EDITOR_ID))
                .where(REVISIONS.POST_ID.eq(postId))
                .orderBy(REVISIONS.NUMBER.desc())
                .fetch(r -> new Revision(r.get(REVISIONS.NUMBER),
                        Author.of(r, MEMBERS),
                        r.get(REVISIONS.TITLE), r.get(REVISIONS.TAGS), r.get(REVISIONS.BODY_MD),
                        r.get(REVISIONS.REASON), r.get(REVISIONS.CREATED_AT)));
    }

    /** The member's current vote on a post: +1, -1 or 0. */
    /** How many questions a member has asked (deleted ones too). */
    public int questionCountOf(long memberId) {
        return db.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(memberId).and(POSTS.KIND.eq("question")));
    }

    public int voteOf(long postId, long memberId) {
        Record r = db.select(VOTES.VALUE).from(VOTES)
                .where(VOTES.POST_ID.eq(postId)).and(VOTES.MEMBER_ID.eq(memberId)).forUpdate().fetchOne();
        return r == null ? 0 : r.get(VOTES.VALUE).intValue();
    }

    /** Sets (or with 0 removes) a vote and moves the post's score by the difference; returns the new score. */
    public int setVote(long postId, long memberId, int previous, int value, LocalDateTime now) {
        if (value == 0) {
            db.deleteFrom(VOTES).where(VOTES.POST_ID.eq(postId)).and(VOTES.MEMBER_ID.eq(memberId)).execute();
        } else {
            db.insertInto(VOTES)
                    .set(VOTES.POST_ID, postId).set(VOTES.MEMBER_ID, memberId)
                    .set(VOTES.VALUE, (byte) value).set(VOTES.CREATED_AT, now)
                    .onDuplicateKeyUpdate().set(VOTES.VALUE, (byte) value).set(VOTES.CREATED_AT, now)
                    .execute();
        }
        db.update(POSTS).set(POSTS.SCORE, POSTS.SCORE.plus(value - previous)).where(POSTS.ID.eq(postId)).execute();
        return db.select(POSTS.SCORE).from(POSTS).where(POSTS.ID.eq(postId)).fetchOne(POSTS.SCORE);
    }

    public long insertComment(long postId, long authorId, String body, String bodyHtml, LocalDateTime now) {
        return db.insertInto(COMMENTS)
                .set(COMMENTS.POST_ID, postId)
                .set(COMMENTS.AUTHOR_ID, authorId)
                .set(COMMENTS.BODY, body)
                .set(COMMENTS.BODY_HTML, bodyHtml)
                .set(COMMENTS.CREATED_AT, now)
                .returningResult(COMMENTS.ID)
                .fetchOne(COMMENTS.ID);
    }

    /** Marks the question active now, on the question and on its tag rows (which order the tag lists). */
    public void touchQuestion(long questionId, LocalDateTime now) {
        db.update(QUESTIONS).set(QUESTIONS.LAST_ACTIVITY_AT, now).where(QUESTIONS.ID.eq(questionId)).execute();
        db.update(QUESTION_TAGS).set(QUESTION_TAGS.LAST_ACTIVITY_AT, now)
                .where(QUESTION_TAGS.QUESTION_ID.eq(questionId)).execute();
    }

    public void addToAnswerCount(long questionId, int delta) {
        db.update(QUESTIONS).set(QUESTIONS.ANSWER_COUNT, QUESTIONS.ANSWER_COUNT.plus(delta))
                .where(QUESTIONS.ID.eq(questionId)).execute();
    }

    public void setAccepted(long questionId, Long answerId, LocalDateTime now) {
        db.update(QUESTIONS)
                .set(QUESTIONS.ACCEPTED_ANSWER_ID, answerId)
                .set(QUESTIONS.ACCEPTED_AT, answerId == null ? null : now)
                .where(QUESTIONS.ID.eq(questionId))
                .execute();
    }

    public void setVerified(long questionId, Long answerId, Long staffId, String note, LocalDateTime now) {
        db.update(QUESTIONS)
                .set(QUESTIONS.VERIFIED_ANSWER_ID, answerId)
                .set(QUESTIONS.VERIFIED_BY, staffId)
                .set(QUESTIONS.VERIFIED_AT, answerId == null ? null : now)
                .set(QUESTIONS.VERIFIED_NOTE, note)
                .where(QUESTIONS.ID.eq(questionId))
                .execute();
    }

    public void setClosed(long questionId, Long staffId, String reason, Long duplicateOf, LocalDateTime now) {
        db.update(QUESTIONS)
                .set(QUESTIONS.CLOSED_AT, staffId == null ? null : now)
                .set(QUESTIONS.CLOSED_BY, staffId)
                .set(QUESTIONS.CLOSE_REASON, reason)
                .set(QUESTIONS.DUPLICATE_OF, duplicateOf)
                .where(QUESTIONS.ID.eq(questionId))
                .execute();
    }

    public void setDeleted(long postId, Long byMemberId, LocalDateTime now) {
        db.update(POSTS)
                .set(POSTS.DELETED_AT, byMemberId == null ? null : now)
                .set(POSTS.DELETED_BY, byMemberId)
                .where(POSTS.ID.eq(postId))
                .execute();
    }

    /** A comment and the post it stands under, for flagging it. */
    public record CommentInfo(long id, long postId, long authorId, String body, boolean deleted) {}

    public Optional<CommentInfo> comment(long commentId) {
        return db.select(COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
                .from(COMMENTS).where(COMMENTS.ID.eq(commentId))
                .fetchOptional(r -> new CommentInfo(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != null));
    }

    public void setCommentDeleted(long commentId, LocalDateTime at) {
        db.update(COMMENTS).set(COMMENTS.DELETED_AT, at).where(COMMENTS.ID.eq(commentId)).execute();
    }

    public void setReviewState(long postId, String state) {
        db.update(POSTS).set(POSTS.REVIEW_STATE, state).where(POSTS.ID.eq(postId)).execute();
    }

    /** Why a post is out of view pending review ({@link PostVisibility#HELD}, {@link PostVisibility#HIDDEN}), or null. */
    public String reviewState(long postId) {
        return db.select(POSTS.REVIEW_STATE).from(POSTS).where(POSTS.ID.eq(postId)).fetchOne(POSTS.REVIEW_STATE);
    }

    /** Whether the audience may see the question's category. */
    public boolean readable(long questionId, Audience audience) {
        return db.fetchExists(QUESTIONS, QUESTIONS.ID.eq(questionId).and(audience.categories(QUESTIONS.CATEGORY_ID)));
    }

    public boolean questionExists(long id) {
        return db.fetchExists(QUESTIONS, QUESTIONS.ID.eq(id));
    }
}
