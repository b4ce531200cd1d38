package townhall.versions;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.groupConcat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.FAQ_ENTRIES;
import static townhall.db.schema.Tables.FRESHNESS_CHECKS;
import static townhall.db.schema.Tables.FRESHNESS_VERSIONS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.PRODUCT_LINES;
import static townhall.db.schema.Tables.PRODUCT_VERSIONS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.TAGS;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import townhall.db.schema.tables.ProductVersions;

/**
 * Product lines, their versions, and the freshness of verified answers and FAQ entries; every page reads what it
 * shows in one or two queries, never one per row.
 */
public final class VersionStore {
    static final String ANSWER = "answer";
    static final String FAQ = "faq";
    private static final ProductVersions CURRENT = PRODUCT_VERSIONS.as("current_version");
    private static final ProductVersions CHECKED = PRODUCT_VERSIONS.as("checked_version");

    private final DSLContext db;

    public VersionStore(DSLContext db) {
        this.db = db;
    }

    /** Every product line with its versions, newest first. */
    public List<ProductLine> lines() {
        return lines(DSL.noCondition());
    }

    /** The lines of a question's category or of one of its tags. */
    public List<ProductLine> linesOfQuestion(long questionId) {
        return lines(PRODUCT_LINES.CATEGORY_ID.eq(DSL.select(QUESTIONS.CATEGORY_ID).from(QUESTIONS)
                        .where(QUESTIONS.ID.eq(questionId)))
                .or(PRODUCT_LINES.TAG_ID.in(DSL.select(QUESTION_TAGS.TAG_ID).from(QUESTION_TAGS)
                        .where(QUESTION_TAGS.QUESTION_ID.eq(questionId)))));
    }

