package townhall.ideas;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.IDEAS;
import static townhall.db.schema.Tables.IDEA_BOARDS;
import static townhall.db.schema.Tables.IDEA_STATUS_CHANGES;
import static townhall.db.schema.Tables.IDEA_TAGS;
import static townhall.db.schema.Tables.IDEA_VOTES;
import static townhall.db.schema.Tables.IDEA_WATCHERS;
import static townhall.db.schema.Tables.MEMBERS;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import townhall.db.schema.tables.IdeaVotes;
import townhall.db.schema.tables.Members;
import townhall.qa.Audience;
import townhall.qa.Author;

/** Idea boards, ideas, their votes, watchers and status changes in the database. */
public final class IdeaStore {
    private static final Members AUTHOR = MEMBERS.as("author");
    private static final Members RESPONDER = MEMBERS.as("responder");
    private static final IdeaVotes RECENT = IDEA_VOTES.as("recent");

    private final DSLContext db;

    public IdeaStore(DSLContext db) {
        this.db = db;
    }

    public enum Sort { TOP, TRENDING, NEWEST, STATUS }

    /** A page of a board's ideas (all boards when {@code boardId} is null); merged ideas are left out. */
    /** Only ideas of boards {@code audience} may see (a board is a category, with its permissions). */
    public record ListQuery(Long boardId, Sort sort, IdeaStatus status, String tag, LocalDateTime trendingSince,
                            int page, int size, Audience audience) {}

    public record ListPage(List<Idea> ideas, boolean hasNext) {}

    /** What the database holds of a new idea. */
    public record IdeaRow(long categoryId, long authorId, String title, String slug, String bodyMd, String bodyHtml,
                          List<String> tags) {}

    // ---- boards

