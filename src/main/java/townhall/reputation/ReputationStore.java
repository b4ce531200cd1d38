package townhall.reputation;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static townhall.db.schema.Tables.BADGES;
import static townhall.db.schema.Tables.HELPER_CHANGES;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.MODERATION_STRIKES;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.REPUTATION_EVENTS;
import static townhall.db.schema.Tables.TAGS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSelectStep;
import townhall.qa.Audience;
import townhall.db.schema.tables.Posts;
import org.jooq.impl.DSL;

/** The reputation ledger, Helper status, strikes and badges. */
public final class ReputationStore {
    /** A member's answer, and its question's own post, in the queries over a member's answers. */
    private static final Posts ANSWER = POSTS.as("answer");
    private static final Posts ASKED = POSTS.as("asked");
    /** The answer is its question's accepted or verified one. */
    private static final Condition MARKED = QUESTIONS.ACCEPTED_ANSWER_ID.eq(ANSWER.ID)
            .or(QUESTIONS.VERIFIED_ANSWER_ID.eq(ANSWER.ID));
    /** The answer welcomes a newcomer: their question, not the answerer's own. */
    private static final Condition WELCOMES = QUESTIONS.FROM_NEWCOMER.isTrue().and(ASKED.AUTHOR_ID.ne(ANSWER.AUTHOR_ID));

    private final DSLContext db;

    public ReputationStore(DSLContext db) {
        this.db = db;
    }

    /** The member's reputation, locking the row so concurrent events apply one after another. */
    public int lockReputation(long memberId) {
        return db.select(MEMBERS.REPUTATION).from(MEMBERS).where(MEMBERS.ID.eq(memberId)).forUpdate()
                .fetchOne(MEMBERS.REPUTATION);
    }

    public void record(long memberId, int delta, String reason, Long postId, Long actorId, LocalDateTime now) {
        db.insertInto(REPUTATION_EVENTS)
                .set(REPUTATION_EVENTS.MEMBER_ID, memberId)
                .set(REPUTATION_EVENTS.DELTA, delta)
                .set(REPUTATION_EVENTS.REASON, reason)
                .set(REPUTATION_EVENTS.POST_ID, postId)
                .set(REPUTATION_EVENTS.ACTOR_ID, actorId)
                .set(REPUTATION_EVENTS.CREATED_AT, now)
                .execute();
        db.update(MEMBERS).set(MEMBERS.REPUTATION, MEMBERS.REPUTATION.plus(delta)).where(MEMBERS.ID.eq(memberId)).execute();
    }

    /** The net reputation a member holds from the given reasons on a post (from one actor, when given). */
    public int net(long memberId, long postId, Long actorId, Collection<String> reasons) {
        Condition byActor = actorId == null ? DSL.noCondition() : REPUTATION_EVENTS.ACTOR_ID.eq(actorId);
        return db.select(coalesce(sum(REPUTATION_EVENTS.DELTA), BigDecimal.ZERO)).from(REPUTATION_EVENTS)
                .where(REPUTATION_EVENTS.MEMBER_ID.eq(memberId))
                .and(REPUTATION_EVENTS.POST_ID.eq(postId))
                .and(REPUTATION_EVENTS.REASON.in(reasons))
                .and(byActor)
                .fetchOne(0, int.class);
    }

    public record Holding(long memberId, int net) {}

    /** Every member's net reputation from a post, for reversing it when the post is deleted. */
    public List<Holding> holdingsOn(long postId) {
        return db.select(REPUTATION_EVENTS.MEMBER_ID, sum(REPUTATION_EVENTS.DELTA))
                .from(REPUTATION_EVENTS)
                .where(REPUTATION_EVENTS.POST_ID.eq(postId))
                .groupBy(REPUTATION_EVENTS.MEMBER_ID)
                .fetch(r -> new Holding(r.value1(), r.value2() == null ? 0 : r.value2().intValue()));
    }

