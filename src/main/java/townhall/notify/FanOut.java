package townhall.notify;

import static townhall.db.schema.Tables.MEMBERS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Turns each {@link Notice} into notifications, off the request: a few set-based inserts whatever the number of
 * recipients (direct ones, those replied to, the mentioned, then watchers of the question, of the tags' unanswered questions, of the
 * tags and category), never the actor, never a member who muted the question, tag or category, never a member who
 * may not read the question ({@link Readers}: category permissions). A member gets one
 * notification per notice, the first that reaches them; a second run inserts nothing (unique event and member).
 */
final class FanOut implements OutboxHandler {
    static final String TOPIC = "notify";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final LiveCounts live;
    private final Clock clock;
    private final Readers readers;

    FanOut(Database database, LiveCounts live, Clock clock, Readers readers) {
        this.database = database;
        this.live = live;
        this.clock = clock;
        this.readers = readers;
    }

    static String toJson(Notice notice) {
        try {
            return JSON.writeValueAsString(notice);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String topic() { return TOPIC; }

    @Override
    public int batchSize() { return 20; }

    @Override
    public void handle(List<OutboxEntry> batch) throws Exception {
        List<Long> events = new ArrayList<>();
        for (OutboxEntry entry : batch) {
            Notice notice = JSON.readValue(entry.payload(), Notice.class);
            fanOut(database.background(), entry.id(), notice); // each insert alone: a rerun completes what is missing
            events.add(entry.id());
        }
        live.notifyRecipientsOf(events);
    }

    void fanOut(DSLContext db, long event, Notice n) {
        // a notification is dated when its cause happened; one about something older than a day (the demo's seeded
        // past, a backlog after an outage) is shown but never mailed
        LocalDateTime now = n.at() == null ? LocalDateTime.now(clock) : LocalDateTime.parse(n.at());
        boolean stale = now.isBefore(LocalDateTime.now(clock).minusDays(1));
        String actor = db.select(MEMBERS.USERNAME).from(MEMBERS).where(MEMBERS.ID.eq(n.actorId())).fetchOne(MEMBERS.USERNAME);
        String tags = n.tagIds().isEmpty() ? "-1" : n.tagIds().stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        long category = n.categoryId() == null ? -1 : n.categoryId();
        String mutedQuestion = "NOT EXISTS (SELECT 1 FROM watches x WHERE x.member_id = %s AND x.watch_level = -1"
                + " AND x.target = 'question' AND x.target_id = ?)";
        String mutedAnything = "NOT EXISTS (SELECT 1 FROM watches x WHERE x.member_id = w.member_id AND x.watch_level = -1"
                + " AND ((x.target = 'question' AND x.target_id = ?) OR (x.target = 'tag' AND x.target_id IN (" + tags
                + ")) OR (x.target = 'category' AND x.target_id = ?)))";
        if (!n.to().isEmpty()) {
            insert(db, event, n, actor, stale, n.kind(), n.what(), now, "members m",
                    "m.id IN (" + ids(n.to()) + ") AND " + mutedQuestion.formatted("m.id"), "m.id", n.questionId());
        }
        if (!n.repliedTo().isEmpty()) {
            insert(db, event, n, actor, stale, n.kind(), "reply", now, "members m",
                    "m.id IN (" + ids(n.repliedTo()) + ") AND " + mutedQuestion.formatted("m.id"), "m.id", n.questionId());
        }
        if (!n.mentioned().isEmpty()) {
            insert(db, event, n, actor, stale, Kind.MENTION, n.kind() == Kind.COMMENT ? "comment" : "post", now,
                    "members m",
                    "m.username IN (" + String.join(",", n.mentioned().stream().map(u -> "?").toList()) + ")",
                    "m.id", n.mentioned().toArray());
        }
        if (n.questionWatchers()) {
            insert(db, event, n, actor, stale, Kind.WATCHED, n.what(), now, "watches w",
                    "w.target = 'question' AND w.target_id = ? AND w.watch_level = 1 AND " + mutedAnything,
                    "w.member_id", n.questionId(), n.questionId(), category);
        }
        if (n.unansweredWatchers()) {
            insert(db, event, n, actor, stale, Kind.UNANSWERED, n.what(), now, "watches w",
                    "w.target = 'unanswered' AND w.target_id IN (" + tags + ") AND w.watch_level = 1 AND " + mutedAnything,
                    "w.member_id", n.questionId(), category);
        }
        if (n.tagWatchers() && !n.tagIds().isEmpty()) { // tags, then the category: each an index range of watches
            insert(db, event, n, actor, stale, Kind.TAGS, n.what(), now, "watches w",
                    "w.target = 'tag' AND w.target_id IN (" + tags + ") AND w.watch_level = 1 AND " + mutedAnything,
                    "w.member_id", n.questionId(), category);
        }
        if (n.tagWatchers() && n.categoryId() != null) {
            insert(db, event, n, actor, stale, Kind.TAGS, n.what(), now, "watches w",
                    "w.target = 'category' AND w.target_id = ? AND w.watch_level = 1 AND " + mutedAnything,
                    "w.member_id", category, n.questionId(), category);
        }
    }

    /** One INSERT ... SELECT: everyone {@code where} finds, but the actor, with their delivery for the kind. */
    private void insert(DSLContext db, long event, Notice n, String actor, boolean stale, Kind kind, String what,
                        LocalDateTime now, String from, String where, String member, Object... whereBinds) {
        String message = Text.of("notifications." + kind.code() + "." + what, "actor", actor == null ? "" : actor,
                "title", n.title()).encoded();
        String sql = "INSERT IGNORE INTO notifications (member_id, kind, message, link, question_id, post_id, actor_id,"
                + " event_id, created_at, mail) SELECT " + member + ", ?, ?, ?, ?, ?, ?, ?, ?, "
                + (stale ? "'never'" : "COALESCE(p.delivery, ?)")
                + " FROM " + from + " LEFT JOIN notification_prefs p ON p.member_id = " + member + " AND p.kind = ?"
                + " WHERE " + member + " <> ? AND " + where
                + " AND " + db.renderInlined(readers.mayRead(DSL.field(member, Long.class), n.questionId()));
        List<Object> binds = new ArrayList<>(List.of(kind.code(), message, n.link(), n.questionId(), n.postId(),
                n.actorId(), event, now));
        if (!stale) {
            binds.add(kind.byDefault().code());
        }
        binds.addAll(List.of(kind.code(), n.actorId()));
        binds.addAll(List.of(whereBinds));
        db.execute(sql, binds.toArray());
    }

    private static String ids(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
