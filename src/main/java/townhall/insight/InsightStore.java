package townhall.insight;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import townhall.qa.QuestionLinks;

/**
 * The dashboard's queries. Counts by day come from the roll-ups ({@code insight_days}, {@code insight_site_days})
 * for the days the roll-up job has counted, and from the posts themselves for the rest (today, and any filter by
 * tag); both are the same SQL, so they agree. Every query reads a date range through an index.
 */
public final class InsightStore {
    private static final String LIVE_POST = "p.deleted_at IS NULL AND qp.deleted_at IS NULL";

    private final DSLContext db;

    public InsightStore(DSLContext db) {
        this.db = db;
    }

    // ---- counts by day, from the posts (live) ----------------------------------------------------------------

    /** Questions, answers and Helper answers, comments and votes by day and category, counted from the posts. */
    public Map<LocalDate, Map<Long, Figures.Day>> countDays(LocalDateTime start, LocalDateTime end, Long category,
                                                            String tag) {
        Map<LocalDate, Map<Long, Figures.Day>> days = new TreeMap<>();
        List<Object> binds = new ArrayList<>(List.of(start, end));
        String filter = filter(category, tag, binds);
        for (Record r : db.fetch("SELECT DATE(p.created_at) d, COALESCE(q.category_id, 0) c,"
                + " SUM(p.kind = 'question') qs, SUM(p.kind = 'answer') ans, SUM(p.kind = 'answer' AND m.helper) ha"
                + " FROM posts p JOIN questions q ON q.id = COALESCE(p.question_id, p.id)"
                + " JOIN posts qp ON qp.id = q.id JOIN members m ON m.id = p.author_id"
                + " WHERE p.kind IN ('question', 'answer') AND p.created_at >= ? AND p.created_at < ? AND " + LIVE_POST
                + filter + " GROUP BY d, c", binds.toArray())) {
            day(days, r).put(r.get("c", Long.class), dayOf(days, r).withPosts(i(r, "qs"), i(r, "ans"), i(r, "ha")));
        }
        for (Record r : db.fetch("SELECT DATE(x.created_at) d, COALESCE(q.category_id, 0) c, COUNT(*) n"
                + " FROM comments x JOIN posts p ON p.id = x.post_id JOIN questions q ON q.id = COALESCE(p.question_id, p.id)"
                + " JOIN posts qp ON qp.id = q.id"
                + " WHERE x.created_at >= ? AND x.created_at < ? AND x.deleted_at IS NULL AND " + LIVE_POST
                + filter + " GROUP BY d, c", binds.toArray())) {
            day(days, r).put(r.get("c", Long.class), dayOf(days, r).withComments(i(r, "n")));
        }
        for (Record r : db.fetch("SELECT DATE(x.created_at) d, COALESCE(q.category_id, 0) c, COUNT(*) n"
                + " FROM votes x JOIN posts p ON p.id = x.post_id JOIN questions q ON q.id = COALESCE(p.question_id, p.id)"
                + " JOIN posts qp ON qp.id = q.id"
                + " WHERE x.created_at >= ? AND x.created_at < ? AND x.value <> 0 AND " + LIVE_POST
                + filter + " GROUP BY d, c", binds.toArray())) {
            day(days, r).put(r.get("c", Long.class), dayOf(days, r).withVotes(i(r, "n")));
        }
        return days;
    }

    private static Map<Long, Figures.Day> day(Map<LocalDate, Map<Long, Figures.Day>> days, Record r) {
        return days.computeIfAbsent(r.get("d", LocalDate.class), d -> new TreeMap<>());
    }

    private static Figures.Day dayOf(Map<LocalDate, Map<Long, Figures.Day>> days, Record r) {
        LocalDate d = r.get("d", LocalDate.class);
        return days.get(d).getOrDefault(r.get("c", Long.class), Figures.Day.empty(d));
    }

    /** Members who joined, members whose first post it was, and visitors, by day, counted from the source. */
    public Map<LocalDate, Figures.Day> countSiteDays(LocalDateTime start, LocalDateTime end) {
        Map<LocalDate, Figures.Day> days = new TreeMap<>();
        for (Record r : db.fetch("SELECT DATE(created_at) d, COUNT(*) n FROM members"
                + " WHERE created_at >= ? AND created_at < ? GROUP BY d", start, end)) {
            LocalDate d = r.get("d", LocalDate.class);
            days.put(d, days.getOrDefault(d, Figures.Day.empty(d)).withSite(i(r, "n"), 0, 0));
        }
        for (Record r : db.fetch("SELECT DATE(f.first_at) d, COUNT(*) n FROM"
                + " (SELECT p.author_id, MIN(p.created_at) first_at FROM posts p"
                + "  WHERE p.kind IN ('question', 'answer') AND p.created_at >= ? AND p.created_at < ?"
                + "  AND p.deleted_at IS NULL GROUP BY p.author_id) f"
                + " WHERE NOT EXISTS (SELECT 1 FROM posts e WHERE e.author_id = f.author_id AND e.created_at < ?"
                + "  AND e.deleted_at IS NULL) GROUP BY d", start, end, start)) {
            LocalDate d = r.get("d", LocalDate.class);
            days.put(d, days.getOrDefault(d, Figures.Day.empty(d)).withSite(0, i(r, "n"), 0));
        }
        for (Record r : db.fetch("SELECT day d, COUNT(*) n FROM insight_visits WHERE day >= ? AND day < ? GROUP BY day",
                start.toLocalDate(), end.toLocalDate())) {
            LocalDate d = r.get("d", LocalDate.class);
            days.put(d, days.getOrDefault(d, Figures.Day.empty(d)).withSite(0, 0, i(r, "n")));
        }
        return days;
    }