    /** Net reputation from the given reasons since a moment, for the daily cap. */
    public int gainedSince(long memberId, Collection<String> reasons, LocalDateTime since) {
        return db.select(coalesce(sum(REPUTATION_EVENTS.DELTA), BigDecimal.ZERO)).from(REPUTATION_EVENTS)
                .where(REPUTATION_EVENTS.MEMBER_ID.eq(memberId))
                .and(REPUTATION_EVENTS.REASON.in(reasons))
                .and(REPUTATION_EVENTS.CREATED_AT.ge(since))
                .fetchOne(0, int.class);
    }

    /** Sets every member's total to 1 plus the sum of their ledger; returns how many totals changed. */
    public int recomputeAll() {
        Field<Integer> fromLedger = inline(1).plus(coalesce(
                select(sum(REPUTATION_EVENTS.DELTA)).from(REPUTATION_EVENTS)
                        .where(REPUTATION_EVENTS.MEMBER_ID.eq(MEMBERS.ID)).asField(), inline(BigDecimal.ZERO))
                .cast(Integer.class));
        return db.update(MEMBERS).set(MEMBERS.REPUTATION, fromLedger)
                .where(MEMBERS.REPUTATION.ne(fromLedger))
                .execute();
    }

    /** What Helper status depends on, for one member. */
    public record Standing(long memberId, String username, int reputation, LocalDateTime joinedAt, boolean helper,
                           String override, int acceptedOrVerified, LocalDateTime lastStrikeAt) {}

