package townhall.qa;

import static org.jooq.impl.DSL.select;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.TAGS;
import static townhall.db.schema.Tables.VOTES;
import static townhall.db.schema.Tables.WATCHES;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import townhall.db.Prepared;
import townhall.db.schema.tables.Categories;
import townhall.db.schema.tables.Members;
import townhall.db.schema.tables.Posts;
import townhall.db.schema.tables.Questions;

/** Reading questions, answers and lists: each page is a fixed, small number of queries. */
public final class QuestionStore {
    private static final Questions Q = QUESTIONS.as("q");
    private static final Posts P = POSTS.as("p");
    private static final Members AUTHOR = MEMBERS.as("author");
    private static final Members VERIFIER = MEMBERS.as("verifier");
    private static final Members CLOSER = MEMBERS.as("closer");
    private static final Members COMMENTER = MEMBERS.as("commenter");
    private static final Questions ORIGINAL = QUESTIONS.as("original");
    private static final Categories C = CATEGORIES.as("c");

    private final DSLContext db;
    private final Prepared<Audience.Kind> questionOfThread;
    private final Prepared<AnswersShown> answersOfThread;
    private final Prepared<Boolean> commentsOfThread;
    private final Prepared<Boolean> tagsOfThread;
    private final Prepared<Boolean> readerMarks;
    private final Prepared<ListShape> listQuery;
    private final Prepared<Integer> tagsOfQuestions;

    public QuestionStore(DSLContext db) {
        this.db = db;
        this.questionOfThread = new Prepared<>(db, this::questionOfThread);
        this.answersOfThread = new Prepared<>(db, this::answersOfThread);
        this.commentsOfThread = Prepared.of(db, this::commentsOfThread);
        this.tagsOfThread = Prepared.of(db, this::tagsOfThread);
        this.readerMarks = Prepared.of(db, this::readerMarksQuery);
        this.listQuery = new Prepared<>(db, this::listQuery);
        this.tagsOfQuestions = new Prepared<>(db, this::tagsOfQuestions);
    }

    public enum Sort {
        NEWEST, ACTIVE, UNANSWERED, TOP,
        /** Newcomers' questions first, then the rest, oldest first: the Helpers' work queue. */
        HELPER_QUEUE;

        /** The orders a visitor can pick on a list page. */
        public static final java.util.List<Sort> PUBLIC = java.util.List.of(NEWEST, ACTIVE, UNANSWERED, TOP);
    }

    /** What a list shows; null fields do not filter; only what {@code audience} may see. */
    public record ListQuery(Sort sort, String tag, String categorySlug, boolean verifiedOnly, boolean unansweredOnly,
                            boolean includeDeleted, int page, int pageSize, Audience audience) {}

    public record ListPage(List<QuestionSummary> questions, boolean hasNext) {}

    /** A question's page: the question and its answers, each with its comments, in four queries. */
    public record Thread(Question question, List<Answer> answers) {}

    /**
     * The question {@code id} and its answers, best score first (the page puts the verified and accepted ones on
     * top); deleted answers only when {@code includeDeleted}; empty when the audience may not see its category.
     */
    public Optional<Thread> thread(long id, Audience audience, boolean includeDeleted) {
        return thread(id, audience, includeDeleted, null);
    }

