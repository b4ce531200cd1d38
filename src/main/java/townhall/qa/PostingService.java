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

    public PostingService(Database database, PostStore posts, CategoryStore categories, MarkdownRenderer markdown,
                          CommentFormatter comments, PostInput input, PostAccess access, Clock clock,
                          QaListener listener, Privileges privileges) {
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

    private void requireReplyAllowed(Member author) {
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
        List<Category> offered = categories.all();
        Category category = offered.stream()
                .filter(c -> c.slug().equals(clean(form.category())))
                .findFirst().orElse(null);
        if (category == null && !offered.isEmpty()) { // a site without categories files questions under none
            errors.add("category", "qa.error.category");
        }
        errors.throwIfAny();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(QUESTION, null, asker.id(), body, input.render(body, asker), now);
            posts.insertQuestion(id, title, QuestionLinks.slugOf(title), markdown.excerpt(body, 240),
                    category == null ? null : category.id(),
                    privileges.isNewcomer(asker), now);
            posts.setTags(id, tags);
            posts.insertRevision(id, asker.id(), title, String.join(" ", tags), body, "", now);
            PostStore.PostInfo posted = posts.info(id).orElseThrow();
            listener.posted(posted);
            listener.textWritten(posted, body);
            listener.questionChanged(id);
            return id;
        });
    }

    /** Posts an answer; returns its id. */
    public long answer(Member author, long questionId, String text) {
        requireReplyAllowed(author);
        String body = body(text);
        PostStore.PostInfo question = access.visibleQuestion(questionId);
        if (question.questionClosed()) {
            throw new NotAllowed("qa.denied.closed");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkBody("body", body, ANSWER_MIN, errors);
        input.checkLinks("body", body, author, errors);
        errors.throwIfAny();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(ANSWER, questionId, author.id(), body, input.render(body, author), now);
            posts.addToAnswerCount(questionId, 1);
            posts.touchQuestion(questionId, now);
            posts.insertRevision(id, author.id(), null, null, body, "", now);
            PostStore.PostInfo posted = posts.info(id).orElseThrow();
            listener.posted(posted);
            listener.textWritten(posted, body);
            listener.questionChanged(questionId);
            return id;
        });
    }

    /** Adds a comment under a question or answer; returns the question id. */
    public PostStore.PostInfo comment(Member author, long postId, String text) {
        requireReplyAllowed(author);
        String body = clean(text);
        PostStore.PostInfo post = access.visiblePost(postId, author);
        if (!privileges.canCommentOn(author, post.authorId(), post.questionAuthorId())) {
            throw new NotAllowed("qa.denied.comment", "reputation", privileges.rules().comment());
        }
        if (body.length() < COMMENT_MIN || body.length() > COMMENT_MAX) {
            throw InvalidInput.of("comment", "qa.error.comment.length", "min", COMMENT_MIN, "max", COMMENT_MAX);
        }
        LocalDateTime now = now();
        database.inTransaction(() -> {
            long commentId = posts.insertComment(postId, author.id(), body, comments.format(body), now);
            posts.touchQuestion(post.questionId(), now);
            listener.commented(post);
            listener.commentAdded(post, commentId, author.id(), body);
        });
        return post;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