    // ---- roll-ups ----------------------------------------------------------------------------------------------

    /** Replaces the roll-up of one day with what the posts say now. */
    public void rollUp(LocalDate day, LocalDateTime now) {
        LocalDateTime start = day.atStartOfDay();
        LocalDateTime end = day.plusDays(1).atStartOfDay();
        Map<Long, Figures.Day> byCategory = countDays(start, end, null, "").getOrDefault(day, Map.of());
        Figures.Day site = countSiteDays(start, end).getOrDefault(day, Figures.Day.empty(day));
        db.execute("DELETE FROM insight_days WHERE day = ?", day);
        for (Map.Entry<Long, Figures.Day> e : byCategory.entrySet()) {
            Figures.Day d = e.getValue();
            db.execute("INSERT INTO insight_days (day, category_id, questions, answers, comments, votes, helper_answers,"
                    + " rolled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", day, e.getKey(), d.questions(), d.answers(),
                    d.comments(), d.votes(), d.helperAnswers(), now);
        }
        // the visitors of a day are counted once, from its hashes, which go with its salt: a second roll-up keeps them
        db.execute("INSERT INTO insight_site_days (day, new_members, first_posters, visitors, rolled_at)"
                + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE new_members = VALUES(new_members),"
                + " first_posters = VALUES(first_posters), visitors = GREATEST(visitors, VALUES(visitors)),"
                + " rolled_at = VALUES(rolled_at)", day, site.newMembers(), site.firstPosters(), site.visitors(), now);
        db.execute("DELETE FROM insight_visits WHERE day <= ?", day);
        db.execute("DELETE FROM insight_salts WHERE day <= ?", day);
        db.execute("DELETE FROM insight_dirty_days WHERE day = ?", day);
        rollUpMembersAndTags(day, day);
        keepFirstPostsTrue(day, day);
    }

    /**
     * Replaces the members' and the tags' roll-ups of the days {@code from} to {@code to} (inclusive) with what the
     * posts say now.
     */
    public void rollUpMembersAndTags(LocalDate from, LocalDate to) {
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        db.execute("DELETE FROM insight_member_days WHERE day >= ? AND day <= ?", from, to);
        db.execute("DELETE FROM insight_tag_days WHERE day >= ? AND day <= ?", from, to);
        String range = "p.created_at >= ? AND p.created_at < ?";
        db.execute(INSERT_MEMBER_DAYS + memberDays(false, range) + ") m", start, end);
        db.execute(INSERT_MEMBER_DAYS + memberDays(true, range) + ") m", start, end);
        db.execute("INSERT INTO insight_tag_days (tag_id, day, category_id, questions, answers, helper_answers)"
                + " SELECT qt.tag_id, DATE(p.created_at) d, COALESCE(q.category_id, 0) c, SUM(p.kind = 'question'),"
                + " SUM(p.kind = 'answer'), SUM(p.kind = 'answer' AND m.helper)"
                + " FROM posts p JOIN questions q ON q.id = COALESCE(p.question_id, p.id)"
                + " JOIN posts qp ON qp.id = q.id JOIN members m ON m.id = p.author_id"
                + " JOIN question_tags qt ON qt.question_id = q.id"
                + " WHERE p.kind IN ('question', 'answer') AND p.created_at >= ? AND p.created_at < ? AND " + LIVE_POST
                + " GROUP BY qt.tag_id, d, c", start, end);
        for (String source : List.of("comments", "votes")) {
            String live = source.equals("votes") ? "x.value <> 0" : "x.deleted_at IS NULL";
            db.execute("INSERT INTO insight_tag_days (tag_id, day, category_id, " + source + ")"
                    + " SELECT qt.tag_id, DATE(x.created_at) d, COALESCE(q.category_id, 0) c, COUNT(*) n"
                    + " FROM " + source + " x JOIN posts p ON p.id = x.post_id"
                    + " JOIN questions q ON q.id = COALESCE(p.question_id, p.id) JOIN posts qp ON qp.id = q.id"
                    + " JOIN question_tags qt ON qt.question_id = q.id"
                    + " WHERE x.created_at >= ? AND x.created_at < ? AND " + live + " AND " + LIVE_POST
                    + " GROUP BY qt.tag_id, d, c ON DUPLICATE KEY UPDATE " + source + " = VALUES(" + source + ")",
                    start, end);
        }
    }

    /**
     * A member's first post moved earlier (a post dated back, an import) after other days of theirs were counted:
     * those days learn it. Checks the members who posted from {@code from} to {@code to}, one index step each.
     */
    private void keepFirstPostsTrue(LocalDate from, LocalDate to) {
        for (Record r : db.fetch("SELECT n.member_id, n.first_at FROM (SELECT member_id, MIN(first_at) first_at"
                + " FROM insight_member_days WHERE tag_id = 0 AND day >= ? AND day <= ? GROUP BY member_id) n"
                + " WHERE (SELECT MAX(d.first_at) FROM insight_member_days d WHERE d.member_id = n.member_id)"
                + " > n.first_at", from, to)) {
            db.execute("UPDATE insight_member_days SET first_at = ? WHERE member_id = ? AND first_at > ?",
                    r.get("first_at", LocalDateTime.class), r.get("member_id", Long.class),
                    r.get("first_at", LocalDateTime.class));
        }
    }

