package townhall.importer;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.IMPORT_ACCEPTED;
import static townhall.db.schema.Tables.IMPORT_MAP;
import static townhall.db.schema.Tables.IMPORT_MARKDOWN;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.REVISIONS;
import static townhall.db.schema.Tables.TAGS;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.CaseValueStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import townhall.account.AccountStore;
import townhall.account.Names;
import townhall.db.schema.tables.ImportMap;
import townhall.db.schema.tables.Posts;

/** The importer's SQL: every statement works on a whole batch, so the number of round trips stays small. */
public final class ImportStore {
    static final String MEMBER = "member";
    static final String PLACEHOLDER = "placeholder";
    static final String POST = "post";
    static final String COMMENT = "comment";
    static final String DUPLICATE = "duplicate";

    private final DSLContext db;

    public ImportStore(DSLContext db) {
        this.db = db;
    }

    record Mapped(long localId, String name) {}

    record Mapping(long externalId, long localId, String name) {}

    /** The local ids (and names) of what an earlier batch or run already imported, by external id. */
    Map<Long, Mapped> mapped(String source, String kind, Collection<Long> externalIds) {
        Map<Long, Mapped> found = new HashMap<>();
        if (externalIds.isEmpty()) return found;
        db.select(IMPORT_MAP.EXTERNAL_ID, IMPORT_MAP.LOCAL_ID, IMPORT_MAP.NAME).from(IMPORT_MAP)
                .where(IMPORT_MAP.SOURCE.eq(source)).and(IMPORT_MAP.KIND.eq(kind))
                .and(IMPORT_MAP.EXTERNAL_ID.in(externalIds))
                .forEach(r -> found.put(r.value1(), new Mapped(r.value2(), r.value3())));
        return found;
    }

    void map(String source, String kind, List<Mapping> mappings) {
        if (mappings.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, IMPORT_MAP, IMPORT_MAP.SOURCE, IMPORT_MAP.KIND,
                IMPORT_MAP.EXTERNAL_ID, IMPORT_MAP.LOCAL_ID, IMPORT_MAP.NAME);
        for (Mapping m : mappings) {
            insert.values(source, kind, m.externalId(), m.localId(), m.name());
        }
        insert.execute();
    }

    /** The keys ({@link Names#usernameKey}) of the usernames that are taken, by themselves or by a lookalike. */
    Set<String> takenUsernames(Collection<String> candidates) {
        Set<String> taken = new HashSet<>();
        if (candidates.isEmpty()) return taken;
        db.select(AccountStore.USERNAME_KEY).from(MEMBERS)
                .where(AccountStore.USERNAME_KEY.in(candidates.stream().map(Names::usernameKey).toList()))
                .forEach(r -> taken.add(r.value1()));
        return taken;
    }

    record NewMember(String username, String email, String passwordHash, LocalDateTime createdAt) {}

    /** Inserts the members in one statement; returns their ids in the same order. */
    List<Long> insertMembers(List<NewMember> members) {
        if (members.isEmpty()) return List.of();
        BulkInsert insert = BulkInsert.into(db, MEMBERS, MEMBERS.USERNAME, MEMBERS.EMAIL, MEMBERS.PASSWORD_HASH,
                MEMBERS.ROLE, MEMBERS.CREATED_AT);
        for (NewMember m : members) {
            insert.values(m.username(), m.email(), m.passwordHash(), "member", m.createdAt());
        }
        return insert.returningIds(MEMBERS.ID);
    }

    record HistoryText(long postId, long historyId, String markdown) {}

    /** Keeps each post's newest Markdown: a row replaces the staged one only when it comes from a later edit. */
    void stageMarkdown(String source, Collection<HistoryText> texts) {
        if (texts.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, IMPORT_MARKDOWN, IMPORT_MARKDOWN.SOURCE, IMPORT_MARKDOWN.POST_ID,
                IMPORT_MARKDOWN.HISTORY_ID, IMPORT_MARKDOWN.BODY_MD);
        for (HistoryText t : texts) {
            insert.values(source, t.postId(), t.historyId(), t.markdown());
        }
        // MariaDB applies the assignments in order: the body first, while history_id still holds the old value.
        insert.then(db.renderInlined(DSL.query("on duplicate key update {0} = if(values({1}) > {1}, values({0}), {0}), "
                        + "{1} = greatest({1}, values({1}))",
                DSL.name(IMPORT_MARKDOWN.BODY_MD.getName()), DSL.name(IMPORT_MARKDOWN.HISTORY_ID.getName()))))
                .execute();
    }

