package townhall.qa;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.markdown.MarkdownRenderer;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

import static townhall.qa.PostAccess.requireStaff;
import static townhall.qa.PostInput.body;
import static townhall.qa.PostInput.checkBody;
import static townhall.qa.PostInput.clean;
import static townhall.qa.QaRules.ANSWER_MIN;
import static townhall.qa.QaRules.BODY_MIN;
import static townhall.qa.QaRules.NOTE_MAX;

/** Looking after posts once they are up: editing, closing and reopening, deleting and restoring. */
public final class CurationService {
    private final Database database;
    private final PostStore posts;
    private final MarkdownRenderer markdown;
    private final PostInput input;
    private final PostAccess access;
    private final Clock clock;
    private final QaListener listener;
    private final Privileges privileges;
    private final PostVisibility visibility;
    private final ContentGate gate;

    public CurationService(Database database, PostStore posts, MarkdownRenderer markdown, PostInput input,
                           PostAccess access, Clock clock, QaListener listener, Privileges privileges,
                           PostVisibility visibility, ContentGate gate) {
        this.visibility = visibility;
        this.gate = gate;
        this.database = database;
        this.posts = posts;
        this.markdown = markdown;
        this.input = input;
        this.access = access;
        this.clock = clock;
        this.listener = listener;
        this.privileges = privileges;
    }

    public record EditForm(String title, String body, String tags, String reason) {}

    /** Edits a post, keeping the new version as a revision. Authors edit their own posts, staff any. */
    public PostStore.PostInfo edit(Member editor, long postId, EditForm form) {
        PostStore.PostInfo post = editablePost(editor, postId);
        String body = body(form.body());
        String reason = clean(form.reason());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String title = null;
        List<String> tags = null;
        if (post.isQuestion()) {
            title = clean(form.title());
            input.checkTitle(title, errors);
            tags = input.parseTags(form.tags(), errors);
        }
        checkBody("body", body, post.isQuestion() ? BODY_MIN : ANSWER_MIN, errors);
        input.checkLinks("body", body, editor, errors);
        if (reason.length() > NOTE_MAX) {
            errors.add("reason", "qa.error.reason.long", "max", NOTE_MAX);
        }
        errors.throwIfAny();
        // the gate reads an edit as it reads a new post: a blocking word refuses it, a held one takes the post out of
        // view until a reviewer approves the edit
        ContentGate.Verdict verdict = gate.check(editor,
                new ContentGate.Submission("edit", post.questionId(), title, body, ContentGate.FormSignals.NONE));
        String finalTitle = verdict.title();
        String finalBody = verdict.body();
        List<String> finalTags = tags;
        LocalDateTime now = now();
        database.inTransaction(() -> {
            posts.updateBody(postId, finalBody, input.render(finalBody, editor), now);
            if (post.isQuestion()) {
                posts.updateQuestion(postId, finalTitle, QuestionLinks.slugOf(finalTitle),
                        markdown.excerpt(finalBody, 240), now);
                posts.setTags(postId, finalTags);
            } else {
                posts.touchQuestion(post.questionId(), now);
            }
            posts.insertRevision(postId, editor.id(), finalTitle,
                    finalTags == null ? null : String.join(" ", finalTags), finalBody, reason, now);
            listener.edited(post, editor.id());
            if (verdict.holds() && !post.deleted()) {
                visibility.withdraw(post, editor.id(), PostVisibility.REHELD);
            }
            gate.written(posts.info(postId).orElseThrow(), verdict);
            gate.edited(editor, post);
            listener.questionChanged(post.questionId());
        });
        return posts.info(postId).orElseThrow();
    }

    /** The post as its edit form shows it, if the member may edit it. */
    public PostStore.PostInfo editablePost(Member editor, long postId) {
        PostStore.PostInfo post = access.visiblePost(postId, editor);
        if (post.authorId() != editor.id() && !privileges.canEditOthers(editor)) {
            throw new NotAllowed("qa.denied.edit");
        }
        return post;
    }

    /** Staff close a question for a stated reason, or as a duplicate of another question. */
    public void close(Member staff, long questionId, String reason, String duplicateOf) {
        if (!privileges.canCloseAsDuplicate(staff)) {
            throw new NotAllowed("qa.denied.close");
        }
        PostStore.PostInfo question = access.visibleQuestion(questionId, staff);
        String why = clean(reason);
        Long original = parseQuestionReference(duplicateOf);
        if (original == null && !staff.isStaff()) {
            throw new NotAllowed("qa.denied.closeReason");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (original != null && (original == questionId || !access.isOpenQuestion(original))) {
            errors.add("duplicateOf", "qa.error.duplicate.unknown");
        } else if (original == null && !clean(duplicateOf).isEmpty()) {
            errors.add("duplicateOf", "qa.error.duplicate.unreadable");
        }
        if (original == null && why.isEmpty()) {
            errors.add("reason", "qa.error.close.reason");
        }
        if (why.length() > NOTE_MAX) {
            errors.add("reason", "qa.error.reason.long", "max", NOTE_MAX);
        }
        errors.throwIfAny();
        String finalReason = why.isEmpty() ? "Duplicate of an earlier question" : why;
        database.inTransaction(() -> {
            posts.setClosed(question.questionId(), staff.id(), finalReason, original, now());
            listener.closeChanged(question, true, original, staff.id());
            listener.questionChanged(questionId);
        });
    }

    public void reopen(Member staff, long questionId) {
        if (!privileges.canCloseAsDuplicate(staff)) {
            throw new NotAllowed("qa.denied.reopen");
        }
        PostStore.PostInfo question = access.visibleQuestion(questionId, staff);
        database.inTransaction(() -> {
            posts.setClosed(questionId, null, null, null, now());
            if (question.questionClosed()) {
                listener.closeChanged(question, false, null, staff.id());
            }
            listener.questionChanged(questionId);
        });
    }

    /**
     * Authors delete their own post while it has no answers and is not the accepted one; staff delete any
     * post. Deletion is soft: staff still see the post and can restore it.
     */
    public PostStore.PostInfo delete(Member actor, long postId) {
        PostStore.PostInfo post = access.visiblePost(postId, actor);
        if (post.deleted()) {
            return post;
        }
        if (!actor.isStaff()) {
            if (post.authorId() != actor.id()) {
                throw new NotAllowed("qa.denied.delete.others");
            }
            if (post.isQuestion() && post.answerCount() > 0) {
                throw new NotAllowed("qa.denied.delete.answered");
            }
            if (!post.isQuestion() && Long.valueOf(postId).equals(post.acceptedAnswerId())) {
                throw new NotAllowed("qa.denied.delete.accepted");
            }
        }
        database.inTransaction(() -> visibility.withdraw(post, actor.id(), null));
        return post;
    }

    public PostStore.PostInfo restore(Member staff, long postId) {
        requireStaff(staff, "qa.denied.restore");
        PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
        if (post.deleted()) {
            database.inTransaction(() -> visibility.reinstate(post, staff.id()));
        }
        return post;
    }

    /** "12", "/q/12/slug" or a full link to a question: its id. */
    static Long parseQuestionReference(String input) {
        String text = clean(input);
        if (text.isEmpty()) {
            return null;
        }
        var matcher = Pattern.compile("(?:^|/q/)(\\d{1,18})(?:$|[/?#])").matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