    /** When the author of post {@code p} first posted anything (deleted or not): one step in the author index. */
    private static final String FIRST_POST = "(SELECT MIN(e.created_at) FROM posts e WHERE e.author_id = p.author_id)"
            + " first_at";

    private static final String INSERT_MEMBER_DAYS = "INSERT INTO insight_member_days (tag_id, day, category_id,"
            + " member_id, posts, answers, marked, last_answer_at, first_at) SELECT tag_id, d, c, member_id, posts,"
            + " answers, marked, last_answer_at, first_at FROM (";

    /**
     * What each member posted by day and category ({@code byTag}: and by tag of the question), of the questions and
     * answers not deleted that match {@code where} (on post {@code p}).
     */
    private static String memberDays(boolean byTag, String where) {
        String answer = "p.kind = 'answer' AND qp.deleted_at IS NULL";
        return "SELECT " + (byTag ? "qt.tag_id" : "0") + " tag_id, DATE(p.created_at) d, COALESCE(q.category_id, 0) c,"
                + " p.author_id member_id, COUNT(*) posts, SUM(" + answer + ") answers,"
                + " SUM(" + answer + " AND (q.accepted_answer_id <=> p.id OR q.verified_answer_id <=> p.id)) marked,"
                + " MAX(IF(" + answer + ", p.created_at, NULL)) last_answer_at, " + FIRST_POST
                + " FROM posts p JOIN questions q ON q.id = COALESCE(p.question_id, p.id) JOIN posts qp ON qp.id = q.id"
                + (byTag ? " JOIN question_tags qt ON qt.question_id = q.id" : "")
                + " WHERE p.kind IN ('question', 'answer') AND p.deleted_at IS NULL AND " + where
                + " GROUP BY tag_id, d, c, member_id";
    }

    /**
     * Counts again what the members who wrote the given questions and their answers posted on each day through
     * {@code through}: marks, answers and tags of a question change what its authors' days hold.
     */
    private void recountMembersOf(List<Long> questionIds, LocalDate through) {
        List<Object> binds = new ArrayList<>(questionIds);
        binds.addAll(questionIds);
        binds.add(through.plusDays(1).atStartOfDay());
        for (Record r : db.fetch("SELECT DISTINCT DATE(created_at) d, author_id FROM posts WHERE (id IN ("
                + marks(questionIds) + ") OR question_id IN (" + marks(questionIds) + ")) AND created_at < ?",
                binds.toArray())) {
            LocalDate day = r.get("d", LocalDate.class);
            long member = r.get("author_id", Long.class);
            db.execute("DELETE FROM insight_member_days WHERE day = ? AND member_id = ?", day, member);
            String where = "p.author_id = ? AND p.created_at >= ? AND p.created_at < ?";
            for (boolean byTag : new boolean[] {false, true}) {
                db.execute(INSERT_MEMBER_DAYS + memberDays(byTag, where) + ") m", member, day.atStartOfDay(),
                        day.plusDays(1).atStartOfDay());
            }
            keepFirstPostsTrue(day, day);
        }
    }

    /** The rolled-up days from {@code from} to {@code to} inclusive, in one category or all, summed by day. */
    public Map<LocalDate, Figures.Day> rolledDays(LocalDate from, LocalDate to, Long category, String tag) {
        Map<LocalDate, Figures.Day> days = new TreeMap<>();
        List<Object> binds = new ArrayList<>();
        String table = "insight_days WHERE";
        if (!tag.isEmpty()) {
            table = "insight_tag_days WHERE tag_id = " + TAG_ID + " AND";
            binds.add(tag);
        }
        binds.add(from);
        binds.add(to);
        String where = category == null ? "" : " AND category_id = ?";
        if (category != null) {
            binds.add(category);
        }
        for (Record r : db.fetch("SELECT day d, SUM(questions) qs, SUM(answers) ans, SUM(comments) cs, SUM(votes) vs,"
                + " SUM(helper_answers) ha FROM " + table + " day >= ? AND day <= ?" + where + " GROUP BY day",
                binds.toArray())) {
            LocalDate d = r.get("d", LocalDate.class);
            days.put(d, Figures.Day.empty(d).withPosts(i(r, "qs"), i(r, "ans"), i(r, "ha"))
                    .withComments(i(r, "cs")).withVotes(i(r, "vs")));
        }
        for (Record r : db.fetch("SELECT day d, new_members, first_posters, visitors FROM insight_site_days"
                + " WHERE day >= ? AND day <= ?", from, to)) {
            LocalDate d = r.get("d", LocalDate.class);
            days.put(d, days.getOrDefault(d, Figures.Day.empty(d))
                    .withSite(i(r, "new_members"), i(r, "first_posters"), i(r, "visitors")));
        }
        return days;
    }

    /** The first day anything was posted, or null on an empty site. */
    public LocalDate firstDay() {
        LocalDateTime first = db.fetchOne("SELECT MIN(created_at) FROM posts WHERE kind = 'question'")
                .get(0, LocalDateTime.class);
        LocalDateTime firstMember = db.fetchOne("SELECT MIN(created_at) FROM members").get(0, LocalDateTime.class);
        if (first == null || firstMember != null && firstMember.isBefore(first)) {
            first = firstMember;
        }
        return first == null ? null : first.toLocalDate();
    }