    Map<Long, String> stagedMarkdown(String source, Collection<Long> postIds) {
        Map<Long, String> found = new HashMap<>();
        if (postIds.isEmpty()) return found;
        db.select(IMPORT_MARKDOWN.POST_ID, IMPORT_MARKDOWN.BODY_MD).from(IMPORT_MARKDOWN)
                .where(IMPORT_MARKDOWN.SOURCE.eq(source)).and(IMPORT_MARKDOWN.POST_ID.in(postIds))
                .forEach(r -> found.put(r.value1(), r.value2()));
        return found;
    }

    /** Creates the tags that do not exist yet (rare after Tags.xml); returns the id of each name. */
    Map<String, Long> ensureTags(Collection<String> names) {
        Map<String, Long> ids = new HashMap<>();
        if (names.isEmpty()) return ids;
        db.select(TAGS.NAME, TAGS.ID).from(TAGS).where(TAGS.NAME.in(names))
                .forEach(r -> ids.put(r.value1().toLowerCase(Locale.ROOT), r.value2()));
        List<String> missing = names.stream().filter(name -> !ids.containsKey(name)).sorted().toList();
        if (!missing.isEmpty()) {
            BulkInsert insert = BulkInsert.into(db, TAGS, TAGS.NAME).ignoringDuplicates();
            missing.forEach(insert::values);
            insert.execute();
            db.select(TAGS.NAME, TAGS.ID).from(TAGS).where(TAGS.NAME.in(missing))
                    .forEach(r -> ids.put(r.value1().toLowerCase(Locale.ROOT), r.value2()));
        }
        return ids;
    }

    record NewPost(String kind, Long questionId, long authorId, String bodyMd, String bodyHtml, int score,
                   LocalDateTime createdAt, LocalDateTime editedAt, String originUrl, String originAuthor,
                   String originLicense) {
        NewPost withQuestion(long id) {
            return new NewPost(kind, id, authorId, bodyMd, bodyHtml, score, createdAt, editedAt, originUrl,
                    originAuthor, originLicense);
        }
    }

    /** Inserts the posts in one statement; returns their ids in the same order. */
    List<Long> insertPosts(List<NewPost> posts) {
        if (posts.isEmpty()) return List.of();
        BulkInsert insert = BulkInsert.into(db, POSTS, POSTS.KIND, POSTS.QUESTION_ID, POSTS.AUTHOR_ID, POSTS.BODY_MD,
                POSTS.BODY_HTML, POSTS.SCORE, POSTS.CREATED_AT, POSTS.EDITED_AT, POSTS.ORIGIN_URL,
                POSTS.ORIGIN_AUTHOR, POSTS.ORIGIN_LICENSE);
        for (NewPost p : posts) {
            insert.values(p.kind(), p.questionId(), p.authorId(), p.bodyMd(), p.bodyHtml(), p.score(),
                    p.createdAt(), p.editedAt(), p.originUrl(), p.originAuthor(), p.originLicense());
        }
        return insert.returningIds(POSTS.ID);
    }

    record NewQuestion(long id, String title, String slug, String excerpt, long categoryId, int answerCount,
                       long viewCount, LocalDateTime lastActivityAt, LocalDateTime closedAt, Long closedBy,
                       String closeReason) {}

    void insertQuestions(List<NewQuestion> questions) {
        if (questions.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, QUESTIONS, QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG,
                QUESTIONS.EXCERPT, QUESTIONS.CATEGORY_ID, QUESTIONS.ANSWER_COUNT, QUESTIONS.VIEW_COUNT,
                QUESTIONS.LAST_ACTIVITY_AT, QUESTIONS.CLOSED_AT, QUESTIONS.CLOSED_BY, QUESTIONS.CLOSE_REASON);
        for (NewQuestion q : questions) {
            insert.values(q.id(), q.title(), q.slug(), q.excerpt(), q.categoryId(), q.answerCount(),
                    q.viewCount(), q.lastActivityAt(), q.closedAt(), q.closedBy(), q.closeReason());
        }
        insert.execute();
    }

    record QuestionTag(long questionId, long tagId) {}

