package townhall.search;

import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static townhall.db.schema.Tables.ANNOUNCEMENTS;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.FAQ_ENTRIES;
import static townhall.db.schema.Tables.IDEAS;
import static townhall.db.schema.Tables.FAQ_SECTIONS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.QUESTION_VECTORS;
import static townhall.db.schema.Tables.TAGS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import townhall.db.schema.tables.Posts;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.Audience;
import townhall.qa.CategoryVisibility;

/** What the indexer reads: questions and FAQ entries as search documents. */
final class IndexSource {
    private static final Posts ANSWER = POSTS.as("answer");

    private final DSLContext db;
    private final MarkdownRenderer markdown;
    /** The model whose stored vectors questions are indexed with; null when vectors are off. */
    private final String vectorModel;

    IndexSource(DSLContext db, MarkdownRenderer markdown, String vectorModel) {
        this.db = db;
        this.markdown = markdown;
        this.vectorModel = vectorModel;
    }

    /** The questions with the given ids; an id with no question, or a deleted one, comes back not visible. */
    List<SearchDocument> questions(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, SearchDocument> found = new HashMap<>();
        for (SearchDocument doc : readQuestions(QUESTIONS.ID.in(ids), ids.size())) {
            found.put(doc.id(), doc);
        }
        List<SearchDocument> docs = new ArrayList<>(ids.size());
        for (long id : ids) {
            docs.add(found.getOrDefault(id, SearchDocument.gone(Fields.QUESTION, id)));
        }
        return docs;
    }

    /** Up to {@code limit} questions with ids above {@code afterId}, in id order: for a rebuild. */
    List<SearchDocument> questionsAfter(long afterId, int limit) {
        return readQuestions(QUESTIONS.ID.gt(afterId), limit);
    }