    public List<LocalDate> dirtyDays(int limit) {
        return db.fetch("SELECT day FROM insight_dirty_days ORDER BY day LIMIT ?", limit)
                .map(r -> r.get(0, LocalDate.class));
    }

    public void clearDirty(LocalDate day) {
        db.execute("DELETE FROM insight_dirty_days WHERE day = ?", day);
    }

    /** The days of a post (and, for a question, of its answers), to be counted again. */
    public void markDirty(long postId) {
        db.execute("INSERT IGNORE INTO insight_dirty_days (day) SELECT DATE(created_at) FROM posts"
                + " WHERE id = ? OR question_id = ?"
                + " UNION SELECT DATE(c.created_at) FROM comments c JOIN posts p ON p.id = c.post_id"
                + "  WHERE p.id = ? OR p.question_id = ?"
                + " UNION SELECT DATE(v.created_at) FROM votes v JOIN posts p ON p.id = v.post_id"
                + "  WHERE p.id = ? OR p.question_id = ?", postId, postId, postId, postId, postId, postId);
    }

    // ---- visitors ----------------------------------------------------------------------------------------------

    public String salt(LocalDate day, String candidate) {
        db.execute("INSERT IGNORE INTO insight_salts (day, salt) VALUES (?, ?)", day, candidate);
        return db.fetchOne("SELECT salt FROM insight_salts WHERE day = ?", day).get(0, String.class);
    }

    // ---- what became of the questions -------------------------------------------------------------------------

    /** What became of each question matching {@code where} (on question post {@code p} and question {@code q}). */
    private static String outcomeSelect(String where) {
        return "SELECT q.id, p.created_at asked, COALESCE(q.category_id, 0) category,"
                + " (SELECT MIN(a.created_at) FROM posts a WHERE a.question_id = q.id AND a.kind = 'answer'"
                + "   AND a.deleted_at IS NULL) first_answer,"
                + " (SELECT MIN(a.created_at) FROM posts a JOIN members am ON am.id = a.author_id"
                + "   WHERE a.question_id = q.id AND a.kind = 'answer' AND a.deleted_at IS NULL"
                + "   AND am.role <> 'member') first_staff,"
                + " q.accepted_answer_id IS NOT NULL accepted, q.verified_answer_id IS NOT NULL verified,"
                + " q.closed_at IS NOT NULL closed, p.deleted_at IS NOT NULL deleted"
                + " FROM posts p JOIN questions q ON q.id = p.id WHERE " + where;
    }

    /**
     * The period's questions ({@code id, asked, first_answer, first_staff, accepted, verified, closed}): from the kept
     * outcomes up to {@code rolledThrough}, from the posts after it. Adds the values to {@code binds}.
     */
    private static String outcomeRows(Period period, LocalDate rolledThrough, List<Object> binds) {
        List<String> parts = new ArrayList<>();
        LocalDateTime liveFrom = period.start();
        if (rolledThrough != null && !rolledThrough.isBefore(period.from())) {
            LocalDateTime keptEnd = rolledThrough.isBefore(period.to()) ? rolledThrough.plusDays(1).atStartOfDay()
                    : period.end();
            binds.add(period.start());
            binds.add(keptEnd);
            String filter = filter(period.categoryId(), "", binds);
            if (!period.tag().isEmpty()) { // the tag's questions (an index of question_tags), not a probe for each
                filter += " AND q.question_id IN (SELECT qt.question_id FROM question_tags qt WHERE qt.tag_id = "
                        + TAG_ID + ")";
                binds.add(period.tag());
            }
            parts.add("SELECT q.question_id id, q.asked_at asked, q.first_answer_at first_answer,"
                    + " q.first_staff_answer_at first_staff, q.accepted, q.verified, q.closed FROM insight_questions q"
                    + " WHERE q.asked_at >= ? AND q.asked_at < ? AND NOT q.deleted" + filter);
            liveFrom = keptEnd;
        }
        if (liveFrom.isBefore(period.end())) {
            binds.add(liveFrom);
            binds.add(period.end());
            String filter = filter(period.categoryId(), period.tag(), binds);
            parts.add("SELECT id, asked, first_answer, first_staff, accepted, verified, closed FROM ("
                    + outcomeSelect("p.kind = 'question' AND p.created_at >= ? AND p.created_at < ?"
                    + " AND p.deleted_at IS NULL" + filter) + ") l");
        }
        if (parts.isEmpty()) {
            return "SELECT NULL id, NULL asked, NULL first_answer, NULL first_staff, NULL accepted, NULL verified,"
                    + " NULL closed FROM DUAL WHERE FALSE";
        }
        return String.join(" UNION ALL ", parts);
    }

