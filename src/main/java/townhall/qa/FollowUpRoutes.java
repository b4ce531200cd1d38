package townhall.qa;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** The asker's follow-up page: "Did one of these solve it?", with one click to accept an answer or say it did not. */
public final class FollowUpRoutes {
    private final FollowUps followUps;
    private final QuestionStore questions;
    private final Views pages;

    public FollowUpRoutes(FollowUps followUps, QuestionStore questions, Views pages) {
        this.followUps = followUps;
        this.questions = questions;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/followup/{id}", this::show);
        routes.post("/followup/{id}/accept", this::accept);
        routes.post("/followup/{id}/unsolved", this::unsolved);
    }

    private void show(Context ctx) {
        Member asker = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        QuestionStore.Thread thread = questions.thread(id, Audience.STAFF, false).orElseThrow(NotFound::new); // the asker's own, checked below
        if (thread.question().author().id() != asker.id()) {
            throw new NotAllowed("qa.followup.denied");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "qa.followup.title"));
        model.put("question", thread.question());
        model.put("answers", thread.answers());
        model.put("outcome", followUps.outcomeOf(id).orElse(""));
        pages.render(ctx, "qa/followup", model);
    }

    private void accept(Context ctx) {
        Member asker = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        long answer;
        try {
            answer = Long.parseLong(String.valueOf(ctx.formParam("answer")));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
        followUps.solvedBy(asker, id, answer);
        Web.redirect(ctx, "/followup/" + id);
    }

    private void unsolved(Context ctx) {
        Member asker = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        followUps.unsolved(asker, id);
        Web.redirect(ctx, "/followup/" + id);
    }
}
