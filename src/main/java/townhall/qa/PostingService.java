package townhall.qa;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.markdown.CommentFormatter;
import townhall.markdown.MarkdownRenderer;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;

import static townhall.qa.PostInput.body;
import static townhall.qa.PostInput.checkBody;
import static townhall.qa.PostInput.clean;
import static townhall.qa.QaRules.ANSWER_MIN;
import static townhall.qa.QaRules.BODY_MIN;
import static townhall.qa.QaRules.COMMENT_MAX;
import static townhall.qa.QaRules.COMMENT_MIN;

/** Asking, answering and commenting: who may post what, one transaction each. */
public final class PostingService {
    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";
    private static final String COMMENT = "comment";

    private final Database database;
    private final PostStore posts;
    private final CategoryStore categories;
    private final MarkdownRenderer markdown;
    private final CommentFormatter comments;
    private final PostInput input;
    private final PostAccess access;
    private final Clock clock;
    private final QaListener listener;
    private final Privileges privileges;
    private final PostVisibility visibility;
    private final ContentGate gate;

    public PostingService(Database database, PostStore posts, CategoryStore categories, MarkdownRenderer markdown,
                          CommentFormatter comments, PostInput input, PostAccess access, Clock clock,
                          QaListener listener, Privileges privileges, PostVisibility visibility, ContentGate gate) {
        this.visibility = visibility;
        this.gate = gate;
        this.database = database;
        this.posts = posts;
        this.categories = categories;
        this.markdown = markdown;
        this.comments = comments;
        this.input = input;
        this.access = access;
        this.clock = clock;
        this.listener = listener;
        this.privileges = privileges;
    }

    public record AskForm(String title, String body, String tags, String category) {}

