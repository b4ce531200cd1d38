package townhall.qa;

import java.util.List;
import townhall.account.Member;

/**
 * What a question or answer passes on its way in: moderation's pre-moderation, spam defence and watched words answer
 * it (wired in {@code app/}), so Q&A never imports them. {@link #check} runs before the transaction and may refuse the
 * post ({@code web.InvalidInput} with a message for the form), change its text (a replaced word) or name reasons to
 * hold it for review; {@link #written} runs inside the transaction that wrote it, to queue it with those reasons.
 */
public interface ContentGate {

    /** What the form told beyond the text: the honeypot field's value and when the form was shown (epoch ms, 0: unknown). */
    record FormSignals(String honeypot, long shownAtMillis) {
        public static final FormSignals NONE = new FormSignals("", 0);
    }

    /**
     * A post about to be written; {@code kind} is "question", "answer", "comment" or "edit" (of a question or answer);
     * {@code title} null but for questions.
     */
    record Submission(String kind, Long questionId, String title, String body, FormSignals signals) {}

    /**
     * The gate's word: the text to write (maybe changed), reasons to hold the post for review (empty: publish), and
     * whatever the gate wants back in {@link #written} (matched words), opaque to Q&A.
     */
    record Verdict(String title, String body, List<String> holdReasons, Object memo) {
        public boolean holds() { return !holdReasons.isEmpty(); }

        public static Verdict pass(Submission s) {
            return new Verdict(s.title(), s.body(), List.of(), null);
        }
    }

    Verdict check(Member author, Submission submission);

    /** The post (or its edit) is written (and, if held, out of public view) in the current transaction. */
    default void written(PostStore.PostInfo post, Verdict verdict) {}

    /** A comment under the post is written (and, if held, hidden) in the current transaction. */
    default void commentWritten(PostStore.PostInfo post, long commentId, long authorId, Verdict verdict) {}

    /** A post was edited, in the edit's transaction (a new member's edit goes to the review queue). */
    default void edited(Member editor, PostStore.PostInfo post) {}

    /** Lets everything through: for commands and sites without moderation. */
    ContentGate OPEN = (author, submission) -> Verdict.pass(submission);
}
