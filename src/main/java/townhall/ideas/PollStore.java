package townhall.ideas;

import static townhall.db.schema.Tables.POLLS;
import static townhall.db.schema.Tables.POLL_CHOICES;
import static townhall.db.schema.Tables.POLL_OPTIONS;
import static townhall.db.schema.Tables.POLL_VOTERS;
import static townhall.db.schema.Tables.POSTS;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;
import townhall.db.Prepared;

/** Polls, their options, voters and choices in the database; a poll is read in one query. */
public final class PollStore {
    private final DSLContext db;
    private final Prepared<Boolean> questionAndPoll;

    public PollStore(DSLContext db) {
        this.db = db;
        this.questionAndPoll = Prepared.of(db, this::questionAndPollQuery);
    }

    private static final Field<List<Poll.Option>> OPTIONS = DSL.multiset(
                    DSL.select(POLL_OPTIONS.ID, POLL_OPTIONS.LABEL, POLL_OPTIONS.VOTE_COUNT).from(POLL_OPTIONS)
                            .where(POLL_OPTIONS.POLL_ID.eq(POLLS.ID)).orderBy(POLL_OPTIONS.POSITION))
            .as("options").convertFrom(r -> r.map(o -> new Poll.Option(o.value1(), o.value2(), o.value3())));
    private static final Field<Integer> VOTERS = DSL.field(DSL.selectCount().from(POLL_VOTERS)
            .where(POLL_VOTERS.POLL_ID.eq(POLLS.ID)));

    private Optional<Poll> read(org.jooq.Condition where) {
        return db.select(POLLS.ID, POLLS.SUBJECT_KIND, POLLS.SUBJECT_ID, POLLS.QUESTION, POLLS.MULTIPLE, POLLS.CLOSES_AT,
                        OPTIONS, VOTERS)
                .from(POLLS).where(where)
                .fetchOptional(r -> new Poll(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    public Optional<Poll> of(String kind, long subjectId) {
        return read(POLLS.SUBJECT_KIND.eq(kind).and(POLLS.SUBJECT_ID.eq(subjectId)));
    }

    /** A question's author and the id of its poll (null when none), in one query; empty when there is no question. */
    public Optional<long[]> questionAndPoll(long questionId) {
        return Optional.ofNullable(questionAndPoll.fetchOne(Map.of("question", questionId)))
                .map(r -> new long[] {r.get(POSTS.AUTHOR_ID), r.get(POLLS.ID) == null ? 0 : r.get(POLLS.ID)});
    }

    /** Read on every question page: its SQL is rendered once (see {@link Prepared}). */
    private Select<?> questionAndPollQuery() {
        return db.select(POSTS.AUTHOR_ID, POLLS.ID).from(POSTS)
                .leftJoin(POLLS).on(POLLS.SUBJECT_KIND.eq(DSL.inline(Polls.QUESTION))).and(POLLS.SUBJECT_ID.eq(POSTS.ID))
                .where(POSTS.ID.eq(DSL.param("question", Long.class))).and(POSTS.KIND.eq(DSL.inline("question")));
    }

    public Optional<Poll> poll(long id) {
        return read(POLLS.ID.eq(id));
    }

    public Set<Long> choicesOf(long pollId, long memberId) {
        return new HashSet<>(db.select(POLL_CHOICES.OPTION_ID).from(POLL_CHOICES)
                .where(POLL_CHOICES.POLL_ID.eq(pollId)).and(POLL_CHOICES.MEMBER_ID.eq(memberId))
                .fetch(POLL_CHOICES.OPTION_ID));
    }

    public boolean hasVoted(long pollId, long memberId) {
        return db.fetchExists(POLL_VOTERS, POLL_VOTERS.POLL_ID.eq(pollId).and(POLL_VOTERS.MEMBER_ID.eq(memberId)));
    }

    /** Adds the poll unless its subject has one; returns its id, or empty when one existed. */
    public Optional<Long> insert(String kind, long subjectId, String question, boolean multiple, LocalDateTime closesAt,
                                 List<String> options, long createdBy, LocalDateTime now) {
        int added = db.insertInto(POLLS)
                .set(POLLS.SUBJECT_KIND, kind).set(POLLS.SUBJECT_ID, subjectId).set(POLLS.QUESTION, question)
                .set(POLLS.MULTIPLE, multiple).set(POLLS.CLOSES_AT, closesAt).set(POLLS.CREATED_BY, createdBy)
                .set(POLLS.CREATED_AT, now)
                .onDuplicateKeyIgnore().execute();
        if (added == 0) {
            return Optional.empty();
        }
        long id = db.select(POLLS.ID).from(POLLS).where(POLLS.SUBJECT_KIND.eq(kind)).and(POLLS.SUBJECT_ID.eq(subjectId))
                .fetchOne(POLLS.ID);
        int position = 1;
        for (String option : options) {
            db.insertInto(POLL_OPTIONS).set(POLL_OPTIONS.POLL_ID, id).set(POLL_OPTIONS.POSITION, position++)
                    .set(POLL_OPTIONS.LABEL, option).execute();
        }
        return Optional.of(id);
    }

    /** Records the member's answer unless they answered before; true when it was recorded. */
    public boolean vote(long pollId, long memberId, Set<Long> optionIds, LocalDateTime now) {
        int added = db.insertInto(POLL_VOTERS).set(POLL_VOTERS.POLL_ID, pollId).set(POLL_VOTERS.MEMBER_ID, memberId)
                .set(POLL_VOTERS.VOTED_AT, now).onDuplicateKeyIgnore().execute();
        if (added == 0) {
            return false;
        }
        for (long option : optionIds) {
            db.insertInto(POLL_CHOICES).set(POLL_CHOICES.POLL_ID, pollId).set(POLL_CHOICES.MEMBER_ID, memberId)
                    .set(POLL_CHOICES.OPTION_ID, option).execute();
        }
        db.update(POLL_OPTIONS).set(POLL_OPTIONS.VOTE_COUNT, POLL_OPTIONS.VOTE_COUNT.plus(1))
                .where(POLL_OPTIONS.ID.in(optionIds)).and(POLL_OPTIONS.POLL_ID.eq(pollId)).execute();
        return true;
    }
}
