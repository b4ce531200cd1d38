package townhall.qa;

import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_FOLLOWUPS;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import townhall.account.Member;
import townhall.db.Database;
import townhall.notify.Kind;
import townhall.notify.Notice;
import townhall.notify.Notifier;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * The askers' follow-up: once, {@code days} after asking, an asker whose question has answers but none accepted is
 * asked whether one solved it; they accept it with one click, or say it is still unsolved. Their answer is kept.
 * Questions asked more than a week before that window (older than the feature, say) are never asked about.
 */
public final class FollowUps {
    public static final String ACCEPTED = "accepted";
    public static final String UNSOLVED = "unsolved";
    private static final int BATCH = 500;

    private final Database database;
    private final DSLContext db;
    private final Notifier notifier;
    private final VoteAndMarkService marks;
    private final int days;
    private final Clock clock;

    /** Told what an asker answered, such as the insight dashboard's satisfaction figures; wired in app/. */
    public interface Answered {
        void answered(long questionId, long askerId, boolean solved);
    }

    private Answered answered = (questionId, askerId, solved) -> { };

    public void onAnswered(Answered listener) {
        this.answered = listener;
    }

    public FollowUps(Database database, Notifier notifier, VoteAndMarkService marks, int days, Clock clock) {
        this.database = database;
        this.db = database.dsl();
        this.notifier = notifier;
        this.marks = marks;
        this.days = days;
        this.clock = clock;
    }

    /** Sends the reminders now due; returns how many. */
    public int sweep() {
        if (days <= 0) {
            return 0;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime latest = now.minus(Duration.ofDays(days));
        LocalDateTime earliest = latest.minusDays(7);
        record Due(long id, long asker, String title, String slug) {}
        // the kind lets MariaDB read the week's questions by their creation date (ix_posts_kind_created) instead of
        // every answered question: at a million posts the sweep otherwise ran past the statement limit
        List<Due> due = db.select(QUESTIONS.ID, POSTS.AUTHOR_ID, QUESTIONS.TITLE, QUESTIONS.SLUG).from(QUESTIONS)
                .join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(POSTS.KIND.eq("question")).and(QUESTIONS.ANSWER_COUNT.gt(0)).and(QUESTIONS.ACCEPTED_ANSWER_ID.isNull())
                .and(QUESTIONS.CLOSED_AT.isNull()).and(POSTS.DELETED_AT.isNull())
                .and(POSTS.CREATED_AT.between(earliest, latest))
                .andNotExists(db.selectOne().from(QUESTION_FOLLOWUPS).where(QUESTION_FOLLOWUPS.QUESTION_ID.eq(QUESTIONS.ID)))
                .limit(BATCH)
                .fetch(r -> new Due(r.value1(), r.value2(), r.value3(), r.value4()));
        for (Due q : due) {
            database.inTransaction(() -> {
                if (db.insertInto(QUESTION_FOLLOWUPS).set(QUESTION_FOLLOWUPS.QUESTION_ID, q.id())
                        .set(QUESTION_FOLLOWUPS.ASKED_AT, now).onDuplicateKeyIgnore().execute() == 1) {
                    // the notice's actor is the asker, so that nobody else is told; the asker is the recipient
                    notifier.tell(Notice.direct(Kind.FOLLOWUP, "followup", 0, q.id(), q.id(), q.title(),
                            "/followup/" + q.id(), Set.of(q.asker())));
                }
            });
        }
        return due.size();
    }

    /** The outcome kept for a question, if its asker answered the follow-up. */
    public Optional<String> outcomeOf(long questionId) {
        return db.select(QUESTION_FOLLOWUPS.OUTCOME).from(QUESTION_FOLLOWUPS)
                .where(QUESTION_FOLLOWUPS.QUESTION_ID.eq(questionId)).fetchOptional(QUESTION_FOLLOWUPS.OUTCOME)
                .flatMap(Optional::ofNullable);
    }

    /** The asker says an answer solved it: it is accepted, and the follow-up's outcome kept. */
    public void solvedBy(Member asker, long questionId, long answerId) {
        requireAsker(asker, questionId);
        if (!db.fetchExists(POSTS, POSTS.ID.eq(answerId).and(POSTS.QUESTION_ID.eq(questionId))
                .and(POSTS.DELETED_AT.isNull()))) {
            throw new NotFound();
        }
        marks.accept(asker, answerId);
        record(questionId, ACCEPTED);
        answered.answered(questionId, asker.id(), true);
    }

    /** The asker says it is still unsolved. */
    public void unsolved(Member asker, long questionId) {
        requireAsker(asker, questionId);
        record(questionId, UNSOLVED);
        answered.answered(questionId, asker.id(), false);
    }

    private void requireAsker(Member member, long questionId) {
        Long author = db.select(POSTS.AUTHOR_ID).from(POSTS).join(QUESTIONS).on(QUESTIONS.ID.eq(POSTS.ID))
                .where(POSTS.ID.eq(questionId)).fetchOne(POSTS.AUTHOR_ID);
        if (author == null) {
            throw new NotFound();
        }
        if (author != member.id()) {
            throw new NotAllowed("qa.followup.denied");
        }
    }

    private void record(long questionId, String outcome) {
        LocalDateTime now = LocalDateTime.now(clock);
        db.insertInto(QUESTION_FOLLOWUPS).set(QUESTION_FOLLOWUPS.QUESTION_ID, questionId)
                .set(QUESTION_FOLLOWUPS.ASKED_AT, now).set(QUESTION_FOLLOWUPS.OUTCOME, outcome)
                .set(QUESTION_FOLLOWUPS.ANSWERED_AT, now)
                .onDuplicateKeyUpdate().set(QUESTION_FOLLOWUPS.OUTCOME, outcome)
                .set(QUESTION_FOLLOWUPS.ANSWERED_AT, now).execute();
    }
}