    /**
     * What became of the period's questions, summed in the database: how many, answered, accepted, verified,
     * answered first by the community, unanswered and open since before {@code overdue}; and the time to the first
     * answer (in seconds) at the median and the 90th percentile, nearest rank, null when none was answered.
     */
    public Figures.Outcomes outcomes(Period period, LocalDate rolledThrough, LocalDateTime overdue) {
        List<Object> binds = new ArrayList<>(List.of(overdue));
        Record r = db.fetchOne("SELECT COUNT(*) n, COALESCE(SUM(first_answer IS NOT NULL), 0) answered,"
                + " COALESCE(SUM(accepted), 0) accepted, COALESCE(SUM(verified), 0) verified,"
                + " COALESCE(SUM(first_answer IS NOT NULL AND (first_staff IS NULL OR first_answer < first_staff)), 0)"
                + "  community_first,"
                + " COALESCE(SUM(first_answer IS NULL AND NOT closed AND asked < ?), 0) unanswered"
                + " FROM (" + outcomeRows(period, rolledThrough, binds) + ") o", binds.toArray());
        Long median = null;
        Long p90 = null;
        if (i(r, "answered") > 0) {
            binds = new ArrayList<>();
            Record p = db.fetchOne("SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY secs) OVER () p50,"
                    + " PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY secs) OVER () p90"
                    + " FROM (SELECT TIMESTAMPDIFF(SECOND, asked, first_answer) secs FROM ("
                    + outcomeRows(period, rolledThrough, binds) + ") o WHERE first_answer IS NOT NULL) x LIMIT 1",
                    binds.toArray());
            median = p.get("p50", Long.class);
            p90 = p.get("p90", Long.class);
        }
        return new Figures.Outcomes(i(r, "n"), i(r, "answered"), i(r, "accepted"), i(r, "verified"),
                i(r, "community_first"), i(r, "unanswered"), median, p90);
    }

    /** The first {@code limit} questions of the period unanswered and open since before {@code overdue}, oldest first. */
    public List<Long> unanswered(Period period, LocalDate rolledThrough, LocalDateTime overdue, int limit) {
        List<Object> binds = new ArrayList<>();
        String rows = outcomeRows(period, rolledThrough, binds);
        binds.add(overdue);
        binds.add(limit);
        return db.fetch("SELECT id FROM (" + rows + ") o WHERE first_answer IS NULL AND NOT closed AND asked < ?"
                + " ORDER BY asked, id LIMIT ?", binds.toArray()).getValues(0, Long.class);
    }

    private static final String KEEP_OUTCOMES = "REPLACE INTO insight_questions (question_id, asked_at, category_id,"
            + " first_answer_at, first_staff_answer_at, accepted, verified, closed, deleted) SELECT id, asked, category,"
            + " first_answer, first_staff, accepted, verified, closed, deleted FROM (";

    /** Keeps what became of the questions asked in [start, end). */
    public void keepOutcomes(LocalDateTime start, LocalDateTime end) {
        db.execute(KEEP_OUTCOMES + outcomeSelect("p.kind = 'question' AND p.created_at >= ? AND p.created_at < ?")
                + ") o", start, end);
    }

    /** Keeps again what became of the questions that changed, among those asked before {@code end}. */
    public int keepChangedOutcomes(LocalDate through, int limit) {
        LocalDateTime end = through.plusDays(1).atStartOfDay();
        List<Long> ids = db.fetch("SELECT question_id FROM insight_dirty_questions ORDER BY question_id LIMIT ?", limit)
                .getValues(0, Long.class);
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> binds = new ArrayList<>(ids);
        binds.add(end);
        db.execute(KEEP_OUTCOMES + outcomeSelect("p.id IN (" + marks(ids) + ") AND p.created_at < ?") + ") o",
                binds.toArray());
        recountMembersOf(ids, through);
        db.execute("DELETE FROM insight_dirty_questions WHERE question_id IN (" + marks(ids) + ")", ids.toArray());
        return ids.size();
    }

    public void questionChanged(long questionId) {
        db.execute("INSERT IGNORE INTO insight_dirty_questions (question_id) VALUES (?)", questionId);
    }

    public List<Figures.QuestionLink> questions(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.fetch("SELECT q.id, q.title, q.slug, p.created_at FROM questions q JOIN posts p ON p.id = q.id"
                + " WHERE q.id IN (" + marks(ids) + ") ORDER BY p.created_at", ids.toArray()).map(r -> new Figures.QuestionLink(
                r.get("id", Long.class), r.get("title", String.class),
                QuestionLinks.path(r.get("id", Long.class), r.get("slug", String.class)),
                r.get("created_at", LocalDateTime.class)));
    }

    /**
     * Members who posted in the period, and those of them who had posted before it (anything, deleted since or not):
     * from the members' roll-ups through {@code rolledThrough}, from the posts after it; one pass over the rows.
     */
    public int[] activeAndReturning(Period period, LocalDate rolledThrough) {
        List<Object> binds = new ArrayList<>(List.of(period.start()));
        String members = memberRows(period, rolledThrough, "member_id, first_at", "", "p.author_id member_id, "
                + FIRST_POST, "p.kind IN ('question', 'answer') AND p.deleted_at IS NULL", binds);
        Record r = db.fetchOne("SELECT COUNT(DISTINCT member_id) active,"
                + " COUNT(DISTINCT CASE WHEN first_at < ? THEN member_id END) returned FROM (" + members + ") u",
                binds.toArray());
        return new int[] {i(r, "active"), i(r, "returned")};
    }

