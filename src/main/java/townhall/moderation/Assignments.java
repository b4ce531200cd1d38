package townhall.moderation;

import static townhall.db.schema.Tables.ASSIGNMENTS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.events.EventType;
import townhall.events.Events;
import townhall.i18n.Text;
import townhall.notify.Notifier;
import townhall.qa.PostStore;
import townhall.qa.QuestionLinks;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Staff assign a question to one of them, or to "support" (the team), with a state (open, waiting, resolved) and a
 * private staff note; each sees their assignments at /assignments, a question's at /assignments/q/{id}. Escalating sends the question to the helpdesk as a
 * {@code question.escalated} webhook event. Every change is logged.
 */
public final class Assignments {
    public static final List<String> STATES = List.of("open", "waiting", "resolved");
    public static final String SUPPORT = "support";
    public static final int NOTE_MAX = 1000;

    public record Assignment(long questionId, String title, String slug, String assignee, String state, String note,
                             String assignedBy, LocalDateTime updatedAt, LocalDateTime escalatedAt) {
        public String path() { return QuestionLinks.path(questionId, slug); }
    }

    private static final townhall.db.schema.tables.Members ASSIGNEE = MEMBERS.as("assignee");
    private static final townhall.db.schema.tables.Members BY = MEMBERS.as("assigner");

    private final Database database;
    private final DSLContext db;
    private final PostStore posts;
    private final AccountStore accounts;
    private final Privileges privileges;
    private final Notifier notifier;
    private final Events events;
    private final ModerationStore log;
    private final String base;
    private final Clock clock;

    public Assignments(Database database, PostStore posts, AccountStore accounts, Privileges privileges,
                       Notifier notifier, Events events, ModerationStore log, String base, Clock clock) {
        this.database = database;
        this.db = database.dsl();
        this.posts = posts;
        this.accounts = accounts;
        this.privileges = privileges;
        this.notifier = notifier;
        this.events = events;
        this.log = log;
        this.base = base;
        this.clock = clock;
    }

    private void requireStaff(Member member) {
        if (!privileges.mayAssign(member)) {
            throw new NotAllowed("moderation.denied.assign");
        }
    }

    private PostStore.PostInfo question(long questionId) {
        return posts.info(questionId).filter(PostStore.PostInfo::isQuestion).orElseThrow(NotFound::new);
    }

    public Optional<Assignment> of(Member staff, long questionId) {
        requireStaff(staff);
        question(questionId);
        return list(ASSIGNMENTS.QUESTION_ID.eq(questionId), 1).stream().findFirst();
    }