    private void requireNotSilenced(Member author) {
        if (privileges.isSilenced(author)) {
            throw new NotAllowed("qa.denied.silenced", "until",
                    author.silencedUntil().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC");
        }
    }

    /** After writing, in the transaction: out of view if the gate holds it, and the gate told. */
    private void passed(long id, ContentGate.Verdict verdict, long authorId) {
        if (verdict.holds()) {
            visibility.withdraw(posts.info(id).orElseThrow(), authorId, PostVisibility.HELD);
        }
        gate.written(posts.info(id).orElseThrow(), verdict);
    }

    private void requireReplyAllowed(Member author) {
        requireNotSilenced(author);
        if (!privileges.mayReply(author)) {
            throw new NotAllowed("qa.denied.unconfirmed", "email", author.email());
        }
    }

    /** Whether the member has never asked (their ask form then shows a short checklist). */
    public boolean isFirstQuestion(Member asker) {
        return posts.questionCountOf(asker.id()) == 0;
    }

    /** Posts a question; returns its id. */
    public long ask(Member asker, AskForm form) {
        return ask(asker, form, ContentGate.FormSignals.NONE);
    }

    /** Posts a question sent from the ask form; returns its id (the question may wait for review). */
    public long ask(Member asker, AskForm form, ContentGate.FormSignals signals) {
        requireNotSilenced(asker);
        if (!privileges.mayAsk(asker, () -> posts.questionCountOf(asker.id()))) {
            throw new NotAllowed("qa.denied.unconfirmed", "email", asker.email());
        }
        String title = clean(form.title());
        String body = body(form.body());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        input.checkTitle(title, errors);
        checkBody("body", body, BODY_MIN, errors);
        input.checkLinks("body", body, asker, errors);
        List<String> tags = input.parseTags(form.tags(), errors);
        List<Category> offered = categories.visible(access.audience(asker)); // where the asker may read
        Category category = offered.stream()
                .filter(c -> c.slug().equals(clean(form.category())))
                .findFirst().orElse(null);
        if (category == null && !offered.isEmpty()) { // a site without categories files questions under none
            errors.add("category", "qa.error.category");
        }
        errors.throwIfAny();
        ContentGate.Verdict verdict = gate.check(asker, new ContentGate.Submission(QUESTION, null, title, body, signals));
        String finalTitle = verdict.title();
        String finalBody = verdict.body();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(QUESTION, null, asker.id(), finalBody, input.render(finalBody, asker), now);
            posts.insertQuestion(id, finalTitle, QuestionLinks.slugOf(finalTitle), markdown.excerpt(finalBody, 240),
                    category == null ? null : category.id(),
                    privileges.isNewcomer(asker), now);
            posts.setTags(id, tags);
            posts.insertRevision(id, asker.id(), finalTitle, String.join(" ", tags), finalBody, "", now);
            passed(id, verdict, asker.id());
            PostStore.PostInfo posted = posts.info(id).orElseThrow();
            listener.posted(posted);
            listener.textWritten(posted, finalBody);
            listener.questionChanged(id);
            return id;
        });
    }

    /** Posts an answer; returns its id. */
    public long answer(Member author, long questionId, String text) {
        return answer(author, questionId, text, ContentGate.FormSignals.NONE);
    }

    /** Posts an answer sent from the question's page; returns its id (the answer may wait for review). */
    public long answer(Member author, long questionId, String text, ContentGate.FormSignals signals) {
        requireReplyAllowed(author);
        String body = body(text);
        PostStore.PostInfo question = access.visibleQuestion(questionId, author);
        if (question.questionClosed()) {
            throw new NotAllowed("qa.denied.closed");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkBody("body", body, ANSWER_MIN, errors);
        input.checkLinks("body", body, author, errors);
        errors.throwIfAny();
        ContentGate.Verdict verdict = gate.check(author, new ContentGate.Submission(ANSWER, questionId, null, body, signals));
        String finalBody = verdict.body();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(ANSWER, questionId, author.id(), finalBody, input.render(finalBody, author), now);
            posts.addToAnswerCount(questionId, 1);
            posts.touchQuestion(questionId, now);
            posts.insertRevision(id, author.id(), null, null, finalBody, "", now);
            passed(id, verdict, author.id());
            PostStore.PostInfo posted = posts.info(id).orElseThrow();
            listener.posted(posted);
            listener.textWritten(posted, finalBody);
            listener.questionChanged(questionId);
            return id;
        });
    }

    /** A comment written: under which post, and whether it waits for review (held by the gate). */
    public record Commented(PostStore.PostInfo post, boolean held) {}

    /**
     * Adds a comment under a question or answer. The gate reads it as it reads posts (watched words, blocked domains):
     * it may refuse it ({@code InvalidInput}), change a word, or hold it out of view for review.
     */
    public Commented comment(Member author, long postId, String text) {
        requireReplyAllowed(author);
        String body = clean(text);
        PostStore.PostInfo post = access.visiblePost(postId, author);
        if (!privileges.canCommentOn(author, post.authorId(), post.questionAuthorId())) {
            throw new NotAllowed("qa.denied.comment", "reputation", privileges.rules().comment());
        }
        if (body.length() < COMMENT_MIN || body.length() > COMMENT_MAX) {
            throw InvalidInput.of("comment", "qa.error.comment.length", "min", COMMENT_MIN, "max", COMMENT_MAX);
        }
        ContentGate.Verdict verdict = gate.check(author,
                new ContentGate.Submission(COMMENT, post.questionId(), null, body, ContentGate.FormSignals.NONE));
        String finalBody = verdict.body().length() > COMMENT_MAX ? verdict.body().substring(0, COMMENT_MAX)
                : verdict.body();
        LocalDateTime now = now();
        database.inTransaction(() -> {
            long commentId = posts.insertComment(postId, author.id(), finalBody, comments.format(finalBody), now);
            if (verdict.holds()) {
                posts.setCommentDeleted(commentId, now); // out of view until a reviewer approves it
            } else {
                posts.touchQuestion(post.questionId(), now);
                listener.commented(post);
                listener.commentAdded(post, commentId, author.id(), finalBody);
            }
            gate.commentWritten(post, commentId, author.id(), verdict);
        });
        return new Commented(post, verdict.holds());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
