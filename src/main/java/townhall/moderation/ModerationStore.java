package townhall.moderation;

import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.FLAGS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.MODERATION_LOG;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.REVIEW_ITEMS;
import static townhall.db.schema.Tables.SANCTIONS;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import townhall.db.Prepared;

/** Flags, review items, sanctions and the moderation log; the rules are in the services. */
public final class ModerationStore {
    private static final townhall.db.schema.tables.Members ACTOR = MEMBERS.as("actor");
    private static final townhall.db.schema.tables.Members TARGET = MEMBERS.as("target");

    private final DSLContext db;
    private final Prepared<Boolean> openCount;

    public ModerationStore(DSLContext db) {
        this.db = db;
        this.openCount = Prepared.of(db, () -> db.selectCount().from(REVIEW_ITEMS).where(REVIEW_ITEMS.DECIDED_AT.isNull()));
    }

    // flags

    public boolean hasFlagged(long postId, long commentId, long flaggerId) {
        return db.fetchExists(FLAGS, FLAGS.POST_ID.eq(postId).and(FLAGS.COMMENT_ID.eq(commentId))
                .and(FLAGS.FLAGGER_ID.eq(flaggerId)));
    }

    public void insertFlag(long postId, long commentId, long flaggerId, String reason, String note, boolean trusted,
                           LocalDateTime now) {
        db.insertInto(FLAGS)
                .set(FLAGS.POST_ID, postId)
                .set(FLAGS.COMMENT_ID, commentId)
                .set(FLAGS.FLAGGER_ID, flaggerId)
                .set(FLAGS.REASON, reason)
                .set(FLAGS.NOTE, note)
                .set(FLAGS.TRUSTED, trusted)
                .set(FLAGS.CREATED_AT, now)
                .execute();
    }

    public int openTrustedFlags(long postId, long commentId) {
        return db.fetchCount(FLAGS, FLAGS.POST_ID.eq(postId).and(FLAGS.COMMENT_ID.eq(commentId))
                .and(FLAGS.TRUSTED.isTrue()).and(FLAGS.OUTCOME.isNull()));
    }

    /** Closes the open flags on a post (commentId 0) or comment with an outcome; returns the flaggers to tell. */
    public List<Long> resolveFlags(long postId, long commentId, String outcome, LocalDateTime now) {
        Condition target = FLAGS.POST_ID.eq(postId).and(FLAGS.COMMENT_ID.eq(commentId)).and(FLAGS.OUTCOME.isNull());
        List<Long> flaggers = db.select(FLAGS.FLAGGER_ID).from(FLAGS).where(target).fetch(FLAGS.FLAGGER_ID);
        db.update(FLAGS).set(FLAGS.OUTCOME, outcome).set(FLAGS.RESOLVED_AT, now).where(target).execute();
        return flaggers;
    }

    public record FlagView(long postId, long commentId, String reason, String note, String flagger, LocalDateTime at) {}