    void insertQuestionTags(List<QuestionTag> links) {
        if (links.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, QUESTION_TAGS, QUESTION_TAGS.QUESTION_ID, QUESTION_TAGS.TAG_ID);
        for (QuestionTag link : links) {
            insert.values(link.questionId(), link.tagId());
        }
        insert.execute();
    }

    record NewRevision(long postId, long editorId, String title, String tags, String bodyMd, String reason,
                       LocalDateTime createdAt) {}

    void insertRevisions(List<NewRevision> revisions) {
        if (revisions.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, REVISIONS, REVISIONS.POST_ID, REVISIONS.NUMBER, REVISIONS.EDITOR_ID,
                REVISIONS.TITLE, REVISIONS.TAGS, REVISIONS.BODY_MD, REVISIONS.REASON, REVISIONS.CREATED_AT);
        for (NewRevision r : revisions) {
            insert.values(r.postId(), 1, r.editorId(), r.title(), r.tags(), r.bodyMd(), r.reason(),
                    r.createdAt());
        }
        insert.execute();
    }

    /** Adds to several questions' answer counts in one statement. */
    void addToAnswerCounts(Map<Long, Integer> deltas) {
        addTo(QUESTIONS, QUESTIONS.ID, QUESTIONS.ANSWER_COUNT, deltas);
    }

    /**
     * Sets every tag's question count to the number of its questions that are not deleted, in one statement.
     * Counting once after the posts beats adding per batch, where every batch would lock the popular tags and
     * make the writers take turns; it also repairs counts an interrupted import left behind.
     */
    public int recountTags() {
        return db.update(TAGS)
                .set(TAGS.QUESTION_COUNT, DSL.field(DSL.select(DSL.count()).from(QUESTION_TAGS)
                        .join(POSTS).on(POSTS.ID.eq(QUESTION_TAGS.QUESTION_ID))
                        .where(QUESTION_TAGS.TAG_ID.eq(TAGS.ID)).and(POSTS.DELETED_AT.isNull())))
                .execute();
    }

    /**
     * Copies each question's last activity onto its tag rows, which order the tag lists; once, after the posts
     * (the bench generator's too).
     */
    public int copyActivityToTags() {
        return db.update(QUESTION_TAGS.join(QUESTIONS).on(QUESTIONS.ID.eq(QUESTION_TAGS.QUESTION_ID)))
                .set(QUESTION_TAGS.LAST_ACTIVITY_AT, QUESTIONS.LAST_ACTIVITY_AT)
                .execute();
    }

    private void addTo(org.jooq.Table<?> table, Field<Long> id, Field<Integer> counter, Map<Long, Integer> deltas) {
        if (deltas.isEmpty()) return;
        CaseValueStep<Long> byId = DSL.choose(id);
        org.jooq.CaseWhenStep<Long, Integer> cases = null;
        for (Map.Entry<Long, Integer> e : deltas.entrySet()) {
            cases = cases == null ? byId.when(inline(e.getKey()), inline(e.getValue()))
                    : cases.when(inline(e.getKey()), inline(e.getValue()));
        }
        db.update(table).set(counter, counter.plus(cases.otherwise(inline(0))))
                .where(id.in(deltas.keySet()))
                .execute();
    }

    record Accepted(long questionId, long answerId) {}

    void stageAccepted(String source, List<Accepted> accepted) {
        if (accepted.isEmpty()) return;
        BulkInsert insert = BulkInsert.into(db, IMPORT_ACCEPTED, IMPORT_ACCEPTED.SOURCE, IMPORT_ACCEPTED.QUESTION_ID,
                IMPORT_ACCEPTED.ANSWER_ID).ignoringDuplicates();
        for (Accepted a : accepted) {
            insert.values(source, a.questionId(), a.answerId());
        }
        insert.execute();
    }

