package townhall.qa;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.db.Database;
import townhall.markdown.CommentFormatter;
import townhall.markdown.MarkdownRenderer;
import townhall.account.Privileges;

import static townhall.qa.QaRules.ANSWER_MIN;
import static townhall.qa.QaRules.BODY_MAX;
import static townhall.qa.QaRules.BODY_MIN;
import static townhall.qa.QaRules.COMMENT_MAX;
import static townhall.qa.QaRules.COMMENT_MIN;
import static townhall.qa.QaRules.NOTE_MAX;

/** The Q&A rules: who may ask, answer, comment, vote, accept, verify, edit, close and delete; one transaction each. */
public final class QaService {
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+#.-]{0,34}");
    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";

    private final Database database;
    private final PostStore posts;
    private final CategoryStore categories;
    private final MarkdownRenderer markdown;
    private final CommentFormatter comments;
    private final QaRules rules;
    private final Clock clock;
    private final QaListener listener;
    private final Privileges privileges;

    public QaService(Database database, PostStore posts, CategoryStore categories, MarkdownRenderer markdown,
                     CommentFormatter comments, QaRules rules, Clock clock, QaListener listener,
                     Privileges privileges) {
        this.database = database;
        this.posts = posts;
        this.categories = categories;
        this.markdown = markdown;
        this.comments = comments;
        this.rules = rules;
        this.clock = clock;
        this.listener = listener;
        this.privileges = privileges;
    }

    public record AskForm(String title, String body, String tags, String category) {}

    public record EditForm(String title, String body, String tags, String reason) {}

