package townhall.moderation;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.qa.PostStore;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** A question's assignment page for staff (/assignments/q/{id}), escalation, and "my assignments" (/assignments). */
public final class AssignmentRoutes {
    private final Assignments assignments;
    private final PostStore posts;
    private final Views pages;

    public AssignmentRoutes(Assignments assignments, PostStore posts, Views pages) {
        this.assignments = assignments;
        this.posts = posts;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/assignments/q/{id}", ctx -> show(ctx, null, Map.of()));
        routes.post("/assignments/q/{id}", this::assign);
        routes.post("/assignments/q/{id}/escalate", this::escalate);
        routes.get("/assignments", this::list);
    }

    private static String param(Context ctx, String name) {
        return ctx.formParam(name) == null ? "" : ctx.formParam(name);
    }

    private void show(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Member staff = Web.requireViewer(ctx);
        long questionId = Web.pathId(ctx);
        Assignments.Assignment current = assignments.of(staff, questionId).orElse(null);
        PostStore.PostInfo question = posts.info(questionId).orElseThrow(NotFound::new);
        Map<String, String> values = form;
        if (values == null) {
            values = new HashMap<>();
            values.put("assignee", current == null || current.assignee() == null ? Assignments.SUPPORT : current.assignee());
            values.put("state", current == null ? "open" : current.state());
            values.put("note", current == null ? "" : current.note());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.assign.title", "title", question.title()));
        model.put("question", question);
        model.put("questionPath", townhall.qa.QuestionLinks.path(questionId, question.slug()));
        model.put("current", current);
        model.put("form", values);
        model.put("errors", errors);
        model.put("staffNames", assignments.staffNames());
        model.put("states", Assignments.STATES);
        model.put("done", ctx.queryParam("done"));
        pages.render(ctx, "moderation/assignment", model);
    }

    private void assign(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long questionId = Web.pathId(ctx);
        Map<String, String> form = Map.of("assignee", param(ctx, "assignee"), "state", param(ctx, "state"),
                "note", param(ctx, "note"));
        try {
            assignments.assign(staff, questionId, form.get("assignee"), form.get("state"), form.get("note"));
            Web.redirect(ctx, "/assignments/q/" + questionId + "?done=assigned");
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, form, pages.errors(ctx, e));
        }
    }

    private void escalate(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long questionId = Web.pathId(ctx);
        try {
            assignments.escalate(staff, questionId, param(ctx, "escalateNote"));
            Web.redirect(ctx, "/assignments/q/" + questionId + "?done=escalated");
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, null, pages.errors(ctx, e));
        }
    }

    private void list(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        String who = ctx.queryParam("who");
        String filter = who != null && List.of("me", Assignments.SUPPORT, "all").contains(who) ? who : "me";
        boolean resolved = "1".equals(ctx.queryParam("resolved"));
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.assignments.title"));
        model.put("assignments", assignments.list(staff, filter, resolved));
        model.put("who", filter);
        model.put("resolved", resolved);
        pages.render(ctx, "moderation/assignments", model);
    }
}