    private List<ProductLine> lines(Condition which) {
        Map<Long, List<ProductVersion>> versions = new LinkedHashMap<>();
        Map<Long, Record> lines = new LinkedHashMap<>();
        db.select(PRODUCT_LINES.ID, PRODUCT_LINES.NAME, PRODUCT_LINES.CURRENT_VERSION_ID, CATEGORIES.NAME, TAGS.NAME,
                        PRODUCT_VERSIONS.ID, PRODUCT_VERSIONS.NAME, PRODUCT_VERSIONS.RELEASED_ON)
                .from(PRODUCT_LINES)
                .leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(PRODUCT_LINES.CATEGORY_ID))
                .leftJoin(TAGS).on(TAGS.ID.eq(PRODUCT_LINES.TAG_ID))
                .leftJoin(PRODUCT_VERSIONS).on(PRODUCT_VERSIONS.LINE_ID.eq(PRODUCT_LINES.ID))
                .where(which)
                .orderBy(PRODUCT_LINES.NAME, PRODUCT_LINES.ID, PRODUCT_VERSIONS.RELEASED_ON.desc(),
                        PRODUCT_VERSIONS.ID.desc())
                .forEach(r -> {
                    long lineId = r.get(PRODUCT_LINES.ID);
                    lines.putIfAbsent(lineId, r);
                    List<ProductVersion> list = versions.computeIfAbsent(lineId, id -> new ArrayList<>());
                    if (r.get(PRODUCT_VERSIONS.ID) != null) {
                        list.add(new ProductVersion(r.get(PRODUCT_VERSIONS.ID), lineId, r.get(PRODUCT_VERSIONS.NAME),
                                r.get(PRODUCT_VERSIONS.RELEASED_ON),
                                r.get(PRODUCT_VERSIONS.ID).equals(r.get(PRODUCT_LINES.CURRENT_VERSION_ID))));
                    }
                });
        List<ProductLine> result = new ArrayList<>();
        lines.forEach((id, r) -> result.add(new ProductLine(id, r.get(PRODUCT_LINES.NAME), r.get(CATEGORIES.NAME),
                r.get(TAGS.NAME), List.copyOf(versions.get(id)))));
        return result;
    }

    /** A category a line may belong to. */
    public record CategoryChoice(long id, String name) {}

    public List<CategoryChoice> categories() {
        return db.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES).orderBy(CATEGORIES.POSITION, CATEGORIES.NAME)
                .fetch(r -> new CategoryChoice(r.value1(), r.value2()));
    }

    public boolean lineNamed(String name) {
        return db.fetchExists(PRODUCT_LINES, PRODUCT_LINES.NAME.eq(name));
    }

    public boolean lineExists(long id) {
        return db.fetchExists(PRODUCT_LINES, PRODUCT_LINES.ID.eq(id));
    }

    public Optional<String> lineName(long id) {
        return db.select(PRODUCT_LINES.NAME).from(PRODUCT_LINES).where(PRODUCT_LINES.ID.eq(id))
                .fetchOptional(r -> r.value1());
    }

    public Optional<Long> categoryId(long id) {
        return db.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.ID.eq(id)).fetchOptional(r -> r.value1());
    }

    public Optional<Long> tagId(String name) {
        return db.select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(name)).fetchOptional(r -> r.value1());
    }

    public long insertLine(String name, Long categoryId, Long tagId, LocalDateTime now) {
        return db.insertInto(PRODUCT_LINES)
                .set(PRODUCT_LINES.NAME, name)
                .set(PRODUCT_LINES.CATEGORY_ID, categoryId)
                .set(PRODUCT_LINES.TAG_ID, tagId)
                .set(PRODUCT_LINES.CREATED_AT, now)
                .returning(PRODUCT_LINES.ID).fetchOne().getId();
    }

    public boolean versionNamed(long lineId, String name) {
        return db.fetchExists(PRODUCT_VERSIONS, PRODUCT_VERSIONS.LINE_ID.eq(lineId).and(PRODUCT_VERSIONS.NAME.eq(name)));
    }

    /** Records a version and makes it the line's current one. */
    public long insertVersion(long lineId, String name, LocalDate releasedOn, long by, LocalDateTime now) {
        long id = db.insertInto(PRODUCT_VERSIONS)
                .set(PRODUCT_VERSIONS.LINE_ID, lineId)
                .set(PRODUCT_VERSIONS.NAME, name)
                .set(PRODUCT_VERSIONS.RELEASED_ON, releasedOn)
                .set(PRODUCT_VERSIONS.RECORDED_BY, by)
                .set(PRODUCT_VERSIONS.RECORDED_AT, now)
                .returning(PRODUCT_VERSIONS.ID).fetchOne().getId();
        db.update(PRODUCT_LINES).set(PRODUCT_LINES.CURRENT_VERSION_ID, id).where(PRODUCT_LINES.ID.eq(lineId)).execute();
        return id;
    }

    /** The lines of the given versions: version id to line id, for those that exist. */
    public Map<Long, Long> linesOfVersions(Collection<Long> versionIds) {
        Map<Long, Long> result = new LinkedHashMap<>();
        db.select(PRODUCT_VERSIONS.ID, PRODUCT_VERSIONS.LINE_ID).from(PRODUCT_VERSIONS)
                .where(PRODUCT_VERSIONS.ID.in(versionIds))
                .forEach(r -> result.put(r.value1(), r.value2()));
        return result;
    }

    /** Replaces what a subject was checked for: its line, versions, review-by date, and the check itself. */
    public void saveCheck(String kind, long subjectId, Long answerId, Long lineId, Collection<Long> versionIds,
                          LocalDate reviewBy, long by, LocalDateTime at, String how) {
        deleteCheck(kind, subjectId);
        db.insertInto(FRESHNESS_CHECKS)
                .set(FRESHNESS_CHECKS.KIND, kind)
                .set(FRESHNESS_CHECKS.SUBJECT_ID, subjectId)
                .set(FRESHNESS_CHECKS.ANSWER_ID, answerId)
                .set(FRESHNESS_CHECKS.LINE_ID, lineId)
                .set(FRESHNESS_CHECKS.REVIEW_BY, reviewBy)
                .set(FRESHNESS_CHECKS.CHECKED_BY, by)
                .set(FRESHNESS_CHECKS.CHECKED_AT, at)
                .set(FRESHNESS_CHECKS.HOW, how)
                .execute();
        addVersions(kind, subjectId, versionIds);
    }

    public void addVersions(String kind, long subjectId, Collection<Long> versionIds) {
        for (Long versionId : versionIds) {
            db.insertInto(FRESHNESS_VERSIONS)
                    .set(FRESHNESS_VERSIONS.KIND, kind)
                    .set(FRESHNESS_VERSIONS.SUBJECT_ID, subjectId)
                    .set(FRESHNESS_VERSIONS.VERSION_ID, versionId)
                    .onDuplicateKeyIgnore()
                    .execute();
        }
    }

    /** The version ids a subject was checked for. */
    public List<Long> versionIdsOf(String kind, long subjectId) {
        return db.select(FRESHNESS_VERSIONS.VERSION_ID).from(FRESHNESS_VERSIONS)
                .where(FRESHNESS_VERSIONS.KIND.eq(kind), FRESHNESS_VERSIONS.SUBJECT_ID.eq(subjectId))
                .fetch(r -> r.value1());
    }

    public void clearVersions(String kind, long subjectId) {
        db.deleteFrom(FRESHNESS_VERSIONS)
                .where(FRESHNESS_VERSIONS.KIND.eq(kind), FRESHNESS_VERSIONS.SUBJECT_ID.eq(subjectId)).execute();
    }

    /** A new check of what is there: who, when, how; the review-by date moves to {@code reviewBy}. */
    public void touch(String kind, long subjectId, LocalDate reviewBy, long by, LocalDateTime at, String how) {
        db.update(FRESHNESS_CHECKS)
                .set(FRESHNESS_CHECKS.REVIEW_BY, reviewBy)
                .set(FRESHNESS_CHECKS.CHECKED_BY, by)
                .set(FRESHNESS_CHECKS.CHECKED_AT, at)
                .set(FRESHNESS_CHECKS.HOW, how)
                .where(FRESHNESS_CHECKS.KIND.eq(kind), FRESHNESS_CHECKS.SUBJECT_ID.eq(subjectId)).execute();
    }

    public void deleteCheck(String kind, long subjectId) {
        clearVersions(kind, subjectId);
        db.deleteFrom(FRESHNESS_CHECKS)
                .where(FRESHNESS_CHECKS.KIND.eq(kind), FRESHNESS_CHECKS.SUBJECT_ID.eq(subjectId)).execute();
    }

    /** The line's current version of a subject's check: (line id, current version id), if it has a line. */
    public Optional<Record2<Long, Long>> lineAndCurrent(String kind, long subjectId) {
        return db.select(PRODUCT_LINES.ID, PRODUCT_LINES.CURRENT_VERSION_ID)
                .from(FRESHNESS_CHECKS)
                .join(PRODUCT_LINES).on(PRODUCT_LINES.ID.eq(FRESHNESS_CHECKS.LINE_ID))
                .where(FRESHNESS_CHECKS.KIND.eq(kind), FRESHNESS_CHECKS.SUBJECT_ID.eq(subjectId))
                .fetchOptional();
    }

    /** The freshness of one subject, if it has a check. */
    public Optional<Freshness> freshness(String kind, long subjectId, LocalDate today) {
        return select(today).where(FRESHNESS_CHECKS.KIND.eq(kind), FRESHNESS_CHECKS.SUBJECT_ID.eq(subjectId))
                .groupBy(FRESHNESS_CHECKS.KIND, FRESHNESS_CHECKS.SUBJECT_ID)
                .fetchOptional(r -> toFreshness(r, today));
    }

    /** The freshness of FAQ entries, by entry id, in one query. */
    public Map<Long, Freshness> faqFreshness(Collection<Long> entryIds, LocalDate today) {
        Map<Long, Freshness> result = new LinkedHashMap<>();
        if (entryIds.isEmpty()) {
            return result;
        }
        select(today).where(FRESHNESS_CHECKS.KIND.eq(FAQ), FRESHNESS_CHECKS.SUBJECT_ID.in(entryIds))
                .groupBy(FRESHNESS_CHECKS.KIND, FRESHNESS_CHECKS.SUBJECT_ID)
                .forEach(r -> result.put(r.get(FRESHNESS_CHECKS.SUBJECT_ID), toFreshness(r, today)));
        return result;
    }

    /** The re-verification queue: verified answers and FAQ entries outdated or due for review, oldest check first. */
    public List<Freshness> queue(LocalDate today, int limit) {
        return select(today).where(live().and(outdated().or(due(today))))
                .groupBy(FRESHNESS_CHECKS.KIND, FRESHNESS_CHECKS.SUBJECT_ID)
                .orderBy(FRESHNESS_CHECKS.CHECKED_AT, FRESHNESS_CHECKS.SUBJECT_ID)
                .limit(limit)
                .fetch(r -> toFreshness(r, today));
    }

    public int queueCount(LocalDate today) {
        return db.fetchCount(db.select(FRESHNESS_CHECKS.SUBJECT_ID).from(FRESHNESS_CHECKS)
                .leftJoin(PRODUCT_LINES).on(PRODUCT_LINES.ID.eq(FRESHNESS_CHECKS.LINE_ID))
                .leftJoin(QUESTIONS).on(FRESHNESS_CHECKS.KIND.eq(ANSWER).and(QUESTIONS.ID.eq(FRESHNESS_CHECKS.SUBJECT_ID)))
                .leftJoin(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(FAQ_ENTRIES).on(FRESHNESS_CHECKS.KIND.eq(FAQ).and(FAQ_ENTRIES.ID.eq(FRESHNESS_CHECKS.SUBJECT_ID)))
                .where(live()).and(outdated().or(due(today))));
    }

    /** Verified answers (of questions not deleted) by freshness. */
    public FreshnessCounts counts(LocalDate today) {
        Condition checked = FRESHNESS_CHECKS.ANSWER_ID.eq(QUESTIONS.VERIFIED_ANSWER_ID);
        Condition outdated = checked.and(outdated());
        Condition due = checked.and(due(today));
        Record r = db.select(count(), sum(when(outdated, inline(1)).else_(inline(0))),
                        sum(when(due, inline(1)).else_(inline(0))),
                        sum(when(outdated.or(due), inline(1)).else_(inline(0))))
                .from(QUESTIONS)
                .join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(FRESHNESS_CHECKS).on(FRESHNESS_CHECKS.KIND.eq(ANSWER)
                        .and(FRESHNESS_CHECKS.SUBJECT_ID.eq(QUESTIONS.ID)))
                .leftJoin(PRODUCT_LINES).on(PRODUCT_LINES.ID.eq(FRESHNESS_CHECKS.LINE_ID))
                .where(QUESTIONS.VERIFIED_ANSWER_ID.isNotNull(), POSTS.DELETED_AT.isNull())
                .fetchOne();
        return new FreshnessCounts(intOf(r.get(0)), intOf(r.get(1)), intOf(r.get(2)), intOf(r.get(3)));
    }

    private static int intOf(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** A check that still stands: the answer is still its question's verified one, the FAQ entry not retired. */
    private static Condition live() {
        return FRESHNESS_CHECKS.KIND.eq(ANSWER).and(QUESTIONS.VERIFIED_ANSWER_ID.eq(FRESHNESS_CHECKS.ANSWER_ID))
                .and(POSTS.DELETED_AT.isNull())
                .or(FRESHNESS_CHECKS.KIND.eq(FAQ).and(FAQ_ENTRIES.ID.isNotNull()).and(FAQ_ENTRIES.RETIRED_AT.isNull()));
    }

    private static Condition outdated() {
        return PRODUCT_LINES.CURRENT_VERSION_ID.isNotNull().and(not(exists(selectOne().from(FRESHNESS_VERSIONS)
                .where(FRESHNESS_VERSIONS.KIND.eq(FRESHNESS_CHECKS.KIND),
                        FRESHNESS_VERSIONS.SUBJECT_ID.eq(FRESHNESS_CHECKS.SUBJECT_ID),
                        FRESHNESS_VERSIONS.VERSION_ID.eq(PRODUCT_LINES.CURRENT_VERSION_ID)))));
    }

    private static Condition due(LocalDate today) {
        return FRESHNESS_CHECKS.REVIEW_BY.le(today);
    }

    private static final Field<String> VERSION_NAMES = groupConcat(CHECKED.NAME)
            .orderBy(CHECKED.RELEASED_ON, CHECKED.ID).separator(", ").as("version_names");
    private static final Field<String> TITLE = DSL.coalesce(QUESTIONS.TITLE, FAQ_ENTRIES.QUESTION).as("subject_title");
    private static final Field<String> SLUG = DSL.coalesce(QUESTIONS.SLUG, FAQ_ENTRIES.SLUG).as("subject_slug");

    private org.jooq.SelectOnConditionStep<Record> select(LocalDate today) {
        return db.select(List.<org.jooq.SelectFieldOrAsterisk>of(FRESHNESS_CHECKS.KIND, FRESHNESS_CHECKS.SUBJECT_ID,
                        FRESHNESS_CHECKS.REVIEW_BY, FRESHNESS_CHECKS.CHECKED_AT, FRESHNESS_CHECKS.HOW,
                        PRODUCT_LINES.NAME, CURRENT.NAME, MEMBERS.USERNAME, TITLE, SLUG, VERSION_NAMES,
                        DSL.field(outdated()).as("is_outdated")))
                .from(FRESHNESS_CHECKS)
                .leftJoin(PRODUCT_LINES).on(PRODUCT_LINES.ID.eq(FRESHNESS_CHECKS.LINE_ID))
                .leftJoin(CURRENT).on(CURRENT.ID.eq(PRODUCT_LINES.CURRENT_VERSION_ID))
                .leftJoin(MEMBERS).on(MEMBERS.ID.eq(FRESHNESS_CHECKS.CHECKED_BY))
                .leftJoin(FRESHNESS_VERSIONS).on(FRESHNESS_VERSIONS.KIND.eq(FRESHNESS_CHECKS.KIND)
                        .and(FRESHNESS_VERSIONS.SUBJECT_ID.eq(FRESHNESS_CHECKS.SUBJECT_ID)))
                .leftJoin(CHECKED).on(CHECKED.ID.eq(FRESHNESS_VERSIONS.VERSION_ID))
                .leftJoin(QUESTIONS).on(FRESHNESS_CHECKS.KIND.eq(ANSWER).and(QUESTIONS.ID.eq(FRESHNESS_CHECKS.SUBJECT_ID)))
                .leftJoin(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(FAQ_ENTRIES).on(FRESHNESS_CHECKS.KIND.eq(FAQ).and(FAQ_ENTRIES.ID.eq(FRESHNESS_CHECKS.SUBJECT_ID)));
    }

    private static Freshness toFreshness(Record r, LocalDate today) {
        String kind = r.get(FRESHNESS_CHECKS.KIND);
        long id = r.get(FRESHNESS_CHECKS.SUBJECT_ID);
        String slug = r.get(SLUG);
        String path = ANSWER.equals(kind) ? "/q/" + id + (slug == null ? "" : "/" + slug)
                : "/faq/" + id + (slug == null ? "" : "/" + slug);
        LocalDate reviewBy = r.get(FRESHNESS_CHECKS.REVIEW_BY);
        return new Freshness(kind, id, r.get(TITLE), path, r.get(PRODUCT_LINES.NAME), r.get(VERSION_NAMES),
                r.get(CURRENT.NAME), Boolean.TRUE.equals(r.get("is_outdated", Boolean.class)), reviewBy,
                reviewBy != null && !reviewBy.isAfter(today), r.get(FRESHNESS_CHECKS.CHECKED_AT),
                r.get(MEMBERS.USERNAME), r.get(FRESHNESS_CHECKS.HOW));
    }
}
