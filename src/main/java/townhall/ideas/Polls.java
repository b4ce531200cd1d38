package townhall.ideas;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/**
 * Polls on pages: what a page shows of its subject's poll ({@link #addTo}), and the forms that attach one and
 * answer it. A poll's subject is an idea, an announcement or a question, found through {@code subjects}.
 */
public final class Polls {
    public static final String IDEA = "idea";
    public static final String ANNOUNCEMENT = "announcement";
    public static final String QUESTION = "question";

    /** Who wrote a poll's subject and where it is shown. */
    public record Subject(long authorId, String path) {}

    private final PollService polls;
    private final PollStore store;
    private final Privileges privileges;
    private final Map<String, Function<Long, Optional<Subject>>> subjects;
    private final Views pages;

    public Polls(PollService polls, PollStore store, Privileges privileges,
                 Map<String, Function<Long, Optional<Subject>>> subjects, Views pages) {
        this.pages = pages;
        this.polls = polls;
        this.store = store;
        this.privileges = privileges;
        this.subjects = subjects;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/polls/new", this::create);
        routes.post("/polls/{id}/vote", this::vote);
        routes.before("/q/{id}", this::beforeQuestion);
        routes.before("/q/{id}/{slug}", this::beforeQuestion);
    }

    /** A question's page shows its poll: added to whatever model the Q&A renders, one query when it has none. */
    private void beforeQuestion(Context ctx) {
        if (ctx.method() != io.javalin.http.HandlerType.GET) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            return;
        }
        long[] found = store.questionAndPoll(id).orElse(null);
        if (found == null) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        Member viewer = Web.viewer(ctx);
        Poll poll = found[1] == 0 ? null : store.poll(found[1]).orElse(null);
        model.put("pollKind", QUESTION);
        model.put("pollSubject", id);
        model.put("canAddPoll", poll == null && viewer != null && privileges.mayAddPoll(viewer, found[0]));
        model.put("poll", poll == null ? null : view(poll, viewer));
        model.forEach((key, value) -> Views.addToModel(ctx, key, value));
    }

    /**
     * Puts {@code poll} (null when there is none) and {@code canAddPoll} into a page's model; the poll as the
     * template shows it: options with counts and shares only when its results are visible to this viewer.
     */
    public void addTo(Context ctx, Map<String, Object> model, String kind, long subjectId, long authorId) {
        Member viewer = Web.viewer(ctx);
        Poll poll = store.of(kind, subjectId).orElse(null);
        model.put("pollKind", kind);
        model.put("pollSubject", subjectId);
        model.put("canAddPoll", poll == null && viewer != null && privileges.mayAddPoll(viewer, authorId)
                && (!ANNOUNCEMENT.equals(kind) || viewer.isStaff()));
        model.put("poll", poll == null ? null : view(poll, viewer));
    }

    private Map<String, Object> view(Poll poll, Member viewer) {
        boolean voted = viewer != null && store.hasVoted(poll.id(), viewer.id());
        Set<Long> mine = voted ? store.choicesOf(poll.id(), viewer.id()) : Set.of();
        boolean closed = poll.closedAt(polls.now());
        Map<String, Object> view = new HashMap<>();
        view.put("id", poll.id());
        view.put("question", poll.question());
        view.put("multiple", poll.multiple());
        view.put("closesAt", poll.closesAt());
        view.put("closed", closed);
        view.put("voted", voted);
        view.put("voters", poll.voters());
        view.put("showResults", polls.resultsVisible(poll, voted));
        view.put("canVote", !voted && !closed && viewer != null && privileges.mayVoteOnIdeasAndPolls(viewer));
        int total = poll.options().stream().mapToInt(Poll.Option::votes).sum();
        view.put("total", total);
        view.put("options", poll.options().stream().map(o -> Map.of("id", o.id(), "label", o.label(), "votes", o.votes(),
                "percent", poll.voters() == 0 ? 0 : Math.round(100.0 * o.votes() / poll.voters()),
                "mine", mine.contains(o.id()))).toList());
        return view;
    }

    private void create(Context ctx) {
        Member member = Web.requireViewer(ctx);
        String kind = ctx.formParam("kind");
        long subjectId = parseId(ctx.formParam("subject"));
        Function<Long, Optional<Subject>> find = kind == null ? null : subjects.get(kind);
        Subject subject = find == null ? null : find.apply(subjectId).orElse(null);
        if (subject == null) {
            throw new NotFound();
        }
        PollService.PollForm form = new PollService.PollForm(ctx.formParam("pollQuestion"), ctx.formParam("pollOptions"),
                ctx.formParam("pollMultiple") != null, ctx.formParam("pollCloses"));
        try {
            polls.create(member, kind, subjectId, subject.authorId(), form);
            Web.redirect(ctx, subject.path() + "#poll", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            Map<String, Object> typed = new HashMap<>();
            typed.put("pollKind", kind);
            typed.put("pollSubject", subjectId);
            typed.put("pollForm", form);
            showError(ctx, e, subject.path(), typed);
        }
    }

    private void vote(Context ctx) {
        Member member = Web.requireViewer(ctx);
        long pollId = parseId(ctx.pathParam("id"));
        Poll poll = store.poll(pollId).orElseThrow(NotFound::new);
        Function<Long, Optional<Subject>> find = subjects.get(poll.subjectKind());
        Subject subject = find == null ? null : find.apply(poll.subjectId()).orElse(null);
        String back = subject == null ? "/" : subject.path();
        List<String> choices = ctx.formParams("option");
        try {
            polls.vote(member, pollId, choices);
            Web.redirect(ctx, back + "#poll", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showError(ctx, e, back, Map.of());
        }
    }

    /** A poll form with a mistake: what to correct, and the form again with what was typed. */
    private void showError(Context ctx, InvalidInput e, String back, Map<String, Object> form) {
        ctx.status(422);
        Map<String, Object> model = new HashMap<>(form);
        model.put("title", pages.t(ctx, "polls.error.title"));
        model.put("errors", pages.errors(ctx, e));
        model.put("back", back);
        pages.render(ctx, "ideas/poll_error", model);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }
}