    /** As above, with the answers of {@code authorId} (the viewer) that wait for review: their author sees them. */
    public Optional<Thread> thread(long id, Audience audience, boolean includeDeleted, Long authorId) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", id);
        values.put(Audience.READER, audience.reader());
        values.put("viewer", authorId);
        Record row = questionOfThread.fetchOne(audience.kind(), values);
        if (row == null) {
            return Optional.empty();
        }
        AnswersShown shown = includeDeleted ? AnswersShown.ALL : authorId == null ? AnswersShown.VISIBLE
                : AnswersShown.VISIBLE_AND_VIEWERS_HELD;
        List<? extends Record> answerRows = answersOfThread.fetch(shown, values);
        Map<Long, List<Comment>> comments = comments(commentsOfThread.fetch(values));
        List<Answer> answers = answerRows.stream()
                .map(r -> new Answer(r.get(P.ID), r.get(P.QUESTION_ID), Author.of(r, AUTHOR), r.get(P.BODY_HTML),
                        r.get(P.SCORE), r.get(P.CREATED_AT), r.get(P.EDITED_AT), r.get(P.DELETED_AT) != null,
                        comments.getOrDefault(r.get(P.ID), List.of()), origin(r), r.get(P.REVIEW_STATE)))
                .toList();
        List<String> tags = tagsOfThread.fetch(values).map(r -> r.get(TAGS.NAME));
        Question question = toQuestion(row, tags, comments.getOrDefault(id, List.of()));
        return Optional.of(new Thread(question, answers));
    }

    /** Which answers a question's page shows: see {@link #thread(long, Audience, boolean, Long)}. */
    private enum AnswersShown { ALL, VISIBLE, VISIBLE_AND_VIEWERS_HELD }

    private static org.jooq.Param<Long> param(String name) {
        return DSL.param(name, Long.class);
    }

    private org.jooq.Select<?> questionOfThread(Audience.Kind audience) {
        return db.select(Q.asterisk(), P.ID, P.BODY_HTML, P.SCORE, P.CREATED_AT, P.EDITED_AT, P.DELETED_AT,
                        P.REVIEW_STATE,
                        P.ORIGIN_URL, P.ORIGIN_AUTHOR, P.ORIGIN_LICENSE,
                        AUTHOR.ID, AUTHOR.USERNAME, AUTHOR.ROLE, AUTHOR.HELPER,
                        C.ID, C.SLUG, C.NAME, C.DESCRIPTION, C.VISIBILITY, C.GROUP_ID,
                        VERIFIER.ID, VERIFIER.USERNAME, VERIFIER.ROLE, VERIFIER.HELPER,
                        CLOSER.ID, CLOSER.USERNAME, CLOSER.ROLE, CLOSER.HELPER,
                        ORIGINAL.ID, ORIGINAL.TITLE, ORIGINAL.SLUG)
                .from(Q)
                .join(P).on(P.ID.eq(Q.ID))
                .join(AUTHOR).on(AUTHOR.ID.eq(P.AUTHOR_ID))
                .leftJoin(C).on(C.ID.eq(Q.CATEGORY_ID))
                .leftJoin(VERIFIER).on(VERIFIER.ID.eq(Q.VERIFIED_BY))
                .leftJoin(CLOSER).on(CLOSER.ID.eq(Q.CLOSED_BY))
                .leftJoin(ORIGINAL).on(ORIGINAL.ID.eq(Q.DUPLICATE_OF))
                .where(Q.ID.eq(param("id"))).and(Audience.categories(audience, Q.CATEGORY_ID));
    }

    private org.jooq.Select<?> answersOfThread(AnswersShown shown) {
        Condition visible = switch (shown) {
            case ALL -> DSL.noCondition();
            case VISIBLE -> P.DELETED_AT.isNull();
            case VISIBLE_AND_VIEWERS_HELD -> P.DELETED_AT.isNull().or(P.REVIEW_STATE
                    .in(DSL.inline(PostVisibility.HELD), DSL.inline(PostVisibility.REHELD))
                    .and(P.AUTHOR_ID.eq(param("viewer"))));
        };
        return db.select(P.ID, P.QUESTION_ID, P.BODY_HTML, P.SCORE, P.CREATED_AT,
                        P.EDITED_AT, P.DELETED_AT, P.REVIEW_STATE, P.ORIGIN_URL, P.ORIGIN_AUTHOR, P.ORIGIN_LICENSE,
                        AUTHOR.ID, AUTHOR.USERNAME, AUTHOR.ROLE, AUTHOR.HELPER)
                .from(P)
                .join(AUTHOR).on(AUTHOR.ID.eq(P.AUTHOR_ID))
                .where(P.QUESTION_ID.eq(param("id"))).and(visible)
                .orderBy(P.SCORE.desc(), P.CREATED_AT.asc());
    }

    /** The visible comments of the question and all its answers (the page shows those of the answers it shows). */
    private org.jooq.Select<?> commentsOfThread() {
        return commentsWhere(COMMENTS.POST_ID.in(select(POSTS.ID).from(POSTS)
                .where(POSTS.ID.eq(param("id")).or(POSTS.QUESTION_ID.eq(param("id"))))));
    }

    private org.jooq.Select<?> tagsOfThread() {
        return db.select(QUESTION_TAGS.QUESTION_ID, TAGS.NAME)
                .from(QUESTION_TAGS).join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                .where(QUESTION_TAGS.QUESTION_ID.eq(param("id")))
                .orderBy(TAGS.NAME);
    }

    /**
     * A signed-in reader's own marks on a question page: their votes, whether they follow (1) or muted (-1) it, and
     * how many of their notifications about it are unread (read on this view).
     */
    public record ReaderMarks(Map<Long, Integer> votes, int watchLevel, int unreadNotifications) {}

    /**
     * The reader's votes, watch and unread notifications about the question in one query (the question page's cost
     * stays fixed): the watch comes as the row of post 0 and the unread count as the row of post -1, which no post
     * has.
     */
    public ReaderMarks readerMarks(long memberId, long questionId) {
        Map<Long, Integer> marks = new HashMap<>();
        readerMarks.fetch(Map.of("member", memberId, "question", questionId))
                .forEach(r -> marks.put(r.get(VOTES.POST_ID), r.get(MARK)));
        Integer level = marks.remove(0L);
        Integer unread = marks.remove(-1L);
        return new ReaderMarks(marks, level == null ? 0 : level, unread == null ? 0 : unread);
    }

    private static final Field<Integer> MARK = DSL.field(DSL.name("mark"), Integer.class);

    private org.jooq.Select<?> readerMarksQuery() {
        var votes = db.select(VOTES.POST_ID, VOTES.VALUE.cast(Integer.class).as(MARK))
                .from(VOTES)
                .join(POSTS).on(POSTS.ID.eq(VOTES.POST_ID))
                .where(VOTES.MEMBER_ID.eq(param("member")))
                .and(POSTS.ID.eq(param("question")).or(POSTS.QUESTION_ID.eq(param("question"))));
        var watch = db.select(DSL.inline(0L).as(VOTES.POST_ID.getName()), WATCHES.WATCH_LEVEL.cast(Integer.class).as(MARK))
                .from(WATCHES)
                .where(WATCHES.MEMBER_ID.eq(param("member")))
                .and(WATCHES.TARGET.eq(DSL.inline(townhall.notify.Target.QUESTION.code())))
                .and(WATCHES.TARGET_ID.eq(param("question")));
        var unread = db.select(DSL.inline(-1L).as(VOTES.POST_ID.getName()), DSL.count().as(MARK))
                .from(NOTIFICATIONS)
                .where(NOTIFICATIONS.MEMBER_ID.eq(param("member")))
                .and(NOTIFICATIONS.QUESTION_ID.eq(param("question")))
                .and(NOTIFICATIONS.READ_AT.isNull());
        return votes.unionAll(watch).unionAll(unread);
    }

    public ListPage list(ListQuery query) {
        boolean unanswered = query.unansweredOnly() || query.sort() == Sort.UNANSWERED || query.sort() == Sort.HELPER_QUEUE;
        ListShape shape = new ListShape(query.sort(), query.tag() != null, query.categorySlug() != null,
                query.verifiedOnly(), unanswered, query.includeDeleted(), query.audience().kind());
        Map<String, Object> values = new HashMap<>();
        values.put("tag", query.tag());
        values.put("category", query.categorySlug());
        values.put(Audience.READER, query.audience().reader());
        values.put("limit", query.pageSize() + 1);
        values.put("offset", (query.page() - 1) * query.pageSize());
        List<? extends Record> rows = listQuery.fetch(shape, values);
        boolean hasNext = rows.size() > query.pageSize();
        List<? extends Record> shown = hasNext ? rows.subList(0, query.pageSize()) : rows;
        Map<Long, List<String>> tags = tagsOf(shown.stream().map(r -> r.get(Q.ID)).toList());
        return new ListPage(shown.stream().map(r -> toSummary(r, tags.getOrDefault(r.get(Q.ID), List.of()))).toList(),
                hasNext);
    }

    /** What decides the SQL of a list (see {@link Prepared}); the tag, category, reader and page are its values. */
    private record ListShape(Sort sort, boolean byTag, boolean byCategory, boolean verifiedOnly, boolean unanswered,
                             boolean includeDeleted, Audience.Kind audience) {}

    private org.jooq.Select<?> listQuery(ListShape shape) {
        List<Condition> where = new ArrayList<>();
        if (!shape.includeDeleted()) {
            where.add(P.DELETED_AT.isNull());
        }
        // a tag's list by activity reads the tag rows in index order (see V8__tag_activity.sql)
        boolean byTagActivity = shape.byTag() && shape.sort() == Sort.ACTIVE;
        Field<Long> tagId = select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(DSL.param("tag", String.class))).asField();
        if (byTagActivity) {
            where.add(QUESTION_TAGS.TAG_ID.eq(tagId));
        } else if (shape.byTag()) {
            where.add(Q.ID.in(select(QUESTION_TAGS.QUESTION_ID).from(QUESTION_TAGS)
                    .where(QUESTION_TAGS.TAG_ID.eq(tagId))));
        }
        if (shape.byCategory()) {
            where.add(C.SLUG.eq(DSL.param("category", String.class)));
        }
        where.add(Audience.categories(shape.audience(), Q.CATEGORY_ID));
        if (shape.verifiedOnly()) {
            where.add(Q.VERIFIED_ANSWER_ID.isNotNull());
        }
        if (shape.unanswered()) {
            where.add(Q.ANSWER_COUNT.eq(DSL.inline(0)));
            where.add(Q.CLOSED_AT.isNull());
        }
        List<SortField<?>> order = byTagActivity
                ? List.of(QUESTION_TAGS.LAST_ACTIVITY_AT.desc(), QUESTION_TAGS.QUESTION_ID.desc())
                : switch (shape.sort()) {
            case NEWEST, UNANSWERED -> List.of(Q.ID.desc());
            case ACTIVE -> List.of(Q.LAST_ACTIVITY_AT.desc(), Q.ID.desc());
            case TOP -> List.of(P.SCORE.desc(), Q.ID.desc());
            case HELPER_QUEUE -> List.of(Q.FROM_NEWCOMER.desc(), Q.ID.asc());
        };
        return db.select(Q.ID, Q.TITLE, Q.SLUG, Q.EXCERPT, Q.ANSWER_COUNT, Q.VIEW_COUNT,
                        Q.LAST_ACTIVITY_AT, Q.ACCEPTED_ANSWER_ID, Q.VERIFIED_ANSWER_ID, Q.CLOSED_AT,
                        P.SCORE, P.CREATED_AT, P.DELETED_AT, AUTHOR.ID, AUTHOR.USERNAME, AUTHOR.ROLE, AUTHOR.HELPER,
                        C.NAME, C.SLUG, Q.FROM_NEWCOMER)
                .from(byTagActivity ? QUESTION_TAGS.join(Q).on(Q.ID.eq(QUESTION_TAGS.QUESTION_ID)) : Q)
                .join(P).on(P.ID.eq(Q.ID))
                .join(AUTHOR).on(AUTHOR.ID.eq(P.AUTHOR_ID))
                .leftJoin(C).on(C.ID.eq(Q.CATEGORY_ID))
                .where(where)
                .orderBy(order)
                .limit(DSL.param("limit", Integer.class))
                .offset(DSL.param("offset", Integer.class));
    }

    private static QuestionSummary toSummary(Record r, List<String> tags) {
        return new QuestionSummary(r.get(Q.ID), r.get(Q.TITLE), r.get(Q.SLUG), r.get(Q.EXCERPT),
                Author.of(r, AUTHOR), r.get(P.SCORE), r.get(Q.ANSWER_COUNT), r.get(Q.VIEW_COUNT),
                r.get(P.CREATED_AT), r.get(Q.LAST_ACTIVITY_AT), r.get(Q.ACCEPTED_ANSWER_ID) != null,
                r.get(Q.VERIFIED_ANSWER_ID) != null, r.get(Q.CLOSED_AT) != null, r.get(P.DELETED_AT) != null,
                r.get(C.NAME), r.get(C.SLUG), r.get(Q.FROM_NEWCOMER), tags);
    }

    /**
     * Tags with how many questions use them, most used first; only tags of at least one question the audience may
     * see (a tag of staff-only questions alone is not listed to others; the counts are of all questions).
     */
    public List<TagCount> tags(int limit, Audience audience) {
        Condition readable = audience.everything() ? DSL.noCondition()
                : DSL.exists(DSL.selectOne().from(QUESTION_TAGS).join(QUESTIONS).on(QUESTIONS.ID.eq(QUESTION_TAGS.QUESTION_ID))
                        .where(QUESTION_TAGS.TAG_ID.eq(TAGS.ID)).and(audience.categories(QUESTIONS.CATEGORY_ID)));
        return db.select(TAGS.NAME, TAGS.QUESTION_COUNT).from(TAGS)
                .where(TAGS.QUESTION_COUNT.gt(0)).and(readable)
                .orderBy(TAGS.QUESTION_COUNT.desc(), TAGS.NAME)
                .limit(limit)
                .fetch(r -> new TagCount(r.get(TAGS.NAME), r.get(TAGS.QUESTION_COUNT)));
    }

    public record TagCount(String name, int questions) {}

    /** Every question a visitor may see, for the sitemap, newest activity first. */
    public List<SitemapEntry> sitemap(int limit) {
        return db.select(QUESTIONS.ID, QUESTIONS.SLUG, QUESTIONS.LAST_ACTIVITY_AT)
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(POSTS.DELETED_AT.isNull()).and(Audience.ANONYMOUS.categories(QUESTIONS.CATEGORY_ID))
                .orderBy(QUESTIONS.LAST_ACTIVITY_AT.desc())
                .limit(limit)
                .fetch(r -> new SitemapEntry(QuestionLinks.path(r.get(QUESTIONS.ID), r.get(QUESTIONS.SLUG)),
                        r.get(QUESTIONS.LAST_ACTIVITY_AT)));
    }

    public record SitemapEntry(String path, LocalDateTime lastModified) {}

    /** The tags of each question, by name; one query for a whole page. */
    private Map<Long, List<String>> tagsOf(List<Long> questionIds) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (questionIds.isEmpty()) {
            return tags;
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < questionIds.size(); i++) {
            values.put("q" + i, questionIds.get(i));
        }
        tagsOfQuestions.fetch(questionIds.size(), values).forEach(r -> tags.computeIfAbsent(r.get(QUESTION_TAGS.QUESTION_ID),
                k -> new ArrayList<>()).add(r.get(TAGS.NAME)));
        return tags;
    }

    /** The tags of {@code count} questions, the parameters q0, q1... */
    private org.jooq.Select<?> tagsOfQuestions(int count) {
        List<org.jooq.Param<Long>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(param("q" + i));
        }
        return db.select(QUESTION_TAGS.QUESTION_ID, TAGS.NAME)
                .from(QUESTION_TAGS).join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                .where(QUESTION_TAGS.QUESTION_ID.in(ids))
                .orderBy(TAGS.NAME);
    }

    /**
     * Not ordered by the database: with the comments' text in the rows, MariaDB sorts them in a temporary table
     * written to disk (a file created and removed on every question page); {@link #comments} orders them.
     */
    private org.jooq.Select<?> commentsWhere(Condition posts) {
        return db.select(COMMENTS.ID, COMMENTS.POST_ID, COMMENTER.ID, COMMENTER.USERNAME, COMMENTER.ROLE,
                        COMMENTER.HELPER, COMMENTS.BODY_HTML, COMMENTS.CREATED_AT)
                .from(COMMENTS).join(COMMENTER).on(COMMENTER.ID.eq(COMMENTS.AUTHOR_ID))
                .where(posts).and(COMMENTS.DELETED_AT.isNull());
    }

    /** Each post's comments, oldest first. */
    private static Map<Long, List<Comment>> comments(List<? extends Record> rows) {
        Map<Long, List<Comment>> comments = new HashMap<>();
        rows.stream().sorted(Comparator.comparing((Record r) -> r.get(COMMENTS.CREATED_AT))
                        .thenComparing(r -> r.get(COMMENTS.ID)))
                .forEach(r -> comments.computeIfAbsent(r.get(COMMENTS.POST_ID), k -> new ArrayList<>()).add(new Comment(
                r.get(COMMENTS.ID), r.get(COMMENTS.POST_ID), Author.of(r, COMMENTER), r.get(COMMENTS.BODY_HTML),
                r.get(COMMENTS.CREATED_AT))));
        return comments;
    }

    private static Question toQuestion(Record r, List<String> tags, List<Comment> comments) {
        Category category = r.get(C.ID) == null ? null
                : new Category(r.get(C.ID), r.get(C.SLUG), r.get(C.NAME), r.get(C.DESCRIPTION),
                        CategoryVisibility.of(r.get(C.VISIBILITY)), r.get(C.GROUP_ID));
        Question.Verification verification = r.get(Q.VERIFIED_ANSWER_ID) == null ? null
                : new Question.Verification(r.get(Q.VERIFIED_ANSWER_ID), Author.of(r, VERIFIER), r.get(Q.VERIFIED_AT),
                        r.get(Q.VERIFIED_NOTE));
        QuestionRef original = r.get(ORIGINAL.ID) == null ? null
                : new QuestionRef(r.get(ORIGINAL.ID), r.get(ORIGINAL.TITLE), r.get(ORIGINAL.SLUG));
        Question.Closure closure = r.get(Q.CLOSED_AT) == null ? null
                : new Question.Closure(Author.of(r, CLOSER), r.get(Q.CLOSED_AT), r.get(Q.CLOSE_REASON), original);
        return new Question(r.get(Q.ID), r.get(Q.TITLE), r.get(Q.SLUG), Author.of(r, AUTHOR), r.get(P.BODY_HTML),
                r.get(Q.EXCERPT), r.get(P.SCORE), r.get(P.CREATED_AT), r.get(P.EDITED_AT), r.get(Q.LAST_ACTIVITY_AT),
                r.get(Q.VIEW_COUNT), r.get(Q.ANSWER_COUNT), category, tags, comments,
                r.get(Q.ACCEPTED_ANSWER_ID), verification, closure, r.get(P.DELETED_AT) != null,
                r.get(Q.FROM_NEWCOMER), origin(r), r.indexOf(P.REVIEW_STATE) >= 0 ? r.get(P.REVIEW_STATE) : null);
    }

    private static Origin origin(Record r) {
        return Origin.of(r.get(P.ORIGIN_URL), r.get(P.ORIGIN_AUTHOR), r.get(P.ORIGIN_LICENSE));
    }
}