    /** The boards the audience may see. */
    public List<IdeaBoard> boards(int siteBudget, Audience audience) {
        Field<Integer> ideas = DSL.field(selectCount().from(IDEAS)
                .where(IDEAS.CATEGORY_ID.eq(IDEA_BOARDS.CATEGORY_ID)).and(IDEAS.MERGED_INTO.isNull()));
        return db.select(IDEA_BOARDS.CATEGORY_ID, CATEGORIES.SLUG, CATEGORIES.NAME, CATEGORIES.DESCRIPTION,
                        IDEA_BOARDS.VOTE_BUDGET, ideas)
                .from(IDEA_BOARDS).join(CATEGORIES).on(CATEGORIES.ID.eq(IDEA_BOARDS.CATEGORY_ID))
                .where(audience.categories(IDEA_BOARDS.CATEGORY_ID))
                .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME)
                .fetch(r -> new IdeaBoard(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value5() != null ? r.value5() : siteBudget, r.value6()));
    }

    public Optional<IdeaBoard> board(long categoryId, int siteBudget) {
        return boards(siteBudget, Audience.STAFF).stream().filter(b -> b.categoryId() == categoryId).findFirst();
    }

    /** Makes a category an idea board, or sets the budget of one that is. */
    public void saveBoard(long categoryId, Integer voteBudget, LocalDateTime now) {
        db.insertInto(IDEA_BOARDS)
                .set(IDEA_BOARDS.CATEGORY_ID, categoryId)
                .set(IDEA_BOARDS.VOTE_BUDGET, voteBudget)
                .set(IDEA_BOARDS.CREATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(IDEA_BOARDS.VOTE_BUDGET, voteBudget)
                .execute();
    }

    public boolean categoryExists(long categoryId) {
        return db.fetchExists(CATEGORIES, CATEGORIES.ID.eq(categoryId));
    }

    // ---- reading ideas

    private org.jooq.SelectOnConditionStep<Record> ideaSelect() {
        return db.select(List.<org.jooq.SelectFieldOrAsterisk>of(IDEAS.ID, IDEAS.CATEGORY_ID, CATEGORIES.SLUG,
                        CATEGORIES.NAME, AUTHOR.ID, AUTHOR.USERNAME, AUTHOR.ROLE, AUTHOR.HELPER, IDEAS.TITLE, IDEAS.SLUG,
                        IDEAS.BODY_MD, IDEAS.BODY_HTML, IDEAS.TAGS, IDEAS.STATUS, IDEAS.STATUS_AT, IDEAS.RESPONSE_MD,
                        IDEAS.RESPONSE_HTML, RESPONDER.ID, RESPONDER.USERNAME, RESPONDER.ROLE, RESPONDER.HELPER,
                        IDEAS.VOTE_COUNT, IDEAS.MERGED_INTO, IDEAS.CREATED_AT))
                .from(IDEAS)
                .join(CATEGORIES).on(CATEGORIES.ID.eq(IDEAS.CATEGORY_ID))
                .join(AUTHOR).on(AUTHOR.ID.eq(IDEAS.AUTHOR_ID))
                .leftJoin(RESPONDER).on(RESPONDER.ID.eq(IDEAS.RESPONSE_BY));
    }

    private static Idea toIdea(Record r) {
        String tags = r.get(IDEAS.TAGS);
        return new Idea(r.get(IDEAS.ID), r.get(IDEAS.CATEGORY_ID), r.get(CATEGORIES.SLUG), r.get(CATEGORIES.NAME),
                Author.of(r, AUTHOR), r.get(IDEAS.TITLE), r.get(IDEAS.SLUG), r.get(IDEAS.BODY_MD),
                r.get(IDEAS.BODY_HTML), tags.isBlank() ? List.of() : Arrays.asList(tags.split(" ")),
                IdeaStatus.of(r.get(IDEAS.STATUS)), r.get(IDEAS.STATUS_AT), r.get(IDEAS.RESPONSE_MD),
                r.get(IDEAS.RESPONSE_HTML), r.get(RESPONDER.ID) == null ? null : Author.of(r, RESPONDER),
                r.get(IDEAS.VOTE_COUNT), r.get(IDEAS.MERGED_INTO), r.get(IDEAS.CREATED_AT));
    }

    /** The idea, whoever may see it: for the services' own use once the reader was checked. */
    public Optional<Idea> idea(long id) {
        return ideaSelect().where(IDEAS.ID.eq(id)).fetchOptional(IdeaStore::toIdea);
    }

    /** The idea, if the audience may see its board. */
    public Optional<Idea> idea(long id, Audience audience) {
        return ideaSelect().where(IDEAS.ID.eq(id)).and(audience.categories(IDEAS.CATEGORY_ID))
                .fetchOptional(IdeaStore::toIdea);
    }

    public ListPage list(ListQuery query) {
        Condition where = IDEAS.MERGED_INTO.isNull().and(query.audience().categories(IDEAS.CATEGORY_ID));
        if (query.boardId() != null) {
            where = where.and(IDEAS.CATEGORY_ID.eq(query.boardId()));
        }
        if (query.status() != null) {
            where = where.and(IDEAS.STATUS.eq(query.status().code()));
        }
        if (query.tag() != null) {
            where = where.and(DSL.exists(select(IDEA_TAGS.IDEA_ID).from(IDEA_TAGS)
                    .where(IDEA_TAGS.IDEA_ID.eq(IDEAS.ID)).and(IDEA_TAGS.TAG.eq(query.tag()))));
        }
        List<SortField<?>> order = new ArrayList<>();
        switch (query.sort()) {
            case TOP -> order.add(IDEAS.VOTE_COUNT.desc());
            case TRENDING -> {
                order.add(DSL.field(selectCount().from(RECENT).where(RECENT.IDEA_ID.eq(IDEAS.ID))
                        .and(RECENT.CREATED_AT.ge(query.trendingSince()))).desc());
                order.add(IDEAS.VOTE_COUNT.desc());
            }
            case NEWEST -> { }
            case STATUS -> {
                order.add(DSL.field("FIELD({0}, 'progress', 'planned', 'review', 'new', 'shipped', 'exists', 'declined')",
                        Integer.class, IDEAS.STATUS).asc());
                order.add(IDEAS.VOTE_COUNT.desc());
            }
        }
        order.add(IDEAS.CREATED_AT.desc());
        order.add(IDEAS.ID.desc());
        List<Idea> ideas = ideaSelect().where(where).orderBy(order)
                .limit(query.size() + 1).offset((query.page() - 1) * query.size())
                .fetch(IdeaStore::toIdea);
        boolean hasNext = ideas.size() > query.size();
        return new ListPage(hasNext ? ideas.subList(0, query.size()) : ideas, hasNext);
    }

    /** Ideas in a status, the latest status change first; {@code since} leaves out older changes when set. */
    public List<Idea> inStatus(IdeaStatus status, LocalDateTime since, int limit, Audience audience) {
        Condition where = IDEAS.MERGED_INTO.isNull().and(IDEAS.STATUS.eq(status.code()))
                .and(audience.categories(IDEAS.CATEGORY_ID));
        if (since != null) {
            where = where.and(IDEAS.STATUS_AT.ge(since));
        }
        return ideaSelect().where(where).orderBy(IDEAS.STATUS_AT.desc(), IDEAS.ID.desc()).limit(limit)
                .fetch(IdeaStore::toIdea);
    }

    /** Every idea, merged ones too, for the CSV export: most votes first. */
    public List<Idea> all() {
        return ideaSelect().orderBy(IDEAS.VOTE_COUNT.desc(), IDEAS.ID).fetch(IdeaStore::toIdea);
    }

    /** The ideas merged into this one. */
    public List<Idea> mergedInto(long id) {
        return ideaSelect().where(IDEAS.MERGED_INTO.eq(id)).orderBy(IDEAS.ID).fetch(IdeaStore::toIdea);
    }

    /** Of the given ideas, those the member voted for. */
    public Set<Long> votedAmong(long memberId, Collection<Long> ideaIds) {
        if (ideaIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(IDEA_VOTES.IDEA_ID).from(IDEA_VOTES)
                .where(IDEA_VOTES.MEMBER_ID.eq(memberId)).and(IDEA_VOTES.IDEA_ID.in(ideaIds))
                .fetch(IDEA_VOTES.IDEA_ID));
    }

    public boolean watching(long ideaId, long memberId) {
        return db.fetchExists(IDEA_WATCHERS, IDEA_WATCHERS.IDEA_ID.eq(ideaId).and(IDEA_WATCHERS.MEMBER_ID.eq(memberId)));
    }

    /** The member's votes on open, unmerged ideas of the board: what the vote budget counts. */
    public int openVotesOnBoard(long memberId, long boardId) {
        List<String> open = Arrays.stream(IdeaStatus.values()).filter(IdeaStatus::open).map(IdeaStatus::code).toList();
        return db.fetchCount(select(IDEA_VOTES.IDEA_ID).from(IDEA_VOTES).join(IDEAS).on(IDEAS.ID.eq(IDEA_VOTES.IDEA_ID))
                .where(IDEA_VOTES.MEMBER_ID.eq(memberId)).and(IDEAS.CATEGORY_ID.eq(boardId))
                .and(IDEAS.MERGED_INTO.isNull()).and(IDEAS.STATUS.in(open)));
    }

    // ---- writing

    public long insert(IdeaRow row, LocalDateTime now) {
        long id = db.insertInto(IDEAS)
                .set(IDEAS.CATEGORY_ID, row.categoryId())
                .set(IDEAS.AUTHOR_ID, row.authorId())
                .set(IDEAS.TITLE, row.title())
                .set(IDEAS.SLUG, row.slug())
                .set(IDEAS.BODY_MD, row.bodyMd())
                .set(IDEAS.BODY_HTML, row.bodyHtml())
                .set(IDEAS.TAGS, String.join(" ", row.tags()))
                .set(IDEAS.STATUS, IdeaStatus.NEW.code())
                .set(IDEAS.STATUS_AT, now)
                .set(IDEAS.CREATED_AT, now)
                .returningResult(IDEAS.ID).fetchOne().value1();
        for (String tag : row.tags()) {
            db.insertInto(IDEA_TAGS).set(IDEA_TAGS.IDEA_ID, id).set(IDEA_TAGS.TAG, tag).execute();
        }
        return id;
    }

    /** New title, text and tags (the board, author and votes stay). */
    public void update(long id, IdeaRow row) {
        db.update(IDEAS)
                .set(IDEAS.TITLE, row.title())
                .set(IDEAS.SLUG, row.slug())
                .set(IDEAS.BODY_MD, row.bodyMd())
                .set(IDEAS.BODY_HTML, row.bodyHtml())
                .set(IDEAS.TAGS, String.join(" ", row.tags()))
                .where(IDEAS.ID.eq(id)).execute();
        db.deleteFrom(IDEA_TAGS).where(IDEA_TAGS.IDEA_ID.eq(id)).execute();
        for (String tag : row.tags()) {
            db.insertInto(IDEA_TAGS).set(IDEA_TAGS.IDEA_ID, id).set(IDEA_TAGS.TAG, tag).execute();
        }
    }

    /** Holds the member's row until the transaction ends, so that their votes are counted one at a time. */
    public void lockMember(long memberId) {
        db.select(MEMBERS.ID).from(MEMBERS).where(MEMBERS.ID.eq(memberId)).forUpdate().fetch();
    }

    /** Adds the vote unless the member already voted; true when it was added. */
    public boolean addVote(long ideaId, long memberId, LocalDateTime now) {
        int added = db.insertInto(IDEA_VOTES)
                .set(IDEA_VOTES.IDEA_ID, ideaId).set(IDEA_VOTES.MEMBER_ID, memberId).set(IDEA_VOTES.CREATED_AT, now)
                .onDuplicateKeyIgnore().execute();
        if (added == 1) {
            db.update(IDEAS).set(IDEAS.VOTE_COUNT, IDEAS.VOTE_COUNT.plus(1)).where(IDEAS.ID.eq(ideaId)).execute();
        }
        return added == 1;
    }

    public boolean removeVote(long ideaId, long memberId) {
        int removed = db.deleteFrom(IDEA_VOTES)
                .where(IDEA_VOTES.IDEA_ID.eq(ideaId)).and(IDEA_VOTES.MEMBER_ID.eq(memberId)).execute();
        if (removed == 1) {
            db.update(IDEAS).set(IDEAS.VOTE_COUNT, IDEAS.VOTE_COUNT.minus(1)).where(IDEAS.ID.eq(ideaId)).execute();
        }
        return removed == 1;
    }

    public void watch(long ideaId, long memberId) {
        db.insertInto(IDEA_WATCHERS).set(IDEA_WATCHERS.IDEA_ID, ideaId).set(IDEA_WATCHERS.MEMBER_ID, memberId)
                .onDuplicateKeyIgnore().execute();
    }

    public void unwatch(long ideaId, long memberId) {
        db.deleteFrom(IDEA_WATCHERS).where(IDEA_WATCHERS.IDEA_ID.eq(ideaId)).and(IDEA_WATCHERS.MEMBER_ID.eq(memberId))
                .execute();
    }

    /**
     * Sets the status and the official response (the status's time moves only when the status changes, so a
     * corrected response does not bring a shipped idea back to the top); returns the id of the recorded change.
     */
    public long setStatus(long ideaId, IdeaStatus status, String responseMd, String responseHtml, long staffId,
                          LocalDateTime now) {
        db.update(IDEAS)
                .set(IDEAS.STATUS_AT, DSL.when(IDEAS.STATUS.eq(status.code()), IDEAS.STATUS_AT).otherwise(now))
                .set(IDEAS.STATUS, status.code())
                .set(IDEAS.RESPONSE_MD, responseMd)
                .set(IDEAS.RESPONSE_HTML, responseHtml)
                .set(IDEAS.RESPONSE_BY, responseMd == null ? null : staffId)
                .where(IDEAS.ID.eq(ideaId)).execute();
        return db.insertInto(IDEA_STATUS_CHANGES)
                .set(IDEA_STATUS_CHANGES.IDEA_ID, ideaId)
                .set(IDEA_STATUS_CHANGES.STATUS, status.code())
                .set(IDEA_STATUS_CHANGES.CHANGED_BY, staffId)
                .set(IDEA_STATUS_CHANGES.CHANGED_AT, now)
                .returningResult(IDEA_STATUS_CHANGES.ID).fetchOne().value1();
    }

    /**
     * Moves the duplicate's votes and watchers to the survivor (a member who voted for both keeps one vote), counts
     * the survivor's votes again, and points the duplicate at it.
     */
    public void merge(long duplicateId, long survivorId) {
        db.insertInto(IDEA_VOTES, IDEA_VOTES.IDEA_ID, IDEA_VOTES.MEMBER_ID, IDEA_VOTES.CREATED_AT)
                .select(select(DSL.val(survivorId), IDEA_VOTES.MEMBER_ID, IDEA_VOTES.CREATED_AT).from(IDEA_VOTES)
                        .where(IDEA_VOTES.IDEA_ID.eq(duplicateId)))
                .onDuplicateKeyIgnore().execute();
        db.deleteFrom(IDEA_VOTES).where(IDEA_VOTES.IDEA_ID.eq(duplicateId)).execute();
        db.insertInto(IDEA_WATCHERS, IDEA_WATCHERS.IDEA_ID, IDEA_WATCHERS.MEMBER_ID)
                .select(select(DSL.val(survivorId), IDEA_WATCHERS.MEMBER_ID).from(IDEA_WATCHERS)
                        .where(IDEA_WATCHERS.IDEA_ID.eq(duplicateId)))
                .onDuplicateKeyIgnore().execute();
        db.deleteFrom(IDEA_WATCHERS).where(IDEA_WATCHERS.IDEA_ID.eq(duplicateId)).execute();
        db.update(IDEAS).set(IDEAS.VOTE_COUNT, field(selectCount().from(IDEA_VOTES).where(IDEA_VOTES.IDEA_ID.eq(survivorId))))
                .where(IDEAS.ID.eq(survivorId)).execute();
        db.update(IDEAS).set(IDEAS.VOTE_COUNT, 0).set(IDEAS.MERGED_INTO, survivorId)
                .where(IDEAS.ID.eq(duplicateId)).execute();
        db.update(IDEAS).set(IDEAS.MERGED_INTO, survivorId).where(IDEAS.MERGED_INTO.eq(duplicateId)).execute();
    }

    // ---- telling voters and watchers

    public record StatusChange(long id, long ideaId, IdeaStatus status, long changedBy, boolean notified) {}

    public Optional<StatusChange> statusChange(long id) {
        return db.selectFrom(IDEA_STATUS_CHANGES).where(IDEA_STATUS_CHANGES.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new StatusChange(r.getId(), r.getIdeaId(), IdeaStatus.of(r.getStatus()),
                        r.getChangedBy(), r.getNotifiedAt() != null));
    }

    public void markNotified(long changeId, LocalDateTime now) {
        db.update(IDEA_STATUS_CHANGES).set(IDEA_STATUS_CHANGES.NOTIFIED_AT, now)
                .where(IDEA_STATUS_CHANGES.ID.eq(changeId)).execute();
    }

    /** Everyone who voted for or watches the idea, each once. */
    /** Who voted for or watches the idea and may still see its board (its category's permissions). */
    public List<Long> votersAndWatchers(long ideaId) {
        Field<Long> board = select(IDEAS.CATEGORY_ID).from(IDEAS).where(IDEAS.ID.eq(ideaId)).asField();
        return db.select(IDEA_VOTES.MEMBER_ID).from(IDEA_VOTES).where(IDEA_VOTES.IDEA_ID.eq(ideaId))
                .and(Audience.readers(IDEA_VOTES.MEMBER_ID, board))
                .union(select(IDEA_WATCHERS.MEMBER_ID).from(IDEA_WATCHERS).where(IDEA_WATCHERS.IDEA_ID.eq(ideaId))
                        .and(Audience.readers(IDEA_WATCHERS.MEMBER_ID, board)))
                .fetch(r -> r.value1());
    }

    /** How many votes each idea got since the time: for the CSV export. */
    public java.util.Map<Long, Integer> votesSince(LocalDateTime since) {
        return db.select(IDEA_VOTES.IDEA_ID, count()).from(IDEA_VOTES).where(IDEA_VOTES.CREATED_AT.ge(since))
                .groupBy(IDEA_VOTES.IDEA_ID).fetchMap(r -> r.value1(), r -> r.value2());
    }
}