    /** The open flags on these posts and their comments, oldest first, in one query. */
    public List<FlagView> openFlags(Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        return db.select(FLAGS.POST_ID, FLAGS.COMMENT_ID, FLAGS.REASON, FLAGS.NOTE, MEMBERS.USERNAME, FLAGS.CREATED_AT)
                .from(FLAGS).join(MEMBERS).on(MEMBERS.ID.eq(FLAGS.FLAGGER_ID))
                .where(FLAGS.POST_ID.in(postIds)).and(FLAGS.OUTCOME.isNull())
                .orderBy(FLAGS.CREATED_AT)
                .fetch(r -> new FlagView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    // review items

    public Optional<Long> openItemOf(long postId) {
        return openItemOf(postId, 0);
    }

    public Optional<Long> openItemOf(long postId, long commentId) {
        return db.select(REVIEW_ITEMS.ID).from(REVIEW_ITEMS)
                .where(REVIEW_ITEMS.POST_ID.eq(postId)).and(REVIEW_ITEMS.COMMENT_ID.eq(commentId))
                .and(REVIEW_ITEMS.DECIDED_AT.isNull())
                .orderBy(REVIEW_ITEMS.ID).limit(1).fetchOptional(REVIEW_ITEMS.ID);
    }

    public long insertItem(long postId, long authorId, String kind, String reasons, LocalDateTime now) {
        return insertItem(postId, 0, authorId, kind, reasons, now);
    }

    public long insertItem(long postId, long commentId, long authorId, String kind, String reasons, LocalDateTime now) {
        return db.insertInto(REVIEW_ITEMS)
                .set(REVIEW_ITEMS.POST_ID, postId)
                .set(REVIEW_ITEMS.COMMENT_ID, commentId)
                .set(REVIEW_ITEMS.AUTHOR_ID, authorId)
                .set(REVIEW_ITEMS.KIND, kind)
                .set(REVIEW_ITEMS.REASONS, reasons)
                .set(REVIEW_ITEMS.CREATED_AT, now)
                .returningResult(REVIEW_ITEMS.ID).fetchOne(REVIEW_ITEMS.ID);
    }

    /** Adds a line to an open item's reasons (a held post that is also flagged). */
    public void addReason(long itemId, String reason) {
        db.update(REVIEW_ITEMS)
                .set(REVIEW_ITEMS.REASONS, DSL.concat(REVIEW_ITEMS.REASONS, DSL.val("\n" + reason)))
                .where(REVIEW_ITEMS.ID.eq(itemId)).execute();
    }

    public void decide(long itemId, String decision, long deciderId, LocalDateTime now) {
        db.update(REVIEW_ITEMS)
                .set(REVIEW_ITEMS.DECISION, decision)
                .set(REVIEW_ITEMS.DECIDED_BY, deciderId)
                .set(REVIEW_ITEMS.DECIDED_AT, now)
                .where(REVIEW_ITEMS.ID.eq(itemId)).and(REVIEW_ITEMS.DECIDED_AT.isNull())
                .execute();
    }

    /** In the header of every page staff and reviewing Helpers see: rendered once (see {@link Prepared}). */
    public int openCount() {
        return openCount.fetchOne(java.util.Map.of()).get(0, Integer.class);
    }

    /** An open item; for a comment's, {@code commentId} is not 0 and the body and author are the comment's. */
    public record Item(long id, long postId, long questionId, boolean isQuestion, String kind, String reasons,
                       LocalDateTime createdAt, String title, String slug, String bodyHtml, String bodyMd,
                       String reviewState, boolean deleted, long authorId, String authorName,
                       LocalDateTime authorJoined, int authorReputation, boolean authorHelper, long commentId) {
        public boolean isComment() { return commentId != 0; }
    }

    /** An open item by id, or the oldest open ones. */
    public List<Item> openItems(Long itemId, int limit) {
        var question = POSTS.as("qp");
        Condition which = REVIEW_ITEMS.DECIDED_AT.isNull();
        if (itemId != null) {
            which = which.and(REVIEW_ITEMS.ID.eq(itemId));
        }
        return db.select(REVIEW_ITEMS.ID, REVIEW_ITEMS.POST_ID, REVIEW_ITEMS.KIND, REVIEW_ITEMS.REASONS,
                        REVIEW_ITEMS.CREATED_AT, POSTS.KIND, POSTS.BODY_HTML, POSTS.BODY_MD, POSTS.REVIEW_STATE,
                        POSTS.DELETED_AT, QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG, MEMBERS.ID, MEMBERS.USERNAME,
                        MEMBERS.CREATED_AT, MEMBERS.REPUTATION, MEMBERS.HELPER, REVIEW_ITEMS.COMMENT_ID,
                        COMMENTS.BODY_HTML, COMMENTS.BODY, COMMENTS.DELETED_AT)
                .from(REVIEW_ITEMS)
                .join(POSTS).on(POSTS.ID.eq(REVIEW_ITEMS.POST_ID))
                .join(QUESTIONS).on(QUESTIONS.ID.eq(DSL.coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                .leftJoin(COMMENTS).on(COMMENTS.ID.eq(REVIEW_ITEMS.COMMENT_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(REVIEW_ITEMS.AUTHOR_ID))
                .where(which)
                .orderBy(REVIEW_ITEMS.CREATED_AT, REVIEW_ITEMS.ID)
                .limit(limit)
                .fetch(r -> new Item(r.get(REVIEW_ITEMS.ID), r.get(REVIEW_ITEMS.POST_ID), r.get(QUESTIONS.ID),
                        "question".equals(r.get(POSTS.KIND)), r.get(REVIEW_ITEMS.KIND), r.get(REVIEW_ITEMS.REASONS),
                        r.get(REVIEW_ITEMS.CREATED_AT), r.get(QUESTIONS.TITLE), r.get(QUESTIONS.SLUG),
                        comment(r) ? r.get(COMMENTS.BODY_HTML) : r.get(POSTS.BODY_HTML),
                        comment(r) ? r.get(COMMENTS.BODY) : r.get(POSTS.BODY_MD), r.get(POSTS.REVIEW_STATE),
                        comment(r) ? r.get(COMMENTS.DELETED_AT) != null : r.get(POSTS.DELETED_AT) != null,
                        r.get(MEMBERS.ID), r.get(MEMBERS.USERNAME),
                        r.get(MEMBERS.CREATED_AT), r.get(MEMBERS.REPUTATION), Boolean.TRUE.equals(r.get(MEMBERS.HELPER)),
                        r.get(REVIEW_ITEMS.COMMENT_ID)));
    }

    private static boolean comment(org.jooq.Record r) {
        return r.get(REVIEW_ITEMS.COMMENT_ID) != 0L;
    }

    /** An author's earlier decisions: how many of their posts reviewers approved and removed, and their sanctions. */
    public record History(int approved, int removed, int sanctions) {}

    public Map<Long, History> historyOf(Collection<Long> authorIds) {
        Map<Long, History> history = new LinkedHashMap<>();
        if (authorIds.isEmpty()) {
            return history;
        }
        var removed = sum(when(REVIEW_ITEMS.DECISION.in("reject", "spam"), 1).otherwise(0));
        var approved = sum(when(REVIEW_ITEMS.DECISION.in("approve", "dismiss"), 1).otherwise(0));
        var sanctions = DSL.field(DSL.selectCount().from(SANCTIONS).where(SANCTIONS.MEMBER_ID.eq(MEMBERS.ID)));
        db.select(MEMBERS.ID, approved, removed, sanctions)
                .from(MEMBERS).leftJoin(REVIEW_ITEMS).on(REVIEW_ITEMS.AUTHOR_ID.eq(MEMBERS.ID))
                .and(REVIEW_ITEMS.DECIDED_AT.isNotNull())
                .where(MEMBERS.ID.in(authorIds))
                .groupBy(MEMBERS.ID)
                .forEach(r -> history.put(r.value1(), new History(intOf(r.value2()), intOf(r.value3()), intOf(r.value4()))));
        return history;
    }

    private static int intOf(Number n) {
        return n == null ? 0 : n.intValue();
    }

    /** The author's other posts still in view (for "delete as spam, and all their posts"). */
    public List<Long> visiblePostsOf(long authorId) {
        return db.select(POSTS.ID).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(authorId)).and(POSTS.DELETED_AT.isNull().or(POSTS.REVIEW_STATE.isNotNull()))
                .orderBy(POSTS.ID).fetch(POSTS.ID);
    }

    // the spam defence's questions

    /** How many questions or answers the member posted since {@code since}, held ones included. */
    public int postsSince(long authorId, String kind, LocalDateTime since) {
        return db.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(authorId).and(POSTS.KIND.eq(kind)).and(POSTS.CREATED_AT.gt(since)));
    }

    public LocalDateTime lastPostAt(long authorId) {
        return db.select(DSL.max(POSTS.CREATED_AT)).from(POSTS).where(POSTS.AUTHOR_ID.eq(authorId)).fetchOne(0, LocalDateTime.class);
    }

    public int postCount(long authorId) {
        return db.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(authorId));
    }

    /** Whether the member already posted exactly this text. */
    public boolean postedBefore(long authorId, String bodyMd) {
        return db.fetchExists(POSTS, POSTS.AUTHOR_ID.eq(authorId).and(POSTS.BODY_MD.eq(bodyMd)));
    }

    // sanctions

    public void insertSanction(long memberId, String kind, String reason, LocalDateTime until, long actorId,
                               LocalDateTime now) {
        db.insertInto(SANCTIONS)
                .set(SANCTIONS.MEMBER_ID, memberId)
                .set(SANCTIONS.KIND, kind)
                .set(SANCTIONS.REASON, reason)
                .set(SANCTIONS.UNTIL_AT, until)
                .set(SANCTIONS.CREATED_BY, actorId)
                .set(SANCTIONS.CREATED_AT, now)
                .execute();
    }

    public record Sanction(long id, String kind, String reason, LocalDateTime until, LocalDateTime at,
                           LocalDateTime acknowledgedAt) {}

    public List<Sanction> sanctionsOf(long memberId) {
        return db.selectFrom(SANCTIONS).where(SANCTIONS.MEMBER_ID.eq(memberId)).orderBy(SANCTIONS.ID.desc())
                .fetch(r -> new Sanction(r.getId(), r.getKind(), r.getReason(), r.getUntilAt(), r.getCreatedAt(),
                        r.getAcknowledgedAt()));
    }

    public int acknowledgeWarnings(long memberId, LocalDateTime now) {
        return db.update(SANCTIONS).set(SANCTIONS.ACKNOWLEDGED_AT, now)
                .where(SANCTIONS.MEMBER_ID.eq(memberId)).and(SANCTIONS.KIND.eq("warn"))
                .and(SANCTIONS.ACKNOWLEDGED_AT.isNull()).execute();
    }

    // the log: written once, never updated

    public void log(Long actorId, String action, Long memberId, Long postId, String reason, LocalDateTime now) {
        db.insertInto(MODERATION_LOG)
                .set(MODERATION_LOG.ACTOR_ID, actorId)
                .set(MODERATION_LOG.ACTION, action)
                .set(MODERATION_LOG.MEMBER_ID, memberId)
                .set(MODERATION_LOG.POST_ID, postId)
                .set(MODERATION_LOG.REASON, reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .set(MODERATION_LOG.CREATED_AT, now)
                .execute();
    }

    public record LogEntry(long id, String actor, String action, String member, Long postId, String reason,
                           LocalDateTime at) {}

    /** The newest entries first, filtered by actor's or member's name and by action (each may be empty). */
    public List<LogEntry> log(String actor, String member, String action, int limit) {
        Condition where = DSL.noCondition();
        if (!actor.isEmpty()) {
            where = where.and(ACTOR.USERNAME.eq(actor));
        }
        if (!member.isEmpty()) {
            where = where.and(TARGET.USERNAME.eq(member));
        }
        if (!action.isEmpty()) {
            where = where.and(MODERATION_LOG.ACTION.eq(action));
        }
        return db.select(MODERATION_LOG.ID, ACTOR.USERNAME, MODERATION_LOG.ACTION, TARGET.USERNAME,
                        MODERATION_LOG.POST_ID, MODERATION_LOG.REASON, MODERATION_LOG.CREATED_AT)
                .from(MODERATION_LOG)
                .leftJoin(ACTOR).on(ACTOR.ID.eq(MODERATION_LOG.ACTOR_ID))
                .leftJoin(TARGET).on(TARGET.ID.eq(MODERATION_LOG.MEMBER_ID))
                .where(where)
                .orderBy(MODERATION_LOG.ID.desc())
                .limit(limit)
                .fetch(r -> new LogEntry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }
}