    /**
     * The rows of the period's members: {@code rolled} columns of insight_member_days through {@code rolledThrough}
     * ({@code rolledWhere} added), then {@code live} columns of the posts {@code p} matching {@code liveWhere} after
     * it (grouped by author when {@code live} aggregates). Adds the values to {@code binds}.
     */
    private static String memberRows(Period period, LocalDate rolledThrough, String rolled, String rolledWhere,
                                     String live, String liveWhere, List<Object> binds) {
        List<String> parts = new ArrayList<>();
        LocalDateTime liveFrom = period.start();
        if (rolledThrough != null && !rolledThrough.isBefore(period.from())) {
            LocalDate rolledTo = rolledThrough.isBefore(period.to()) ? rolledThrough : period.to();
            StringBuilder sql = new StringBuilder("SELECT " + rolled + " FROM insight_member_days WHERE tag_id = ");
            if (period.tag().isEmpty()) {
                sql.append("0");
            } else {
                sql.append(TAG_ID);
                binds.add(period.tag());
            }
            sql.append(" AND day >= ? AND day <= ?");
            binds.add(period.from());
            binds.add(rolledTo);
            if (period.categoryId() != null) {
                sql.append(" AND category_id = ?");
                binds.add(period.categoryId());
            }
            parts.add(sql + rolledWhere);
            liveFrom = rolledTo.plusDays(1).atStartOfDay();
        }
        if (liveFrom.isBefore(period.end())) {
            binds.add(liveFrom);
            binds.add(period.end());
            String filter = filter(period.categoryId(), period.tag(), binds);
            parts.add("SELECT " + live + " FROM posts p JOIN questions q ON q.id = COALESCE(p.question_id, p.id)"
                    + " JOIN posts qp ON qp.id = q.id WHERE p.created_at >= ? AND p.created_at < ? AND " + liveWhere
                    + filter + (live.contains("COUNT(") ? " GROUP BY p.author_id" : ""));
        }
        if (parts.isEmpty()) {
            return "SELECT " + rolled + " FROM insight_member_days WHERE FALSE";
        }
        return String.join(" UNION ALL ", parts);
    }

    /** The id of the tag named by the next value (none, so nothing matches, when there is no such tag). */
    private static final String TAG_ID = "(SELECT id FROM tags WHERE name = ?)";

    /**
     * The period's answerers with their answers (not deleted, to questions not deleted), how many of them are
     * accepted or verified, and the last one, best first; {@code members} narrows them (on member {@code m} and the
     * sums {@code a}), its values in {@code memberBinds}.
     */
    private List<Figures.Person> answerers(Period period, LocalDate rolledThrough, String members,
                                           List<Object> memberBinds, int limit) {
        List<Object> binds = new ArrayList<>();
        String rows = memberRows(period, rolledThrough, "member_id, answers, marked, last_answer_at",
                " AND answers > 0", "p.author_id member_id, COUNT(*) answers,"
                        + " SUM(q.accepted_answer_id <=> p.id OR q.verified_answer_id <=> p.id) marked,"
                        + " MAX(p.created_at) last_answer_at",
                "p.kind = 'answer' AND " + LIVE_POST, binds);
        binds.addAll(memberBinds);
        binds.add(limit);
        String sums = "SELECT member_id, SUM(answers) answers, SUM(marked) marked, MAX(last_answer_at) last_post"
                + " FROM (" + rows + ") u GROUP BY member_id";
        if (members.isEmpty()) { // only the best (and those tied with the last of them) are looked up in members
            binds.add(binds.size() - 1, limit);
            sums = "SELECT * FROM (SELECT s.*, RANK() OVER (ORDER BY marked DESC, answers DESC) place FROM (" + sums
                    + ") s) r WHERE place <= ?";
        }
        return db.fetch("SELECT m.id, m.username, m.reputation, a.answers, a.marked, a.last_post FROM (" + sums
                + ") a JOIN members m ON m.id = a.member_id WHERE TRUE" + members
                + " ORDER BY a.marked DESC, a.answers DESC, m.username LIMIT ?", binds.toArray()).map(r -> person(r, 0));
    }

    /** Who answered most in the period, with how many of their answers were accepted or verified. */
    public List<Figures.Person> topContributors(Period period, LocalDate rolledThrough, int limit) {
        return answerers(period, rolledThrough, "", List.of(), limit);
    }

    /** Members who joined in the last {@code days} and had an answer accepted or verified in the period. */
    public List<Figures.Person> risingNewcomers(Period period, LocalDate rolledThrough, int days, int limit) {
        return answerers(period, rolledThrough, " AND a.marked > 0 AND m.created_at >= ? AND m.role = 'member'"
                + " AND NOT m.helper", List.of(period.end().minusDays(days)), limit);
    }

    // ---- satisfaction ------------------------------------------------------------------------------------------

    /** Records one reader's answer; false when this reader already answered for this question. */
    public boolean addSatisfaction(long questionId, String voter, Long memberId, String source, boolean solved,
                                   String reason, LocalDateTime now) {
        return db.execute("INSERT IGNORE INTO insight_satisfaction (question_id, voter, member_id, source, solved,"
                + " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", questionId, voter, memberId, source, solved,
                reason, now) == 1;
    }

    /** Whether the question may be rated: it exists, is not deleted, and has an accepted or verified answer. */
    public boolean rateable(long questionId) {
        return db.fetchExists(db.selectOne().from("questions q JOIN posts p ON p.id = q.id")
                .where("q.id = ? AND p.deleted_at IS NULL AND (q.accepted_answer_id IS NOT NULL"
                        + " OR q.verified_answer_id IS NOT NULL)", questionId));
    }