    /** Posts a question; returns its id. */
    public long ask(Member asker, AskForm form) {
        String title = clean(form.title());
        String body = form.body() == null ? "" : form.body().strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkTitle(title, errors);
        checkBody("body", body, BODY_MIN, errors);
        checkLinks("body", body, asker, errors);
        List<String> tags = parseTags(form.tags(), errors);
        Category category = categories.all().stream()
                .filter(c -> c.slug().equals(clean(form.category())))
                .findFirst().orElse(null);
        if (category == null) {
            errors.add("category", "qa.error.category");
        }
        errors.throwIfAny();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(QUESTION, null, asker.id(), body, render(body, asker), now);
            posts.insertQuestion(id, title, QuestionLinks.slugOf(title), markdown.excerpt(body, 240), category.id(),
                    privileges.isNewcomer(asker), now);
            posts.setTags(id, tags);
            posts.insertRevision(id, asker.id(), title, String.join(" ", tags), body, "", now);
            listener.posted(posts.info(id).orElseThrow());
            listener.questionChanged(id);
            return id;
        });
    }

    /** Posts an answer; returns its id. */
    public long answer(Member author, long questionId, String text) {
        String body = text == null ? "" : text.strip();
        PostStore.PostInfo question = visibleQuestion(questionId);
        if (question.questionClosed()) {
            throw new NotAllowed("qa.denied.closed");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkBody("body", body, ANSWER_MIN, errors);
        checkLinks("body", body, author, errors);
        errors.throwIfAny();
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = posts.insertPost(ANSWER, questionId, author.id(), body, render(body, author), now);
            posts.addToAnswerCount(questionId, 1);
            posts.touchQuestion(questionId, now);
            posts.insertRevision(id, author.id(), null, null, body, "", now);
            listener.posted(posts.info(id).orElseThrow());
            listener.questionChanged(questionId);
            return id;
        });
    }

    /** Adds a comment under a question or answer; returns the question id. */
    public PostStore.PostInfo comment(Member author, long postId, String text) {
        String body = clean(text);
        PostStore.PostInfo post = visiblePost(postId, author);
        boolean ownThread = post.authorId() == author.id() || post.questionAuthorId() == author.id();
        if (!ownThread && !privileges.canCommentEverywhere(author)) {
            throw new NotAllowed("qa.denied.comment", "reputation", privileges.rules().comment());
        }
        if (body.length() < COMMENT_MIN || body.length() > COMMENT_MAX) {
            throw InvalidInput.of("comment", "qa.error.comment.length", "min", COMMENT_MIN, "max", COMMENT_MAX);
        }
        LocalDateTime now = now();
        database.inTransaction(() -> {
            posts.insertComment(postId, author.id(), body, comments.format(body), now);
            posts.touchQuestion(post.questionId(), now);
            listener.commented(post);
        });
        return post;
    }

    /** Sets the member's vote on a post to +1, -1 or 0 (withdrawn); returns the post's new score. */
    public int vote(Member voter, long postId, int value) {
        if (value < -1 || value > 1) {
            throw InvalidInput.of("vote", "qa.error.vote");
        }
        PostStore.PostInfo post = visiblePost(postId, voter);
        if (post.authorId() == voter.id()) {
            throw new NotAllowed("qa.denied.vote.own");
        }
        if (post.deleted() || post.questionDeleted()) {
            throw new NotAllowed("qa.denied.vote.deleted");
        }
        if (value > 0 && !privileges.canUpvote(voter)) {
            throw new NotAllowed("qa.denied.upvote", "reputation", privileges.rules().upvote());
        }
        if (value < 0 && !privileges.canDownvote(voter)) {
            throw new NotAllowed("qa.denied.downvote", "reputation", privileges.rules().downvote());
        }
        return database.inTransaction(() -> {
            int previous = posts.voteOf(postId, voter.id());
            int score = posts.setVote(postId, voter.id(), previous, value, now());
            if (previous != value) {
                listener.voteChanged(post, voter.id(), previous, value);
                listener.questionChanged(post.questionId());
            }
            return score;
        });
    }

    /** The asker (or staff on their behalf) accepts an answer; accepting another one moves the mark. */
    public void accept(Member actor, long answerId) {
        PostStore.PostInfo answer = answerToMark(answerId, actor);
        if (answer.questionAuthorId() != actor.id() && !actor.isStaff()) {
            throw new NotAllowed("qa.denied.accept");
        }
        database.inTransaction(() -> {
            posts.setAccepted(answer.questionId(), answerId, now());
            if (!Long.valueOf(answerId).equals(answer.acceptedAnswerId())) {
                listener.acceptChanged(answer, answer.acceptedAnswerId(), answerId, actor.id());
                listener.questionChanged(answer.questionId());
            }
        });
    }

    public void unaccept(Member actor, long questionId) {
        PostStore.PostInfo question = visibleQuestion(questionId);
        if (question.questionAuthorId() != actor.id() && !actor.isStaff()) {
            throw new NotAllowed("qa.denied.unaccept");
        }
        database.inTransaction(() -> {
            posts.setAccepted(questionId, null, now());
            if (question.acceptedAnswerId() != null) {
                listener.acceptChanged(question, question.acceptedAnswerId(), null, actor.id());
                listener.questionChanged(questionId);
            }
        });
    }

    /** Staff mark the answer the brand stands behind; one per question, so this replaces any earlier one. */
    public void verify(Member staff, long answerId, String note) {
        requireStaff(staff, "qa.denied.verify");
        PostStore.PostInfo answer = answerToMark(answerId, staff);
        String cleanNote = clean(note);
        if (cleanNote.length() > NOTE_MAX) {
            throw InvalidInput.of("note", "qa.error.note.long", "max", NOTE_MAX);
        }
        database.inTransaction(() -> {
            posts.setVerified(answer.questionId(), answerId, staff.id(), cleanNote.isEmpty() ? null : cleanNote, now());
            if (!Long.valueOf(answerId).equals(answer.verifiedAnswerId())) {
                listener.verifyChanged(answer, answer.verifiedAnswerId(), answerId, staff.id());
                listener.questionChanged(answer.questionId());
            }
        });
    }

    public void unverify(Member staff, long questionId) {
        requireStaff(staff, "qa.denied.unverify");
        PostStore.PostInfo question = visibleQuestion(questionId);
        database.inTransaction(() -> {
            posts.setVerified(questionId, null, null, null, now());
            if (question.verifiedAnswerId() != null) {
                listener.verifyChanged(question, question.verifiedAnswerId(), null, staff.id());
                listener.questionChanged(questionId);
            }
        });
    }

    /** Edits a post, keeping the new version as a revision. Authors edit their own posts, staff any. */
    public PostStore.PostInfo edit(Member editor, long postId, EditForm form) {
        PostStore.PostInfo post = editablePost(editor, postId);
        String body = form.body() == null ? "" : form.body().strip();
        String reason = clean(form.reason());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String title = null;
        List<String> tags = null;
        if (post.isQuestion()) {
            title = clean(form.title());
            checkTitle(title, errors);
            tags = parseTags(form.tags(), errors);
        }
        checkBody("body", body, post.isQuestion() ? BODY_MIN : ANSWER_MIN, errors);
        checkLinks("body", body, editor, errors);
        if (reason.length() > NOTE_MAX) {
            errors.add("reason", "qa.error.reason.long", "max", NOTE_MAX);
        }
        errors.throwIfAny();
        String finalTitle = title;
        List<String> finalTags = tags;
        LocalDateTime now = now();
        database.inTransaction(() -> {
            posts.updateBody(postId, body, render(body, editor), now);
            if (post.isQuestion()) {
                posts.updateQuestion(postId, finalTitle, QuestionLinks.slugOf(finalTitle),
                        markdown.excerpt(body, 240), now);
                posts.setTags(postId, finalTags);
            } else {
                posts.touchQuestion(post.questionId(), now);
            }
            posts.insertRevision(postId, editor.id(), finalTitle,
                    finalTags == null ? null : String.join(" ", finalTags), body, reason, now);
            listener.questionChanged(post.questionId());
        });
        return posts.info(postId).orElseThrow();
    }

    /** The post as its edit form shows it, if the member may edit it. */
    public PostStore.PostInfo editablePost(Member editor, long postId) {
        PostStore.PostInfo post = visiblePost(postId, editor);
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
        PostStore.PostInfo question = visibleQuestion(questionId);
        String why = clean(reason);
        Long original = parseQuestionReference(duplicateOf);
        if (original == null && !staff.isStaff()) {
            throw new NotAllowed("qa.denied.closeReason");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (original != null && (original == questionId || !isOpenQuestion(original))) {
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
            listener.questionChanged(questionId);
        });
    }

    public void reopen(Member staff, long questionId) {
        if (!privileges.canCloseAsDuplicate(staff)) {
            throw new NotAllowed("qa.denied.reopen");
        }
        visibleQuestion(questionId);
        database.inTransaction(() -> {
            posts.setClosed(questionId, null, null, null, now());
            listener.questionChanged(questionId);
        });
    }

    /**
     * Authors delete their own post while it has no answers and is not the accepted one; staff delete any
     * post. Deletion is soft: staff still see the post and can restore it.
     */
    public PostStore.PostInfo delete(Member actor, long postId) {
        PostStore.PostInfo post = visiblePost(postId, actor);
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
        database.inTransaction(() -> {
            posts.setDeleted(postId, actor.id(), now());
            if (post.isQuestion()) {
                posts.addToTagCounts(postId, -1);
            } else {
                posts.addToAnswerCount(post.questionId(), -1);
                if (Long.valueOf(postId).equals(post.acceptedAnswerId())) {
                    posts.setAccepted(post.questionId(), null, now());
                    listener.acceptChanged(post, postId, null, actor.id());
                }
                if (Long.valueOf(postId).equals(post.verifiedAnswerId())) {
                    posts.setVerified(post.questionId(), null, null, null, now());
                    listener.verifyChanged(post, postId, null, actor.id());
                }
            }
            listener.deletionChanged(post, true, actor.id());
            listener.questionChanged(post.questionId());
        });
        return post;
    }

    public PostStore.PostInfo restore(Member staff, long postId) {
        requireStaff(staff, "qa.denied.restore");
        PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
        if (post.deleted()) {
            database.inTransaction(() -> {
                posts.setDeleted(postId, null, now());
                if (post.isQuestion()) {
                    posts.addToTagCounts(postId, 1);
                } else {
                    posts.addToAnswerCount(post.questionId(), 1);
                }
                listener.deletionChanged(post, false, staff.id());
                listener.questionChanged(post.questionId());
            });
        }
        return post;
    }

    /** A post the member can see: deleted posts, and posts of deleted questions, exist only for staff. */
    public PostStore.PostInfo visiblePost(long postId, Member viewer) {
        PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
        boolean hidden = post.deleted() || post.questionDeleted();
        if (hidden && (viewer == null || !viewer.isStaff())) {
            throw new NotFound();
        }
        return post;
    }

    private PostStore.PostInfo visibleQuestion(long questionId) {
        PostStore.PostInfo post = posts.info(questionId).orElseThrow(NotFound::new);
        if (!post.isQuestion()) {
            throw new NotFound();
        }
        if (post.deleted()) {
            throw new NotAllowed("qa.denied.deleted");
        }
        return post;
    }

    private PostStore.PostInfo answerToMark(long answerId, Member actor) {
        PostStore.PostInfo answer = visiblePost(answerId, actor);
        if (answer.isQuestion() || answer.deleted() || answer.questionDeleted()) {
            throw new NotAllowed("qa.denied.mark");
        }
        return answer;
    }

    /** New members' posts may hold only a few links, which keeps link spam out. */
    private void checkLinks(String field, String body, Member author, InvalidInput.Collector errors) {
        int max = privileges.maxLinks(author);
        if (max >= 0 && !errors.has(field) && markdown.countLinks(body) > max) {
            errors.add(field, "qa.error.links", "max", max, "reputation", privileges.rules().newMemberReputation());
        }
    }

    private boolean isOpenQuestion(long id) {
        return posts.info(id).filter(p -> p.isQuestion() && !p.deleted()).isPresent();
    }

    private static void requireStaff(Member member, String refusalKey) {
        if (!member.isStaff()) {
            throw new NotAllowed(refusalKey);
        }
    }

    private void checkTitle(String title, InvalidInput.Collector errors) {
        if (title.length() < rules.titleMin()) {
            errors.add("title", "qa.error.title.short", "min", rules.titleMin());
        } else if (title.length() > rules.titleMax()) {
            errors.add("title", "qa.error.title.long", "max", rules.titleMax());
        }
    }

    private static void checkBody(String field, String body, int min, InvalidInput.Collector errors) {
        if (body.length() < min) {
            errors.add(field, "qa.error.body.short", "min", min);
        } else if (body.length() > BODY_MAX) {
            errors.add(field, "qa.error.body.long", "max", BODY_MAX);
        }
    }

    /** Tags separated by commas or spaces, lower-cased, without repeats. */
    List<String> parseTags(String input, InvalidInput.Collector errors) {
        Set<String> tags = new LinkedHashSet<>();
        for (String part : clean(input).toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (!part.isEmpty()) {
                tags.add(part);
            }
        }
        if (tags.isEmpty()) {
            errors.add("tags", "qa.error.tags.missing");
        } else if (tags.size() > rules.tagsMax()) {
            errors.add("tags", "qa.error.tags.many", "max", rules.tagsMax());
        } else {
            tags.stream().filter(tag -> !TAG.matcher(tag).matches()).findFirst()
                    .ifPresent(bad -> errors.add("tags", "qa.error.tags.invalid", "tag", bad, "max", 35));
        }
        return List.copyOf(tags);
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

    private String render(String body, Member author) {
        return markdown.render(body, privileges.linkPolicy(author));
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
