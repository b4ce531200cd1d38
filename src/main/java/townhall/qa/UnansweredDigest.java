package townhall.qa;

import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import townhall.notify.DigestSection;

/** The digest's "unanswered in your tags" for Helpers: the newest open questions without an answer, newcomers' first. */
public final class UnansweredDigest implements DigestSection {
    private static final int PER_MEMBER = 5;
    private static final int FETCHED = 500;

    private final DSLContext db;

    public UnansweredDigest(DSLContext db) {
        this.db = db;
    }

    @Override
    public String heading() { return "notify.digest.unanswered"; }

    @Override
    public Map<Long, List<Line>> lines(Set<Long> members, Map<Long, Set<Long>> unansweredTags, LocalDateTime since) {
        Set<Long> tags = new HashSet<>();
        unansweredTags.values().forEach(tags::addAll);
        if (tags.isEmpty()) {
            return Map.of();
        }
        record Row(long tagId, Line line) {}
        List<Row> rows = db.select(QUESTION_TAGS.TAG_ID, QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG)
                .from(QUESTIONS).join(QUESTION_TAGS).on(QUESTION_TAGS.QUESTION_ID.eq(QUESTIONS.ID))
                .join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(QUESTION_TAGS.TAG_ID.in(tags)).and(QUESTIONS.ANSWER_COUNT.eq(0))
                .and(QUESTIONS.CLOSED_AT.isNull()).and(POSTS.DELETED_AT.isNull())
                .and(Audience.ANY_MEMBER.categories(QUESTIONS.CATEGORY_ID)) // what every member may read
                .orderBy(QUESTIONS.FROM_NEWCOMER.desc(), QUESTIONS.ID.desc()).limit(FETCHED)
                .fetch(r -> new Row(r.value1(), new Line(r.value3(), QuestionLinks.path(r.value2(), r.value4()),
                        r.value2())));
        Map<Long, List<Line>> out = new HashMap<>();
        unansweredTags.forEach((member, watched) -> {
            Set<Line> mine = new LinkedHashSet<>();
            for (Row row : rows) {
                if (mine.size() < PER_MEMBER && watched.contains(row.tagId())) {
                    mine.add(row.line());
                }
            }
            if (!mine.isEmpty()) {
                out.put(member, new ArrayList<>(mine));
            }
        });
        return out;
    }
}
