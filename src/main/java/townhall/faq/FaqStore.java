package townhall.faq;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;
import static townhall.db.schema.Tables.FAQ_ENTRIES;
import static townhall.db.schema.Tables.FAQ_SECTIONS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;

import java.time.LocalDateTime;
import java.util.List;
import townhall.qa.QuestionStore;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import townhall.db.schema.tables.Members;
import townhall.db.schema.tables.Posts;
import townhall.db.schema.tables.Questions;
import townhall.qa.Author;
import townhall.qa.Audience;
import townhall.qa.QuestionRef;

/** FAQ sections and entries in the database; a page reads them in one query. */
public final class FaqStore {
    private static final Members REVIEWER = MEMBERS.as("reviewer");
    private static final Questions SOURCE = QUESTIONS.as("source");
    private static final townhall.db.schema.tables.FaqSections OUTER = FAQ_SECTIONS.as("outer_section");

    private final DSLContext db;

    public FaqStore(DSLContext db) {
        this.db = db;
    }

    /** Every section in order, each with its entries in order; retired entries only when asked for. */
    public List<FaqSection> sections(boolean includeRetired) {
        Condition visible = includeRetired ? DSL.noCondition() : FAQ_ENTRIES.RETIRED_AT.isNull();
        Field<List<FaqEntry>> entries = multiset(entrySelect()
                .where(FAQ_ENTRIES.SECTION_ID.eq(OUTER.ID)).and(visible)
                .orderBy(FAQ_ENTRIES.POSITION, FAQ_ENTRIES.ID))
                .as("entries").convertFrom(result -> result.map(FaqStore::toEntry));
        return db.select(OUTER.ID, OUTER.SLUG, OUTER.TITLE, OUTER.POSITION, entries)
                .from(OUTER)
                .orderBy(OUTER.POSITION, OUTER.ID)
                .fetch(r -> new FaqSection(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public Optional<FaqEntry> entry(long id) {
        return entrySelect().where(FAQ_ENTRIES.ID.eq(id)).fetchOptional(FaqStore::toEntry);
    }

    private org.jooq.SelectOnConditionStep<Record> entrySelect() {
        return db.select(List.<org.jooq.SelectFieldOrAsterisk>of(FAQ_ENTRIES.ID, FAQ_ENTRIES.SECTION_ID, FAQ_SECTIONS.TITLE, FAQ_ENTRIES.POSITION,
                        FAQ_ENTRIES.QUESTION, FAQ_ENTRIES.SLUG, FAQ_ENTRIES.ANSWER_MD, FAQ_ENTRIES.ANSWER_HTML,
                        SOURCE.ID, SOURCE.TITLE, SOURCE.SLUG, FAQ_ENTRIES.SOURCE_ANSWER_ID,
                        REVIEWER.ID, REVIEWER.USERNAME, REVIEWER.ROLE, REVIEWER.HELPER, FAQ_ENTRIES.REVIEWED_AT,
                        FAQ_ENTRIES.UPDATED_AT, FAQ_ENTRIES.RETIRED_AT))
                .from(FAQ_ENTRIES)
                .join(FAQ_SECTIONS).on(FAQ_SECTIONS.ID.eq(FAQ_ENTRIES.SECTION_ID))
                .leftJoin(SOURCE).on(SOURCE.ID.eq(FAQ_ENTRIES.SOURCE_QUESTION_ID))
                // the FAQ is public: it names its source question only when everyone may read that question
                .and(Audience.ANONYMOUS.categories(SOURCE.CATEGORY_ID))
                .leftJoin(REVIEWER).on(REVIEWER.ID.eq(FAQ_ENTRIES.REVIEWED_BY));
    }

    private static FaqEntry toEntry(Record r) {
        QuestionRef source = r.get(SOURCE.ID) == null ? null
                : new QuestionRef(r.get(SOURCE.ID), r.get(SOURCE.TITLE), r.get(SOURCE.SLUG));
        Author reviewer = r.get(REVIEWER.ID) == null ? null
                : Author.of(r, REVIEWER);
        return new FaqEntry(r.get(FAQ_ENTRIES.ID), r.get(FAQ_ENTRIES.SECTION_ID), r.get(FAQ_SECTIONS.TITLE),
                r.get(FAQ_ENTRIES.POSITION), r.get(FAQ_ENTRIES.QUESTION), r.get(FAQ_ENTRIES.SLUG),
                r.get(FAQ_ENTRIES.ANSWER_MD), r.get(FAQ_ENTRIES.ANSWER_HTML), source,
                r.get(FAQ_ENTRIES.SOURCE_ANSWER_ID), reviewer, r.get(FAQ_ENTRIES.REVIEWED_AT),
                r.get(FAQ_ENTRIES.UPDATED_AT), r.get(FAQ_ENTRIES.RETIRED_AT) != null);
    }

    public boolean isEmpty() {
        return !db.fetchExists(FAQ_SECTIONS);
    }

    public boolean sectionExists(long id) {
        return db.fetchExists(FAQ_SECTIONS, FAQ_SECTIONS.ID.eq(id));
    }

    public boolean sectionSlugTaken(String slug) {
        return db.fetchExists(FAQ_SECTIONS, FAQ_SECTIONS.SLUG.eq(slug));
    }

    public long insertSection(String slug, String title, LocalDateTime now) {
        int position = db.select(coalesce(max(FAQ_SECTIONS.POSITION), val(0))).from(FAQ_SECTIONS).fetchOne().value1() + 1;
        return db.insertInto(FAQ_SECTIONS)
                .set(FAQ_SECTIONS.SLUG, slug)
                .set(FAQ_SECTIONS.TITLE, title)
                .set(FAQ_SECTIONS.POSITION, position)
                .set(FAQ_SECTIONS.CREATED_AT, now)
                .returningResult(FAQ_SECTIONS.ID)
                .fetchOne(FAQ_SECTIONS.ID);
    }

    public void renameSection(long id, String title) {
        db.update(FAQ_SECTIONS).set(FAQ_SECTIONS.TITLE, title).where(FAQ_SECTIONS.ID.eq(id)).execute();
    }

    public List<Long> entryIdsOf(long sectionId) {
        return db.select(FAQ_ENTRIES.ID).from(FAQ_ENTRIES).where(FAQ_ENTRIES.SECTION_ID.eq(sectionId))
                .fetch(FAQ_ENTRIES.ID);
    }

    public record Placed(long id, int position) {}

    /** The sections in order: to move one past its neighbour. */
    public List<Placed> sectionOrder() {
        return db.select(FAQ_SECTIONS.ID, FAQ_SECTIONS.POSITION).from(FAQ_SECTIONS)
                .orderBy(FAQ_SECTIONS.POSITION, FAQ_SECTIONS.ID)
                .fetch(r -> new Placed(r.value1(), r.value2()));
    }

    /** The entries of a section in order, retired ones included. */
    public List<Placed> entryOrder(long sectionId) {
        return db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.POSITION).from(FAQ_ENTRIES)
                .where(FAQ_ENTRIES.SECTION_ID.eq(sectionId))
                .orderBy(FAQ_ENTRIES.POSITION, FAQ_ENTRIES.ID)
                .fetch(r -> new Placed(r.value1(), r.value2()));
    }

    public void setSectionPosition(long id, int position) {
        db.update(FAQ_SECTIONS).set(FAQ_SECTIONS.POSITION, position).where(FAQ_SECTIONS.ID.eq(id)).execute();
    }

    public void setEntryPosition(long id, int position) {
        db.update(FAQ_ENTRIES).set(FAQ_ENTRIES.POSITION, position).where(FAQ_ENTRIES.ID.eq(id)).execute();
    }

    public record EntryRow(long sectionId, String question, String slug, String answerMd, String answerHtml,
                           Long sourceQuestionId, Long sourceAnswerId) {}

    public long insertEntry(EntryRow row, long staffId, LocalDateTime now) {
        int position = db.select(coalesce(max(FAQ_ENTRIES.POSITION), val(0))).from(FAQ_ENTRIES)
                .where(FAQ_ENTRIES.SECTION_ID.eq(row.sectionId())).fetchOne().value1() + 1;
        return db.insertInto(FAQ_ENTRIES)
                .set(FAQ_ENTRIES.SECTION_ID, row.sectionId())
                .set(FAQ_ENTRIES.POSITION, position)
                .set(FAQ_ENTRIES.QUESTION, row.question())
                .set(FAQ_ENTRIES.SLUG, row.slug())
                .set(FAQ_ENTRIES.ANSWER_MD, row.answerMd())
                .set(FAQ_ENTRIES.ANSWER_HTML, row.answerHtml())
                .set(FAQ_ENTRIES.SOURCE_QUESTION_ID, row.sourceQuestionId())
                .set(FAQ_ENTRIES.SOURCE_ANSWER_ID, row.sourceAnswerId())
                .set(FAQ_ENTRIES.CREATED_BY, staffId)
                .set(FAQ_ENTRIES.CREATED_AT, now)
                .set(FAQ_ENTRIES.UPDATED_BY, staffId)
                .set(FAQ_ENTRIES.UPDATED_AT, now)
                .set(FAQ_ENTRIES.REVIEWED_BY, staffId)
                .set(FAQ_ENTRIES.REVIEWED_AT, now)
                .returningResult(FAQ_ENTRIES.ID)
                .fetchOne(FAQ_ENTRIES.ID);
    }

    /** Saves an edit; moving to another section puts the entry last there. */
    public void updateEntry(long id, EntryRow row, boolean sectionChanged, long staffId, LocalDateTime now) {
        var update = db.update(FAQ_ENTRIES)
                .set(FAQ_ENTRIES.SECTION_ID, row.sectionId())
                .set(FAQ_ENTRIES.QUESTION, row.question())
                .set(FAQ_ENTRIES.SLUG, row.slug())
                .set(FAQ_ENTRIES.ANSWER_MD, row.answerMd())
                .set(FAQ_ENTRIES.ANSWER_HTML, row.answerHtml())
                .set(FAQ_ENTRIES.UPDATED_BY, staffId)
                .set(FAQ_ENTRIES.UPDATED_AT, now)
                .set(FAQ_ENTRIES.REVIEWED_BY, staffId)
                .set(FAQ_ENTRIES.REVIEWED_AT, now);
        if (sectionChanged) {
            int position = db.select(coalesce(max(FAQ_ENTRIES.POSITION), val(0))).from(FAQ_ENTRIES)
                    .where(FAQ_ENTRIES.SECTION_ID.eq(row.sectionId())).fetchOne().value1() + 1;
            update.set(FAQ_ENTRIES.POSITION, position);
        }
        update.where(FAQ_ENTRIES.ID.eq(id)).execute();
    }

    public void setRetired(long id, Long staffId, LocalDateTime at) {
        db.update(FAQ_ENTRIES)
                .set(FAQ_ENTRIES.RETIRED_AT, at)
                .set(FAQ_ENTRIES.RETIRED_BY, staffId)
                .where(FAQ_ENTRIES.ID.eq(id))
                .execute();
    }

    public void setReviewed(long id, long staffId, LocalDateTime at) {
        db.update(FAQ_ENTRIES)
                .set(FAQ_ENTRIES.REVIEWED_BY, staffId)
                .set(FAQ_ENTRIES.REVIEWED_AT, at)
                .where(FAQ_ENTRIES.ID.eq(id))
                .execute();
    }

    /** An answer as a draft FAQ entry: its question's title, the answer's Markdown, and both ids. */
    public record AnswerDraft(long questionId, long answerId, String title, String answerMd) {}

    public Optional<AnswerDraft> answerDraft(long answerId) {
        Posts answer = POSTS.as("a");
        Posts question = POSTS.as("qp");
        return db.select(QUESTIONS.ID, answer.ID, QUESTIONS.TITLE, answer.BODY_MD)
                .from(answer)
                .join(QUESTIONS).on(QUESTIONS.ID.eq(answer.QUESTION_ID))
                .join(question).on(question.ID.eq(QUESTIONS.ID))
                .where(answer.ID.eq(answerId)).and(answer.KIND.eq("answer"))
                .and(answer.DELETED_AT.isNull()).and(question.DELETED_AT.isNull())
                .fetchOptional(r -> new AnswerDraft(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public boolean questionExists(long questionId) {
        return db.fetchExists(QUESTIONS, QUESTIONS.ID.eq(questionId));
    }

    /** The FAQ page and its current entries, for the sitemap. */
    public List<QuestionStore.SitemapEntry> sitemap(int limit) {
        List<QuestionStore.SitemapEntry> entries = new java.util.ArrayList<>();
        entries.add(new QuestionStore.SitemapEntry("/faq", null));
        entries.addAll(db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.SLUG, FAQ_ENTRIES.UPDATED_AT).from(FAQ_ENTRIES)
                .where(FAQ_ENTRIES.RETIRED_AT.isNull())
                .orderBy(FAQ_ENTRIES.UPDATED_AT.desc())
                .limit(Math.max(0, limit - 1))
                .fetch(r -> new QuestionStore.SitemapEntry("/faq/" + r.value1() + "/" + r.value2(), r.value3())));
        return entries;
    }
}