    public Figures.Satisfaction satisfaction(Period period, int reasons) {
        List<Object> binds = new ArrayList<>(List.of(period.start(), period.end()));
        String filter = filter(period.categoryId(), period.tag(), binds);
        String from = " FROM insight_satisfaction s JOIN questions q ON q.id = s.question_id JOIN posts qp ON qp.id = q.id"
                + " LEFT JOIN categories c ON c.id = q.category_id"
                + " WHERE s.created_at >= ? AND s.created_at < ? AND qp.deleted_at IS NULL" + filter;
        List<Figures.CategorySatisfaction> byCategory = new ArrayList<>();
        int solved = 0;
        int unsolved = 0;
        int askerSolved = 0;
        int askerUnsolved = 0;
        for (Record r : db.fetch("SELECT c.name, s.source, SUM(s.solved) yes, SUM(NOT s.solved) no" + from
                + " GROUP BY c.name, s.source ORDER BY c.name", binds.toArray())) {
            if ("asker".equals(r.get("source", String.class))) {
                askerSolved += i(r, "yes");
                askerUnsolved += i(r, "no");
                continue;
            }
            solved += i(r, "yes");
            unsolved += i(r, "no");
            byCategory.add(new Figures.CategorySatisfaction(r.get("name", String.class), i(r, "yes"), i(r, "no")));
        }
        binds.add(reasons);
        List<Figures.Reason> why = db.fetch("SELECT q.id, q.title, q.slug, qp.created_at asked, s.reason, s.created_at"
                + from + " AND NOT s.solved AND s.reason <> '' ORDER BY s.created_at DESC LIMIT ?", binds.toArray())
                .map(r -> new Figures.Reason(new Figures.QuestionLink(r.get("id", Long.class),
                        r.get("title", String.class), QuestionLinks.path(r.get("id", Long.class),
                        r.get("slug", String.class)), r.get("asked", LocalDateTime.class)),
                        r.get("reason", String.class), r.get("created_at", LocalDateTime.class)));
        return new Figures.Satisfaction(solved, unsolved, askerSolved, askerUnsolved, byCategory, why);
    }

    // ---- deflection (search and the ask page; site-wide) --------------------------------------------------------

    public Figures.Deflection deflection(Period period, int ticketsPercent, int listSize) {
        Object[] range = {period.start(), period.end()};
        Record s = db.fetchOne("SELECT COUNT(*) searches, COALESCE(SUM(l.result_count = 0), 0) zero,"
                + " COALESCE(SUM(EXISTS (SELECT 1 FROM search_opens o WHERE o.search_token = l.token)), 0) opened"
                + " FROM search_log l WHERE l.created_at >= ? AND l.created_at < ? AND l.page = 1", range);
        Record a = db.fetchOne("SELECT COUNT(*) sessions, COALESCE(SUM(shown), 0) shown, COALESCE(SUM(opened), 0) opened,"
                + " COALESCE(SUM(posted), 0) posted, COALESCE(SUM(opened AND NOT posted), 0) opened_not_posted,"
                + " COALESCE(SUM(shown AND NOT posted), 0) shown_not_posted FROM"
                + " (SELECT ask_session, MAX(event = 'shown') shown, MAX(event = 'opened') opened,"
                + "  MAX(event = 'posted') posted FROM ask_events WHERE created_at >= ? AND created_at < ?"
                + "  GROUP BY ask_session) x", range);
        List<Figures.QueryCount> zero = db.fetch("SELECT LOWER(query) q, COUNT(*) n FROM search_log"
                + " WHERE result_count = 0 AND created_at >= ? AND created_at < ? GROUP BY LOWER(query)"
                + " ORDER BY n DESC, q LIMIT ?", period.start(), period.end(), listSize)
                .map(r -> new Figures.QueryCount(r.get("q", String.class), i(r, "n")));
        // what readers opened from a search or from the suggestions of an ask page they then left without asking
        List<Record> opened = db.fetch("SELECT t.target, COUNT(*) n FROM ("
                + " SELECT o.target FROM search_opens o WHERE o.created_at >= ? AND o.created_at < ?"
                + " UNION ALL SELECT e.target FROM ask_events e WHERE e.event = 'opened' AND e.created_at >= ?"
                + "  AND e.created_at < ? AND NOT EXISTS (SELECT 1 FROM ask_events p WHERE"
                + "  p.ask_session = e.ask_session AND p.event = 'posted')) t"
                + " WHERE t.target IS NOT NULL GROUP BY t.target ORDER BY n DESC, t.target LIMIT ?",
                period.start(), period.end(), period.start(), period.end(), listSize);
        List<Figures.Deflector> deflectors = deflectors(opened);
        int openedNotPosted = i(a, "opened_not_posted");
        int saved = openedNotPosted;
        return new Figures.Deflection(i(s, "searches"), i(s, "opened"), i(s, "zero"), i(a, "sessions"), i(a, "shown"),
                i(a, "opened"), i(a, "posted"), openedNotPosted, i(a, "shown_not_posted"), saved,
                (int) Math.round(saved * ticketsPercent / 100.0), zero, deflectors);
    }

    /** Titles and paths of the opened targets ("q12", "f3"), in two queries whatever their number. */
    private List<Figures.Deflector> deflectors(List<Record> opened) {
        List<Long> questionIds = new ArrayList<>();
        List<Long> faqIds = new ArrayList<>();
        for (Record r : opened) {
            String target = r.get("target", String.class);
            Long id = refId(target);
            if (id != null) {
                (target.charAt(0) == 'q' ? questionIds : faqIds).add(id);
            }
        }
        Map<String, String[]> found = new java.util.HashMap<>();
        if (!questionIds.isEmpty()) {
            for (Record r : db.fetch("SELECT id, title, slug FROM questions WHERE id IN (" + marks(questionIds) + ")",
                    questionIds.toArray())) {
                long id = r.get("id", Long.class);
                found.put("q" + id, new String[] {r.get("title", String.class),
                        QuestionLinks.path(id, r.get("slug", String.class))});
            }
        }
        if (!faqIds.isEmpty()) {
            for (Record r : db.fetch("SELECT id, question, slug FROM faq_entries WHERE id IN (" + marks(faqIds) + ")",
                    faqIds.toArray())) {
                long id = r.get("id", Long.class);
                found.put("f" + id, new String[] {r.get("question", String.class),
                        "/faq/" + id + "/" + r.get("slug", String.class)});
            }
        }
        List<Figures.Deflector> deflectors = new ArrayList<>();
        for (Record r : opened) {
            String[] titleAndPath = found.get(r.get("target", String.class));
            if (titleAndPath != null) {
                deflectors.add(new Figures.Deflector(titleAndPath[0], titleAndPath[1], i(r, "n")));
            }
        }
        return deflectors;
    }