    private List<SearchDocument> readQuestions(Condition where, int limit) {
        Field<List<String>> tags = multiset(select(TAGS.NAME).from(QUESTION_TAGS)
                .join(TAGS).on(TAGS.ID.eq(QUESTION_TAGS.TAG_ID))
                .where(QUESTION_TAGS.QUESTION_ID.eq(QUESTIONS.ID)).orderBy(TAGS.NAME))
                .as("tags").convertFrom(r -> r.map(Record1::value1));
        Field<List<String>> answers = multiset(select(ANSWER.BODY_MD).from(ANSWER)
                .where(ANSWER.QUESTION_ID.eq(QUESTIONS.ID)).and(ANSWER.DELETED_AT.isNull())
                .orderBy(ANSWER.SCORE.desc(), ANSWER.ID))
                .as("answers").convertFrom(r -> r.map(Record1::value1));
        return db.select(QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG, QUESTIONS.ANSWER_COUNT,
                        QUESTIONS.ACCEPTED_ANSWER_ID, QUESTIONS.VERIFIED_ANSWER_ID, QUESTIONS.CLOSED_AT,
                        QUESTIONS.DUPLICATE_OF, POSTS.BODY_MD, POSTS.SCORE, POSTS.CREATED_AT, POSTS.DELETED_AT, CATEGORIES.VISIBILITY,
                        CATEGORIES.GROUP_ID, tags, answers, QUESTION_VECTORS.VECTOR, QUESTION_VECTORS.TEXT_HASH)
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(QUESTIONS.CATEGORY_ID))
                .leftJoin(QUESTION_VECTORS).on(QUESTION_VECTORS.QUESTION_ID.eq(QUESTIONS.ID))
                .and(vectorModel == null ? DSL.falseCondition() : QUESTION_VECTORS.MODEL.eq(vectorModel))
                .where(where)
                .orderBy(QUESTIONS.ID)
                .limit(limit)
                .fetch(r -> toQuestion(r, tags, answers));
    }

    private SearchDocument toQuestion(Record r, Field<List<String>> tags, Field<List<String>> answers) {
        StringBuilder answerText = new StringBuilder();
        for (String answer : r.get(answers)) {
            answerText.append(markdown.plainText(answer)).append("\n\n");
        }
        String title = r.get(QUESTIONS.TITLE);
        String body = markdown.plainText(r.get(POSTS.BODY_MD));
        byte[] stored = r.get(QUESTION_VECTORS.VECTOR);
        boolean current = stored != null && java.util.Arrays.equals(r.get(QUESTION_VECTORS.TEXT_HASH),
                Embeddings.hash(Embeddings.questionText(title, body)));
        return new SearchDocument(Fields.QUESTION, r.get(QUESTIONS.ID), title, r.get(QUESTIONS.SLUG),
                body, answerText.toString(), r.get(tags),
                r.get(QUESTIONS.ACCEPTED_ANSWER_ID) != null, r.get(QUESTIONS.VERIFIED_ANSWER_ID) != null,
                r.get(QUESTIONS.CLOSED_AT) != null, r.get(POSTS.SCORE), r.get(QUESTIONS.ANSWER_COUNT),
                r.get(POSTS.CREATED_AT), null, r.get(POSTS.DELETED_AT) == null, audience(r),
                stored == null ? null : Embeddings.fromBytes(stored), current,
                r.get(QUESTIONS.CLOSED_AT) != null ? r.get(QUESTIONS.DUPLICATE_OF) : null);
    }

    /** The FAQ entries with the given ids; a missing or retired one comes back not visible. */
    List<SearchDocument> faqEntries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, SearchDocument> found = new HashMap<>();
        for (SearchDocument doc : readFaq(FAQ_ENTRIES.ID.in(ids))) {
            found.put(doc.id(), doc);
        }
        List<SearchDocument> docs = new ArrayList<>(ids.size());
        for (long id : ids) {
            docs.add(found.getOrDefault(id, SearchDocument.gone(Fields.FAQ, id)));
        }
        return docs;
    }

    /** Every FAQ entry: for a rebuild. */
    List<SearchDocument> allFaqEntries() {
        return readFaq(org.jooq.impl.DSL.noCondition());
    }

    private List<SearchDocument> readFaq(Condition where) {
        return db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.QUESTION, FAQ_ENTRIES.SLUG, FAQ_ENTRIES.ANSWER_MD,
                        FAQ_ENTRIES.CREATED_AT, FAQ_ENTRIES.RETIRED_AT, FAQ_SECTIONS.TITLE)
                .from(FAQ_ENTRIES).join(FAQ_SECTIONS).on(FAQ_SECTIONS.ID.eq(FAQ_ENTRIES.SECTION_ID))
                .where(where)
                .orderBy(FAQ_ENTRIES.ID)
                .fetch(r -> new SearchDocument(Fields.FAQ, r.get(FAQ_ENTRIES.ID), r.get(FAQ_ENTRIES.QUESTION),
                        r.get(FAQ_ENTRIES.SLUG), markdown.plainText(r.get(FAQ_ENTRIES.ANSWER_MD)), "", List.of(),
                        true, true, false, 0, 1, r.get(FAQ_ENTRIES.CREATED_AT), r.get(FAQ_SECTIONS.TITLE),
                        r.get(FAQ_ENTRIES.RETIRED_AT) == null, Audience.token(CategoryVisibility.PUBLIC, null)));
    }

    /** The ideas with the given ids (every idea when null); a merged or missing one comes back not visible. */
    List<SearchDocument> ideas(Collection<Long> ids) {
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        Condition where = ids == null ? DSL.noCondition() : IDEAS.ID.in(ids);
        List<SearchDocument> found = db.select(IDEAS.ID, IDEAS.TITLE, IDEAS.SLUG, IDEAS.BODY_MD, IDEAS.RESPONSE_MD,
                        IDEAS.TAGS, IDEAS.VOTE_COUNT, IDEAS.CREATED_AT, IDEAS.MERGED_INTO, CATEGORIES.NAME,
                        CATEGORIES.VISIBILITY, CATEGORIES.GROUP_ID)
                .from(IDEAS).join(CATEGORIES).on(CATEGORIES.ID.eq(IDEAS.CATEGORY_ID))
                .where(where).orderBy(IDEAS.ID)
                .fetch(r -> new SearchDocument(Fields.IDEA, r.get(IDEAS.ID), r.get(IDEAS.TITLE), r.get(IDEAS.SLUG),
                        markdown.plainText(r.get(IDEAS.BODY_MD)),
                        r.get(IDEAS.RESPONSE_MD) == null ? "" : markdown.plainText(r.get(IDEAS.RESPONSE_MD)),
                        r.get(IDEAS.TAGS).isBlank() ? List.of() : List.of(r.get(IDEAS.TAGS).split(" ")),
                        false, false, false, r.get(IDEAS.VOTE_COUNT), 0, r.get(IDEAS.CREATED_AT),
                        r.get(CATEGORIES.NAME), r.get(IDEAS.MERGED_INTO) == null, audience(r)));
        return withGone(Fields.IDEA, ids, found);
    }

    /** The announcements with the given ids (every one when null). */
    List<SearchDocument> announcements(Collection<Long> ids) {
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        Condition where = ids == null ? DSL.noCondition() : ANNOUNCEMENTS.ID.in(ids);
        List<SearchDocument> found = db.select(ANNOUNCEMENTS.ID, ANNOUNCEMENTS.TITLE, ANNOUNCEMENTS.SLUG,
                        ANNOUNCEMENTS.BODY_MD, ANNOUNCEMENTS.PLACE, ANNOUNCEMENTS.CREATED_AT, CATEGORIES.VISIBILITY,
                        CATEGORIES.GROUP_ID)
                .from(ANNOUNCEMENTS).leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(ANNOUNCEMENTS.CATEGORY_ID))
                .where(where).orderBy(ANNOUNCEMENTS.ID)
                .fetch(r -> new SearchDocument(Fields.ANNOUNCEMENT, r.get(ANNOUNCEMENTS.ID), r.get(ANNOUNCEMENTS.TITLE),
                        r.get(ANNOUNCEMENTS.SLUG), markdown.plainText(r.get(ANNOUNCEMENTS.BODY_MD))
                                + (r.get(ANNOUNCEMENTS.PLACE) == null ? "" : "\n" + r.get(ANNOUNCEMENTS.PLACE)),
                        "", List.of(), false, false, false, 0, 0, r.get(ANNOUNCEMENTS.CREATED_AT), null, true,
                        audience(r)));
        return withGone(Fields.ANNOUNCEMENT, ids, found);
    }

    /** Who may find a document of the row's category (none: public). */
    private static String audience(Record r) {
        return Audience.token(CategoryVisibility.of(r.get(CATEGORIES.VISIBILITY)), r.get(CATEGORIES.GROUP_ID));
    }

    /** The ids of the questions, ideas and announcements of a category, after {@code afterId}: to reindex them. */
    List<Long> questionsOfCategory(long categoryId, long afterId, int limit) {
        return db.select(QUESTIONS.ID).from(QUESTIONS).where(QUESTIONS.CATEGORY_ID.eq(categoryId))
                .and(QUESTIONS.ID.gt(afterId)).orderBy(QUESTIONS.ID).limit(limit).fetch(QUESTIONS.ID);
    }

    List<Long> ideasOfCategory(long categoryId) {
        return db.select(IDEAS.ID).from(IDEAS).where(IDEAS.CATEGORY_ID.eq(categoryId)).fetch(IDEAS.ID);
    }

    List<Long> announcementsOfCategory(long categoryId) {
        return db.select(ANNOUNCEMENTS.ID).from(ANNOUNCEMENTS).where(ANNOUNCEMENTS.CATEGORY_ID.eq(categoryId))
                .fetch(ANNOUNCEMENTS.ID);
    }

    private static List<SearchDocument> withGone(String kind, Collection<Long> ids, List<SearchDocument> found) {
        if (ids == null) {
            return found;
        }
        Map<Long, SearchDocument> byId = new HashMap<>();
        found.forEach(doc -> byId.put(doc.id(), doc));
        List<SearchDocument> docs = new ArrayList<>(ids.size());
        for (long id : ids) {
            docs.add(byId.getOrDefault(id, SearchDocument.gone(kind, id)));
        }
        return docs;
    }
}