    /**
     * Marks the staged accepted answers whose answers were imported, in one statement, and empties the stage.
     * A question that already has an accepted answer keeps it. Returns how many questions got one.
     */
    int applyAccepted(String source) {
        ImportMap question = IMPORT_MAP.as("mq");
        ImportMap answer = IMPORT_MAP.as("ma");
        Posts answerPost = POSTS.as("ap");
        int marked = db.update(IMPORT_ACCEPTED
                        .join(question).on(question.SOURCE.eq(IMPORT_ACCEPTED.SOURCE), question.KIND.eq(POST),
                                question.EXTERNAL_ID.eq(IMPORT_ACCEPTED.QUESTION_ID))
                        .join(answer).on(answer.SOURCE.eq(IMPORT_ACCEPTED.SOURCE), answer.KIND.eq(POST),
                                answer.EXTERNAL_ID.eq(IMPORT_ACCEPTED.ANSWER_ID))
                        .join(QUESTIONS).on(QUESTIONS.ID.eq(question.LOCAL_ID))
                        .join(answerPost).on(answerPost.ID.eq(answer.LOCAL_ID), answerPost.QUESTION_ID.eq(QUESTIONS.ID)))
                .set(QUESTIONS.ACCEPTED_ANSWER_ID, answer.LOCAL_ID)
                .set(QUESTIONS.ACCEPTED_AT, answerPost.CREATED_AT)
                .where(IMPORT_ACCEPTED.SOURCE.eq(source)).and(QUESTIONS.ACCEPTED_ANSWER_ID.isNull())
                .execute();
        db.deleteFrom(IMPORT_ACCEPTED).where(IMPORT_ACCEPTED.SOURCE.eq(source)).execute();
        return marked;
    }

    /** Of the given posts, the ones that are questions. */
    Set<Long> questionsAmong(Collection<Long> postIds) {
        if (postIds.isEmpty()) return Set.of();
        return new HashSet<>(db.select(QUESTIONS.ID).from(QUESTIONS).where(QUESTIONS.ID.in(postIds))
                .fetch(QUESTIONS.ID));
    }

    record Duplicate(long linkId, long questionId, long originalId, long closerId, LocalDateTime at) {}

    /**
     * Closes each question as a duplicate of its original, unless it already names one; keeps an earlier
     * closing date. Returns how many questions were marked.
     */
    int closeAsDuplicates(List<Duplicate> duplicates) {
        if (duplicates.isEmpty()) return 0;
        List<Query> updates = new ArrayList<>(duplicates.size());
        for (Duplicate d : duplicates) {
            updates.add(db.update(QUESTIONS)
                    .set(QUESTIONS.DUPLICATE_OF, d.originalId())
                    .set(QUESTIONS.CLOSED_AT, DSL.coalesce(QUESTIONS.CLOSED_AT, val(d.at())))
                    .set(QUESTIONS.CLOSED_BY, d.closerId())
                    .set(QUESTIONS.CLOSE_REASON, "Duplicate of an earlier question")
                    .where(QUESTIONS.ID.eq(d.questionId())).and(QUESTIONS.DUPLICATE_OF.isNull()));
        }
        int marked = 0;
        for (int n : db.batch(updates).execute()) {
            marked += Math.max(0, n);
        }
        return marked;
    }

    record NewComment(long postId, long authorId, String body, String bodyHtml, LocalDateTime createdAt) {}

    List<Long> insertComments(List<NewComment> comments) {
        if (comments.isEmpty()) return List.of();
        BulkInsert insert = BulkInsert.into(db, COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY,
                COMMENTS.BODY_HTML, COMMENTS.CREATED_AT);
        for (NewComment c : comments) {
            insert.values(c.postId(), c.authorId(), c.body(), c.bodyHtml(), c.createdAt());
        }
        return insert.returningIds(COMMENTS.ID);
    }

    /** The sum of the scores of every post imported from the source. */
    long scoreOfImportedPosts(String source) {
        BigDecimal sum = db.select(DSL.sum(POSTS.SCORE)).from(IMPORT_MAP)
                .join(POSTS).on(POSTS.ID.eq(IMPORT_MAP.LOCAL_ID))
                .where(IMPORT_MAP.SOURCE.eq(source)).and(IMPORT_MAP.KIND.eq(POST))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValue();
    }

    long countTags(Collection<String> names) {
        return names.isEmpty() ? 0 : db.fetchCount(TAGS, TAGS.NAME.in(names));
    }

    /** Empties the working tables of the source's import. */
    void clearStage(String source) {
        db.deleteFrom(IMPORT_MARKDOWN).where(IMPORT_MARKDOWN.SOURCE.eq(source)).execute();
        db.deleteFrom(IMPORT_ACCEPTED).where(IMPORT_ACCEPTED.SOURCE.eq(source)).execute();
    }
}