    private static Long refId(String target) {
        if (target == null || target.length() < 2 || (target.charAt(0) != 'q' && target.charAt(0) != 'f')) {
            return null;
        }
        try {
            return Long.parseLong(target.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String marks(List<?> values) {
        return String.join(",", java.util.Collections.nCopies(values.size(), "?"));
    }

    // ---- people ------------------------------------------------------------------------------------------------

    /**
     * Members who are not Helpers (and were not refused by staff) with at least {@code fromReputation}: the ten with
     * most reputation are chosen first, and only their answers are counted.
     */
    public List<Figures.Person> closeToHelper(int fromReputation, int needed, int limit) {
        return db.fetch("SELECT m.id, m.username, m.reputation,"
                + " (SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id AND p.kind = 'answer' AND p.deleted_at IS NULL)"
                + "  answers,"
                + " (SELECT COUNT(*) FROM posts a JOIN questions q ON q.id = a.question_id WHERE a.author_id = m.id"
                + "  AND a.kind = 'answer' AND a.deleted_at IS NULL"
                + "  AND (q.accepted_answer_id = a.id OR q.verified_answer_id = a.id)) marked,"
                + " (SELECT MAX(p.created_at) FROM posts p WHERE p.author_id = m.id) last_post"
                + " FROM (SELECT id, username, reputation FROM members WHERE NOT helper AND role = 'member'"
                + "  AND helper_override IS NULL AND reputation >= ? ORDER BY reputation DESC, username LIMIT ?) m"
                + " ORDER BY m.reputation DESC, m.username", fromReputation, limit)
                .map(r -> person(r, needed));
    }

    /**
     * Helpers whose last post is older than {@code quietSince} but newer than {@code activeSince}; the last post of
     * each is read from the end of the author index (one step per Helper).
     */
    public List<Figures.Person> quietHelpers(LocalDateTime quietSince, LocalDateTime activeSince, int limit) {
        return db.fetch("SELECT * FROM (SELECT m.id, m.username, m.reputation, 0 answers, 0 marked,"
                + " (SELECT p.created_at FROM posts p WHERE p.author_id = m.id ORDER BY p.created_at DESC LIMIT 1)"
                + "  last_post FROM members m WHERE m.helper) h WHERE h.last_post < ? AND h.last_post >= ?"
                + " ORDER BY h.last_post DESC LIMIT ?", quietSince, activeSince, limit).map(r -> person(r, 0));
    }

    private static Figures.Person person(Record r, int needed) {
        return new Figures.Person(r.get("id", Long.class), r.get("username", String.class), i(r, "answers"),
                i(r, "marked"), i(r, "reputation"), needed, r.get("last_post", LocalDateTime.class));
    }

    // ---- the weekly report's readers ---------------------------------------------------------------------------

    public boolean subscribed(long memberId) {
        return db.fetchExists(db.selectOne().from("insight_report_subscribers").where("member_id = ?", memberId));
    }

    public void subscribe(long memberId, boolean on, LocalDateTime now) {
        if (on) {
            db.execute("INSERT IGNORE INTO insight_report_subscribers (member_id, created_at) VALUES (?, ?)",
                    memberId, now);
        } else {
            db.execute("DELETE FROM insight_report_subscribers WHERE member_id = ?", memberId);
        }
    }

    public record Reader(long id, String username, String email, String language) {}

    /** Staff who asked for the report (a member who is no longer staff gets none). */
    public List<Reader> readers() {
        return db.fetch("SELECT m.id, m.username, m.email, m.language FROM insight_report_subscribers s"
                + " JOIN members m ON m.id = s.member_id WHERE m.role <> 'member' ORDER BY m.id")
                .map(r -> new Reader(r.get("id", Long.class), r.get("username", String.class),
                        r.get("email", String.class), r.get("language", String.class)));
    }

    public List<Figures.CategoryOption> categories() {
        return db.fetch("SELECT id, name FROM categories ORDER BY position, name")
                .map(r -> new Figures.CategoryOption(r.get("id", Long.class), r.get("name", String.class)));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The condition on question {@code q} for a category and a tag; adds their values to {@code binds}. */
    private static String filter(Long category, String tag, List<Object> binds) {
        StringBuilder sql = new StringBuilder();
        if (category != null) {
            sql.append(" AND q.category_id = ?");
            binds.add(category);
        }
        if (tag != null && !tag.isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM question_tags qt JOIN tags t ON t.id = qt.tag_id"
                    + " WHERE qt.question_id = q.id AND t.name = ?)");
            binds.add(tag);
        }
        return sql.toString();
    }

    private static int i(Record r, String field) {
        Number n = r.get(field, Number.class);
        return n == null ? 0 : n.intValue();
    }
}