    /** {@code assignee}: a staff member's username, or "support" for the team. */
    public void assign(Member staff, long questionId, String assignee, String state, String note) {
        requireStaff(staff);
        PostStore.PostInfo question = question(questionId);
        String who = assignee == null ? "" : assignee.strip();
        String what = state == null ? "" : state.strip();
        String text = note == null ? "" : note.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Member assignedTo = null;
        if (!SUPPORT.equals(who)) {
            assignedTo = accounts.findByUsername(who).filter(Member::isStaff).orElse(null);
            if (assignedTo == null) {
                errors.add("assignee", "moderation.assign.error.assignee");
            }
        }
        if (!STATES.contains(what)) {
            errors.add("state", "moderation.assign.error.state");
        }
        if (text.length() > NOTE_MAX) {
            errors.add("note", "moderation.error.note.long", "max", NOTE_MAX);
        }
        errors.throwIfAny();
        Long assigneeId = assignedTo == null ? null : assignedTo.id();
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            db.insertInto(ASSIGNMENTS)
                    .set(ASSIGNMENTS.QUESTION_ID, questionId).set(ASSIGNMENTS.ASSIGNEE_ID, assigneeId)
                    .set(ASSIGNMENTS.STATE, what).set(ASSIGNMENTS.NOTE, text).set(ASSIGNMENTS.ASSIGNED_BY, staff.id())
                    .set(ASSIGNMENTS.UPDATED_AT, now)
                    .onDuplicateKeyUpdate()
                    .set(ASSIGNMENTS.ASSIGNEE_ID, assigneeId).set(ASSIGNMENTS.STATE, what).set(ASSIGNMENTS.NOTE, text)
                    .set(ASSIGNMENTS.ASSIGNED_BY, staff.id()).set(ASSIGNMENTS.UPDATED_AT, now)
                    .execute();
            if (assigneeId != null && assigneeId != staff.id()) {
                notifier.notify(assigneeId, Text.of("moderation.notify.assigned", "title", question.title(),
                        "name", staff.username()), "/assignments");
            }
            log.log(staff.id(), "assign", assigneeId, questionId, who + ", " + what + (text.isEmpty() ? "" : ": " + text), now);
        });
    }

    /** Sends the question to the helpdesk (a question.escalated webhook event) and marks its assignment. */
    public void escalate(Member staff, long questionId, String note) {
        requireStaff(staff);
        PostStore.PostInfo question = question(questionId);
        String text = note == null ? "" : note.strip();
        if (text.length() > NOTE_MAX) {
            throw InvalidInput.of("note", "moderation.error.note.long", "max", NOTE_MAX);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            db.insertInto(ASSIGNMENTS)
                    .set(ASSIGNMENTS.QUESTION_ID, questionId).set(ASSIGNMENTS.STATE, "open")
                    .set(ASSIGNMENTS.NOTE, text).set(ASSIGNMENTS.ASSIGNED_BY, staff.id())
                    .set(ASSIGNMENTS.UPDATED_AT, now).set(ASSIGNMENTS.ESCALATED_AT, now)
                    .onDuplicateKeyUpdate()
                    .set(ASSIGNMENTS.ESCALATED_AT, now).set(ASSIGNMENTS.UPDATED_AT, now)
                    .execute();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("questionId", questionId);
            data.put("title", question.title());
            data.put("url", base + QuestionLinks.path(questionId, question.slug()));
            data.put("escalatedBy", staff.username());
            data.put("note", text);
            events.emit(EventType.QUESTION_ESCALATED, questionId, data);
            log.log(staff.id(), "escalate", null, questionId, text, now);
        });
    }

    /** Assigned to the member, to support ("support"), or all ("all"); resolved ones only when asked for. */
    public List<Assignment> list(Member staff, String who, boolean resolved) {
        requireStaff(staff);
        Condition where = switch (who) {
            case SUPPORT -> ASSIGNMENTS.ASSIGNEE_ID.isNull();
            case "all" -> DSL.noCondition();
            default -> ASSIGNMENTS.ASSIGNEE_ID.eq(staff.id());
        };
        if (!resolved) {
            where = where.and(ASSIGNMENTS.STATE.ne("resolved"));
        }
        return list(where, 200);
    }

    private List<Assignment> list(Condition where, int limit) {
        return db.select(ASSIGNMENTS.QUESTION_ID, QUESTIONS.TITLE, QUESTIONS.SLUG, ASSIGNEE.USERNAME, ASSIGNMENTS.STATE,
                        ASSIGNMENTS.NOTE, BY.USERNAME, ASSIGNMENTS.UPDATED_AT, ASSIGNMENTS.ESCALATED_AT)
                .from(ASSIGNMENTS)
                .join(QUESTIONS).on(QUESTIONS.ID.eq(ASSIGNMENTS.QUESTION_ID))
                .join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(ASSIGNMENTS.ASSIGNEE_ID))
                .leftJoin(BY).on(BY.ID.eq(ASSIGNMENTS.ASSIGNED_BY))
                .where(where)
                .orderBy(ASSIGNMENTS.UPDATED_AT.desc())
                .limit(limit)
                .fetch(r -> new Assignment(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9()));
    }

    /** The staff an assignment can go to, by username. */
    public List<String> staffNames() {
        return db.select(MEMBERS.USERNAME).from(MEMBERS).where(MEMBERS.ROLE.in("staff", "admin"))
                .orderBy(MEMBERS.USERNAME).limit(200).fetch(MEMBERS.USERNAME);
    }
}