    /**
     * The member's standing, with their accepted or verified answers counted up to {@code markedUpTo} only: the
     * Helper rule needs no more, and a member with thousands of answers is then not re-counted on every vote.
     */
    public Optional<Standing> standing(long memberId, int markedUpTo) {
        Field<LocalDateTime> lastStrike = select(max(MODERATION_STRIKES.CREATED_AT)).from(MODERATION_STRIKES)
                .where(MODERATION_STRIKES.MEMBER_ID.eq(MEMBERS.ID)).asField("last_strike");
        return db.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.REPUTATION, MEMBERS.CREATED_AT, MEMBERS.HELPER,
                        MEMBERS.HELPER_OVERRIDE, lastStrike)
                .from(MEMBERS).where(MEMBERS.ID.eq(memberId))
                .fetchOptional(r -> new Standing(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), markedAnswers(memberId, markedUpTo), r.value7()));
    }

    private int markedAnswers(long memberId, int upTo) {
        return db.fetchCount(answersOf(db.select(ANSWER.ID), memberId).and(MARKED).limit(upTo));
    }

    /** A member's answers that are not deleted, each joined to its question ({@code QUESTIONS}, {@code ASKED}). */
    private static <R extends Record> SelectConditionStep<R> answersOf(SelectSelectStep<R> select, long memberId) {
        return select.from(ANSWER)
                .join(QUESTIONS).on(QUESTIONS.ID.eq(ANSWER.QUESTION_ID))
                .join(ASKED).on(ASKED.ID.eq(QUESTIONS.ID))
                .where(ANSWER.AUTHOR_ID.eq(memberId)).and(ANSWER.DELETED_AT.isNull());
    }

    public void setHelper(long memberId, boolean helper) {
        db.update(MEMBERS).set(MEMBERS.HELPER, helper).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void setOverride(long memberId, String override) {
        db.update(MEMBERS).set(MEMBERS.HELPER_OVERRIDE, override).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void recordHelperChange(long memberId, boolean helper, String source, Long actorId, String reason,
                                   LocalDateTime now) {
        db.insertInto(HELPER_CHANGES)
                .set(HELPER_CHANGES.MEMBER_ID, memberId)
                .set(HELPER_CHANGES.HELPER, helper)
                .set(HELPER_CHANGES.SOURCE, source)
                .set(HELPER_CHANGES.ACTOR_ID, actorId)
                .set(HELPER_CHANGES.REASON, reason)
                .set(HELPER_CHANGES.CREATED_AT, now)
                .execute();
    }

    public record HelperChange(boolean helper, String source, String actor, String reason, LocalDateTime at) {}

    public List<HelperChange> helperChanges(long memberId) {
        var actor = MEMBERS.as("actor");
        return db.select(HELPER_CHANGES.HELPER, HELPER_CHANGES.SOURCE, actor.USERNAME, HELPER_CHANGES.REASON,
                        HELPER_CHANGES.CREATED_AT)
                .from(HELPER_CHANGES).leftJoin(actor).on(actor.ID.eq(HELPER_CHANGES.ACTOR_ID))
                .where(HELPER_CHANGES.MEMBER_ID.eq(memberId))
                .orderBy(HELPER_CHANGES.ID.desc())
                .fetch(r -> new HelperChange(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Members who may have come to meet the criteria by time passing alone. */
    public List<Long> helperCandidates(int minimumReputation) {
        return db.select(MEMBERS.ID).from(MEMBERS)
                .where(MEMBERS.HELPER.isFalse()).and(MEMBERS.HELPER_OVERRIDE.isNull())
                .and(MEMBERS.REPUTATION.ge(minimumReputation))
                .fetch(MEMBERS.ID);
    }

    public void insertStrike(long memberId, long staffId, String reason, LocalDateTime now) {
        db.insertInto(MODERATION_STRIKES)
                .set(MODERATION_STRIKES.MEMBER_ID, memberId)
                .set(MODERATION_STRIKES.STAFF_ID, staffId)
                .set(MODERATION_STRIKES.REASON, reason)
                .set(MODERATION_STRIKES.CREATED_AT, now)
                .execute();
    }

    /** What the badge rules look at, for one member. */
    public record Achievements(int answers, int accepted, int verified, int newcomersAnswered) {}

    public Achievements achievements(long memberId) {
        Field<Integer> accepted = count(when(QUESTIONS.ACCEPTED_ANSWER_ID.eq(ANSWER.ID), inline(1)));
        Field<Integer> verified = count(when(QUESTIONS.VERIFIED_ANSWER_ID.eq(ANSWER.ID), inline(1)));
        Field<Integer> welcomed = countDistinct(when(WELCOMES, QUESTIONS.ID));
        return answersOf(db.select(count(), accepted, verified, welcomed), memberId)
                .fetchOne(r -> new Achievements(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The names of the badges the member holds. */
    public java.util.Set<String> heldBadges(long memberId) {
        return db.select(BADGES.BADGE).from(BADGES).where(BADGES.MEMBER_ID.eq(memberId)).fetchSet(BADGES.BADGE);
    }

    /** How many newcomers' questions (not their own) the member answered, counted up to {@code upTo} only. */
    public int newcomersAnswered(long memberId, int upTo) {
        return db.fetchCount(answersOf(db.selectDistinct(QUESTIONS.ID), memberId).and(WELCOMES).limit(upTo));
    }

    /** Awards a badge once; returns true when it is new. */
    public boolean award(long memberId, String badge, LocalDateTime now) {
        return db.insertInto(BADGES)
                .set(BADGES.MEMBER_ID, memberId).set(BADGES.BADGE, badge).set(BADGES.AWARDED_AT, now)
                .onDuplicateKeyIgnore().execute() == 1;
    }

    public record Award(String badge, LocalDateTime at) {}

    public List<Award> badgesOf(long memberId) {
        return db.select(BADGES.BADGE, BADGES.AWARDED_AT).from(BADGES).where(BADGES.MEMBER_ID.eq(memberId))
                .orderBy(BADGES.AWARDED_AT).fetch(r -> new Award(r.value1(), r.value2()));
    }

    public record DailyTotal(LocalDate day, int delta) {}

    public List<DailyTotal> dailyTotals(long memberId) {
        Field<LocalDate> day = field("DATE({0})", LocalDate.class, REPUTATION_EVENTS.CREATED_AT);
        return db.select(day, sum(REPUTATION_EVENTS.DELTA)).from(REPUTATION_EVENTS)
                .where(REPUTATION_EVENTS.MEMBER_ID.eq(memberId))
                .groupBy(day).orderBy(day)
                .fetch(r -> new DailyTotal(r.value1(), r.value2().intValue()));
    }

    /** A change of reputation; {@code path} and {@code title} name the question it came from (null for none or deleted). */
    public record Event(int delta, String reason, Long postId, LocalDateTime at, String title, String path) {}

    /** Events of questions the audience may not see come without their question's title and link. */
    public List<Event> recentEvents(long memberId, int limit, Audience audience) {
        return db.select(REPUTATION_EVENTS.DELTA, REPUTATION_EVENTS.REASON, REPUTATION_EVENTS.POST_ID,
                        REPUTATION_EVENTS.CREATED_AT, QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG, POSTS.KIND)
                .from(REPUTATION_EVENTS)
                .leftJoin(POSTS).on(POSTS.ID.eq(REPUTATION_EVENTS.POST_ID)).and(POSTS.DELETED_AT.isNull())
                .leftJoin(QUESTIONS).on(QUESTIONS.ID.eq(coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                .and(audience.categories(QUESTIONS.CATEGORY_ID))
                .where(REPUTATION_EVENTS.MEMBER_ID.eq(memberId))
                .orderBy(REPUTATION_EVENTS.ID.desc()).limit(limit)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3(), r.value4(), r.value6(),
                        r.value5() == null ? null : "/q/" + r.value5() + "/" + r.value7()
                                + ("answer".equals(r.value8()) ? "#a" + r.value3() : "")));
    }

    /** One of a member's questions or answers, with the marks its question gave it. */
    public record PostLine(String kind, String title, String path, int score, boolean accepted, boolean verified,
                           LocalDateTime at) {}

    /** A member's latest visible questions and answers that the audience may see, newest first. */
    public List<PostLine> recentPosts(long memberId, int limit, Audience audience) {
        return db.select(POSTS.ID, POSTS.KIND, POSTS.SCORE, POSTS.CREATED_AT, QUESTIONS.ID, QUESTIONS.TITLE,
                        QUESTIONS.SLUG, QUESTIONS.ACCEPTED_ANSWER_ID, QUESTIONS.VERIFIED_ANSWER_ID)
                .from(POSTS).join(QUESTIONS).on(QUESTIONS.ID.eq(coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                .where(POSTS.AUTHOR_ID.eq(memberId)).and(POSTS.DELETED_AT.isNull())
                .and(audience.categories(QUESTIONS.CATEGORY_ID))
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()).limit(limit)
                .fetch(r -> {
                    boolean answer = "answer".equals(r.value2());
                    long id = r.value1();
                    return new PostLine(r.value2(), r.value6(), "/q/" + r.value5() + "/" + r.value7() + (answer ? "#a" + id : ""),
                            r.value3(), answer ? Long.valueOf(id).equals(r.value8()) : r.value8() != null,
                            answer ? Long.valueOf(id).equals(r.value9()) : r.value9() != null, r.value4());
                });
    }

    /** Who earned a badge most recently, up to {@code perBadge} for each badge, in one query. */
    public java.util.Map<String, List<String>> recentEarners(int perBadge) {
        var rank = org.jooq.impl.DSL.rowNumber().over().partitionBy(BADGES.BADGE).orderBy(BADGES.AWARDED_AT.desc())
                .as("rank_in_badge");
        var ranked = select(BADGES.BADGE, MEMBERS.USERNAME, rank).from(BADGES)
                .join(MEMBERS).on(MEMBERS.ID.eq(BADGES.MEMBER_ID)).asTable("ranked");
        java.util.Map<String, List<String>> earners = new java.util.LinkedHashMap<>();
        db.select(ranked.field(BADGES.BADGE), ranked.field(MEMBERS.USERNAME)).from(ranked)
                .where(ranked.field(rank).le(perBadge))
                .orderBy(ranked.field(BADGES.BADGE), ranked.field(rank))
                .forEach(r -> earners.computeIfAbsent(r.value1(), key -> new java.util.ArrayList<>()).add(r.value2()));
        return earners;
    }

    /** How many members hold each badge. */
    public java.util.Map<String, Integer> holders() {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        db.select(BADGES.BADGE, count()).from(BADGES).groupBy(BADGES.BADGE)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    public record TagCount(String tag, int answers) {}

    public List<TagCount> topAnswerTags(long memberId, int limit) {
        return db.select(TAGS.NAME, count())
                .from(POSTS)
                .join(QUESTION_TAGS).on(QUESTION_TAGS.QUESTION_ID.eq(POSTS.QUESTION_ID))
                .join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                .where(POSTS.AUTHOR_ID.eq(memberId)).and(POSTS.KIND.eq("answer")).and(POSTS.DELETED_AT.isNull())
                .groupBy(TAGS.NAME).orderBy(count().desc(), TAGS.NAME).limit(limit)
                .fetch(r -> new TagCount(r.value1(), r.value2()));
    }

    public record Leader(long memberId, String username, boolean helper, boolean staff, int value) {}

    /** Reputation gained since a moment, optionally only on posts of questions with a tag. */
    public List<Leader> topByReputation(LocalDateTime since, String tag, int limit) {
        Condition onTag = tag == null ? DSL.noCondition() : REPUTATION_EVENTS.POST_ID.in(
                select(POSTS.ID).from(POSTS)
                        .join(QUESTION_TAGS).on(QUESTION_TAGS.QUESTION_ID.eq(coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                        .join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID)).where(TAGS.NAME.eq(tag)));
        Field<BigDecimal> gained = sum(REPUTATION_EVENTS.DELTA);
        return db.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.HELPER, MEMBERS.ROLE, gained)
                .from(REPUTATION_EVENTS).join(MEMBERS).on(MEMBERS.ID.eq(REPUTATION_EVENTS.MEMBER_ID))
                .where(REPUTATION_EVENTS.CREATED_AT.ge(since)).and(onTag)
                .groupBy(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.HELPER, MEMBERS.ROLE)
                .having(gained.gt(BigDecimal.ZERO))
                .orderBy(gained.desc(), MEMBERS.USERNAME).limit(limit)
                .fetch(r -> new Leader(r.value1(), r.value2(), r.value3(), !"member".equals(r.value4()),
                        r.value5().intValue()));
    }

    /** Answers accepted or verified since a moment, per author, optionally under a tag. */
    public List<Leader> topByMarkedAnswers(LocalDateTime since, String tag, int limit) {
        var answer = POSTS.as("answer");
        Condition onTag = tag == null ? DSL.noCondition() : QUESTIONS.ID.in(
                select(QUESTION_TAGS.QUESTION_ID).from(QUESTION_TAGS).join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                        .where(TAGS.NAME.eq(tag)));
        Condition marked = QUESTIONS.ACCEPTED_ANSWER_ID.eq(answer.ID).and(QUESTIONS.ACCEPTED_AT.ge(since))
                .or(QUESTIONS.VERIFIED_ANSWER_ID.eq(answer.ID).and(QUESTIONS.VERIFIED_AT.ge(since)));
        Field<Integer> answers = countDistinct(answer.ID);
        return db.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.HELPER, MEMBERS.ROLE, answers)
                .from(answer)
                .join(QUESTIONS).on(QUESTIONS.ID.eq(answer.QUESTION_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(answer.AUTHOR_ID))
                .where(marked).and(answer.DELETED_AT.isNull()).and(onTag)
                .groupBy(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.HELPER, MEMBERS.ROLE)
                .orderBy(answers.desc(), MEMBERS.USERNAME).limit(limit)
                .fetch(r -> new Leader(r.value1(), r.value2(), r.value3(), !"member".equals(r.value4()), r.value5()));
    }
}
