package townhall.home;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.localDateTimeDiff;
import static townhall.db.schema.Tables.ASK_EVENTS;
import static townhall.db.schema.Tables.FAQ_ENTRIES;
import static townhall.db.schema.Tables.FAQ_SECTIONS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.SEARCH_OPENS;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import townhall.qa.Audience;
import townhall.qa.QuestionLinks;

/** The queries behind the home page's highlights: the community's figures, its most useful FAQ entries and answers. */
public final class HomeStore {
    private final DSLContext db;

    public HomeStore(DSLContext db) {
        this.db = db;
    }

    public record Link(String title, String path, boolean verified) {}

    /** Questions that have at least one visible answer. */
    public int answeredQuestions() {
        // from the answers' covering index (kind, created_at, deleted_at, author_id, question_id): 0.7 s at a million
        // posts, where joining each question's post row read the table, 13.5 s
        return db.select(DSL.countDistinct(POSTS.QUESTION_ID)).from(POSTS)
                .where(POSTS.KIND.eq("answer")).and(POSTS.DELETED_AT.isNull())
                .fetchOne(0, int.class);
    }

    /** For each question asked since the moment and answered by someone else, the seconds to its first answer. */
    public List<Long> secondsToFirstAnswer(LocalDateTime since) {
        var question = POSTS.as("question");
        var answer = POSTS.as("answer");
        return db.select(localDateTimeDiff(min(answer.CREATED_AT), question.CREATED_AT))
                .from(question)
                .join(answer).on(answer.QUESTION_ID.eq(question.ID)).and(answer.KIND.eq("answer"))
                .and(answer.DELETED_AT.isNull()).and(answer.AUTHOR_ID.ne(question.AUTHOR_ID))
                .where(question.KIND.eq("question")).and(question.DELETED_AT.isNull())
                .and(question.CREATED_AT.ge(since))
                .groupBy(question.ID, question.CREATED_AT)
                .fetch(r -> seconds(r.value1()));
    }

    private static long seconds(DayToSecond interval) {
        return interval == null ? 0 : Math.abs((long) interval.getTotalSeconds());
    }

    public int helpers() {
        return db.fetchCount(MEMBERS, MEMBERS.HELPER.isTrue());
    }

    /** Current FAQ entries, the ones opened most from search and from the ask page since the moment first. */
    public List<Link> mostOpenedFaq(LocalDateTime since, int limit) {
        Map<String, Integer> opens = new HashMap<>();
        db.select(SEARCH_OPENS.TARGET, count()).from(SEARCH_OPENS)
                .where(SEARCH_OPENS.CREATED_AT.ge(since)).and(SEARCH_OPENS.TARGET.like("f%"))
                .groupBy(SEARCH_OPENS.TARGET)
                .unionAll(select(ASK_EVENTS.TARGET, count()).from(ASK_EVENTS)
                        .where(ASK_EVENTS.CREATED_AT.ge(since)).and(ASK_EVENTS.EVENT.eq("opened"))
                        .and(ASK_EVENTS.TARGET.like("f%")).groupBy(ASK_EVENTS.TARGET))
                .forEach(r -> opens.merge(r.value1(), r.value2(), Integer::sum));
        List<FaqRow> entries = db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.QUESTION, FAQ_ENTRIES.SLUG)
                .from(FAQ_ENTRIES).join(FAQ_SECTIONS).on(FAQ_SECTIONS.ID.eq(FAQ_ENTRIES.SECTION_ID))
                .where(FAQ_ENTRIES.RETIRED_AT.isNull())
                .orderBy(FAQ_SECTIONS.POSITION, FAQ_ENTRIES.POSITION, FAQ_ENTRIES.ID)
                .fetch(r -> new FaqRow(r.value1(), r.value2(), r.value3()));
        return entries.stream()
                .sorted((a, b) -> Integer.compare(opens.getOrDefault("f" + b.id, 0), opens.getOrDefault("f" + a.id, 0)))
                .limit(limit)
                .map(row -> new Link(row.question, "/faq/" + row.id + "/" + row.slug, true))
                .toList();
    }

    private record FaqRow(long id, String question, String slug) {}

    /**
     * Solved questions (an accepted or verified answer), the most read first: public ones only, as the highlights
     * are the same for every reader.
     */
    public List<Link> mostReadSolved(int limit) {
        return db.select(QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG, QUESTIONS.VERIFIED_ANSWER_ID)
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(POSTS.DELETED_AT.isNull()).and(QUESTIONS.DUPLICATE_OF.isNull())
                .and(Audience.ANONYMOUS.categories(QUESTIONS.CATEGORY_ID))
                .and(QUESTIONS.ACCEPTED_ANSWER_ID.isNotNull().or(QUESTIONS.VERIFIED_ANSWER_ID.isNotNull()))
                .orderBy(QUESTIONS.VIEW_COUNT.desc(), QUESTIONS.ID.desc())
                .limit(limit)
                .fetch(r -> new Link(r.value2(), QuestionLinks.path(r.value1(), r.value3()), r.value4() != null));
    }

    /** Visible questions per category id. */
    public Map<Long, Integer> questionsPerCategory() {
        Map<Long, Integer> counts = new HashMap<>();
        db.select(QUESTIONS.CATEGORY_ID, count()).from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(POSTS.DELETED_AT.isNull()).and(QUESTIONS.CATEGORY_ID.isNotNull())
                .groupBy(QUESTIONS.CATEGORY_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }
}
