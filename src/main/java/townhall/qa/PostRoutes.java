package townhall.qa;


import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.uploads.ImageUploads;
import townhall.versions.VersionService;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Everything done to a question or answer: answer, comment, vote, accept, verify, edit, close, delete. */
public final class PostRoutes {
    private final PostingService posting;
    private final VoteAndMarkService votesAndMarks;
    private final CurationService curation;
    private final PostAccess access;
    private final QuestionRoutes questionPages;
    private final PostStore posts;
    private final Views pages;
    private final RevisionHistory history;
    private final ImageUploads uploads;

    public PostRoutes(PostingService posting, VoteAndMarkService votesAndMarks, CurationService curation,
                      PostAccess access, QuestionRoutes questionPages, PostStore posts, Views pages,
                      RevisionHistory history, ImageUploads uploads) {
        this.posting = posting;
        this.votesAndMarks = votesAndMarks;
        this.curation = curation;
        this.access = access;
        this.questionPages = questionPages;
        this.posts = posts;
        this.pages = pages;
        this.history = history;
        this.uploads = uploads;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/q/{id}/answers", this::answer);
        routes.post("/posts/{id}/comments", this::comment);
        routes.post("/posts/{id}/vote", this::vote);
        routes.post("/posts/{id}/accept", ctx -> act(ctx, (viewer, id) -> votesAndMarks.accept(viewer, id)));
        routes.post("/q/{id}/unaccept", ctx -> act(ctx, (viewer, id) -> votesAndMarks.unaccept(viewer, id)));
        routes.post("/posts/{id}/verify", this::verify);
        routes.post("/q/{id}/unverify", ctx -> act(ctx, (viewer, id) -> votesAndMarks.unverify(viewer, id)));
        routes.post("/q/{id}/close", this::close);
        routes.post("/q/{id}/reopen", ctx -> act(ctx, (viewer, id) -> curation.reopen(viewer, id)));
        routes.post("/posts/{id}/delete", this::delete);
        routes.post("/posts/{id}/restore", ctx -> act(ctx, (viewer, id) -> curation.restore(viewer, id)));
        routes.get("/posts/{id}/edit", ctx -> showEdit(ctx, null, Map.of()));
        routes.post("/posts/{id}/edit", this::edit);
        routes.get("/posts/{id}/revisions", this::revisions);
    }

    private interface Action {
        void apply(Member viewer, long postId);
    }

    /** A plain action: do it, then go back to the question, at the post. */
    private void act(Context ctx, Action action) {
        Member viewer = Web.requireViewer(ctx);
        long id = Web.id(ctx.pathParam("id"));
        action.apply(viewer, id);
        backToPost(ctx, id);
    }

    private void backToPost(Context ctx, long postId) {
        PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
        String anchor = post.isQuestion() ? "" : "#a" + postId;
        Web.redirect(ctx, QuestionLinks.path(post.questionId(), post.slug()) + anchor);
    }

    /** A deleted answer: back to its question, saying so; a question its author deleted: home, saying so (they no longer see it). */
    private void delete(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        PostStore.PostInfo post = curation.delete(viewer, Web.id(ctx.pathParam("id")));
        String kind = post.isQuestion() ? "question" : "answer";
        if (post.isQuestion() && !viewer.isStaff()) {
            Web.redirect(ctx, "/?deleted=question");
        } else {
            Web.redirect(ctx, QuestionLinks.path(post.questionId(), post.slug()) + "?deleted=" + kind
                    + (post.isQuestion() ? "" : "#answers-heading"));
        }
    }

    private void answer(Context ctx) {
        Member author = Web.requireViewer(ctx);
        long questionId = Web.id(ctx.pathParam("id"));
        String body = ctx.formParam("body") == null ? "" : ctx.formParam("body");
        try {
            String withImage = FormImage.appendedTo(ctx, author, body, uploads, "image");
            if (withImage != null) { // back to the page, the image in the answer, to check before posting
                questionPages.showQuestion(ctx, questionId, Map.of("answer", withImage), Map.of());
                return;
            }
            long answerId = posting.answer(author, questionId, body, QuestionRoutes.formSignals(ctx));
            backToPost(ctx, answerId);
        } catch (InvalidInput e) {
            ctx.status(422);
            questionPages.showQuestion(ctx, questionId, Map.of("answer", body), prefixed(ctx, "answer", e));
        }
    }

    private void comment(Context ctx) {
        Member author = Web.requireViewer(ctx);
        long postId = Web.id(ctx.pathParam("id"));
        String body = ctx.formParam("comment") == null ? "" : ctx.formParam("comment");
        try {
            if (posting.comment(author, postId, body).held()) {
                PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
                Web.redirect(ctx, QuestionLinks.path(post.questionId(), post.slug()) + "?held=comment"
                        + (post.isQuestion() ? "" : "#a" + postId));
            } else {
                backToPost(ctx, postId);
            }
        } catch (InvalidInput e) {
            PostStore.PostInfo post = access.visiblePost(postId, author);
            ctx.status(422);
            questionPages.showQuestion(ctx, post.questionId(), Map.of("comment" + postId, body),
                    Map.of("comment" + postId, pages.t(ctx, e.errors().values().iterator().next())));
        }
    }

    /** Votes: a plain form post redirects back; a script asking for JSON gets the new score. */
    private void vote(Context ctx) {
        Member voter = Web.requireViewer(ctx);
        long postId = Web.id(ctx.pathParam("id"));
        int value = switch (String.valueOf(ctx.formParam("value"))) {
            case "up" -> 1;
            case "down" -> -1;
            case "none" -> 0;
            default -> throw InvalidInput.of("vote", "qa.error.vote");
        };
        int score = votesAndMarks.vote(voter, postId, value);
        if (String.valueOf(ctx.header("Accept")).contains("application/json")) {
            ctx.json(Map.of("score", score, "vote", value));
        } else {
            backToPost(ctx, postId);
        }
    }

    private void verify(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long answerId = Web.id(ctx.pathParam("id"));
        try {
            // the form lists the versions with the current one ticked; without that list, the current one it is
            votesAndMarks.verify(staff, answerId, ctx.formParam("note"),
                    ctx.formParam("versionsShown") == null ? null : ctx.formParams("versions"), ctx.formParam("reviewBy"));
        } catch (InvalidInput e) {
            ctx.status(422);
            PostStore.PostInfo answer = posts.info(answerId).orElseThrow(NotFound::new);
            questionPages.showQuestion(ctx, answer.questionId(),
                    Map.of("verifyAnswer", String.valueOf(answerId), "note", orEmpty(ctx.formParam("note")),
                            "reviewBy", VersionService.dateOrBlank(ctx.formParam("reviewBy")),
                            "versions", String.join(",", ctx.formParams("versions"))),
                    prefixed(ctx, "verify", e));
            return;
        }
        backToPost(ctx, answerId);
    }

    private void close(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long questionId = Web.id(ctx.pathParam("id"));
        try {
            curation.close(staff, questionId, ctx.formParam("reason"), ctx.formParam("duplicateOf"));
            backToPost(ctx, questionId);
        } catch (InvalidInput e) {
            ctx.status(422);
            questionPages.showQuestion(ctx, questionId,
                    Map.of("reason", orEmpty(ctx.formParam("reason")), "duplicateOf", orEmpty(ctx.formParam("duplicateOf"))),
                    prefixed(ctx, "close", e));
        }
    }

    private void showEdit(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Member editor = Web.requireViewer(ctx);
        long postId = Web.id(ctx.pathParam("id"));
        PostStore.PostInfo post = curation.editablePost(editor, postId);
        Map<String, String> values = form;
        if (values == null) {
            PostStore.Revision current = posts.revisionsOf(postId).getFirst();
            values = new HashMap<>();
            values.put("title", post.isQuestion() ? post.title() : "");
            values.put("tags", post.isQuestion() ? String.join(" ", posts.tagsOf(postId)) : "");
            values.put("body", current.bodyMd());
            values.put("reason", "");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, post.isQuestion() ? "qa.edit.title.question" : "qa.edit.title.answer"));
        model.put("post", post);
        model.put("form", values);
        model.put("errors", errors);
        model.put("backUrl", QuestionLinks.path(post.questionId(), post.slug()) + (post.isQuestion() ? "" : "#a" + postId));
        pages.render(ctx, "qa/edit", model);
    }

    private void edit(Context ctx) {
        Member editor = Web.requireViewer(ctx);
        long postId = Web.id(ctx.pathParam("id"));
        Map<String, String> form = new HashMap<>();
        for (String field : new String[] {"title", "tags", "body", "reason"}) {
            form.put(field, orEmpty(ctx.formParam(field)));
        }
        try {
            String withImage = FormImage.appendedTo(ctx, editor, form.get("body"), uploads, "image");
            if (withImage != null) {
                form.put("body", withImage);
                showEdit(ctx, form, Map.of());
                return;
            }
            curation.edit(editor, postId, new CurationService.EditForm(form.get("title"), form.get("body"),
                    form.get("tags"), form.get("reason")));
            backToPost(ctx, postId);
        } catch (InvalidInput e) {
            ctx.status(422);
            showEdit(ctx, form, pages.errors(ctx, e));
        }
    }

    private void revisions(Context ctx) {
        long postId = Web.id(ctx.pathParam("id"));
        PostStore.PostInfo post = access.visiblePost(postId, Web.viewer(ctx));
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, post.isQuestion() ? "qa.history.of.question" : "qa.history.of.answer", "title", post.title()));
        model.put("post", post);
        model.put("backUrl", QuestionLinks.path(post.questionId(), post.slug()) + (post.isQuestion() ? "" : "#a" + postId));
        model.put("revisions", history.of(postId));
        pages.render(ctx, "qa/history", model);
    }

    private Map<String, String> prefixed(Context ctx, String prefix, InvalidInput e) {
        Map<String, String> errors = new HashMap<>();
        pages.errors(ctx, e).forEach((field, message) -> errors.put(prefix + "." + field, message));
        return errors;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
