package townhall.ideas;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.qa.CategoryAccess;
import townhall.qa.CategoryStore;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Idea boards, an idea's page, proposing, voting, watching; staff statuses, merging, boards; the roadmap. */
public final class IdeaRoutes {
    private final IdeaService ideas;
    private final IdeaStore store;
    private final CategoryStore categories;
    private final Privileges privileges;
    private final Polls polls;
    private final Views pages;
    private final Clock clock;

    private final CategoryAccess access;

    public IdeaRoutes(IdeaService ideas, IdeaStore store, CategoryStore categories, Privileges privileges, Polls polls,
                      Views pages, Clock clock, CategoryAccess access) {
        this.access = access;
        this.ideas = ideas;
        this.store = store;
        this.categories = categories;
        this.privileges = privileges;
        this.polls = polls;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/ideas", ctx -> list(ctx, null));
        routes.get("/ideas/new", ctx -> showNew(ctx, new IdeaService.IdeaForm(orEmpty(ctx.queryParam("board")), "", "", ""),
                Map.of(), 200));
        routes.post("/ideas/new", this::propose);
        routes.get("/ideas/boards", ctx -> showBoards(ctx, Map.of(), Map.of(), 200));
        routes.post("/ideas/boards", this::saveBoard);
        routes.get("/ideas/export.csv", this::export);
        routes.get("/ideas/{slug}", ctx -> list(ctx, ctx.pathParam("slug")));
        routes.get("/idea/{id}", this::idea);
        routes.get("/idea/{id}/edit", this::showEdit); // before the slug: no idea's slug is "edit"
        routes.get("/idea/{id}/{slug}", this::idea);
        routes.post("/idea/{id}/vote", ctx -> act(ctx, (m, id) -> ideas.vote(m, id)));
        routes.post("/idea/{id}/unvote", ctx -> act(ctx, (m, id) -> ideas.withdrawVote(m, id)));
        routes.post("/idea/{id}/watch", ctx -> act(ctx, (m, id) -> ideas.watch(m, id, true)));
        routes.post("/idea/{id}/unwatch", ctx -> act(ctx, (m, id) -> ideas.watch(m, id, false)));
        routes.post("/idea/{id}/edit", this::saveEdit);
        routes.post("/idea/{id}/status", this::setStatus);
        routes.post("/idea/{id}/merge", this::merge);
        routes.get("/roadmap", this::roadmap);
    }

    // ---- lists

    private void list(Context ctx, String slug) {
        Member viewer = Web.viewer(ctx);
        List<IdeaBoard> boards = store.boards(ideas.rules().voteBudget(), access.of(ctx));
        IdeaBoard board = slug == null ? null
                : boards.stream().filter(b -> b.slug().equals(slug)).findFirst().orElseThrow(NotFound::new);
        IdeaStore.Sort sort = parseSort(ctx.queryParam("sort"));
        IdeaStatus status = IdeaStatus.fromCode(orEmpty(ctx.queryParam("status"))).orElse(null);
        String tag = blankToNull(ctx.queryParam("tag"));
        int page = Web.pageNumber(ctx.queryParam("page"));
        IdeaStore.ListPage result = store.list(new IdeaStore.ListQuery(board == null ? null : board.categoryId(), sort,
                status, tag == null ? null : tag.toLowerCase(Locale.ROOT),
                LocalDateTime.now(clock).minusDays(ideas.rules().trendingDays()), page, ideas.rules().pageSize(),
                access.of(ctx)));
        if (result.ideas().isEmpty() && page > 1) {
            throw new NotFound();
        }
        Set<Long> voted = viewer == null ? Set.of()
                : store.votedAmong(viewer.id(), result.ideas().stream().map(Idea::id).toList());
        String base = Web.sitePath(ctx);
        Map<String, String> params = new LinkedHashMap<>();
        if (sort != IdeaStore.Sort.TOP) {
            params.put("sort", sort.name().toLowerCase(Locale.ROOT));
        }
        if (status != null) {
            params.put("status", status.code());
        }
        if (tag != null) {
            params.put("tag", tag);
        }
        Map<String, Object> model = new HashMap<>();
        String heading = board != null ? board.name() : pages.t(ctx, "ideas.title");
        model.put("title", heading + (page > 1 ? " (" + pages.t(ctx, "search.page", "page", page) + ")" : ""));
        model.put("heading", heading);
        model.put("board", board);
        model.put("boards", boards);
        model.put("ideas", result.ideas());
        model.put("voted", voted);
        model.put("tag", tag);
        model.put("canVote", viewer != null && privileges.mayVoteOnIdeasAndPolls(viewer));
        model.put("isManager", viewer != null && privileges.mayManageIdeas(viewer));
        model.put("votesLeft", viewer != null && board != null ? ideas.votesLeft(viewer, board) : -1);
        model.put("sortLinks", sortLinks(base, params));
        model.put("statusLinks", statusLinks(base, params));
        model.put("prevUrl", page > 1 ? link(base, params, page - 1) : null);
        model.put("nextUrl", result.hasNext() ? link(base, params, page + 1) : null);
        model.put("page", page);
        model.put("canonical", link(base, params, page));
        model.put("description", board != null && board.description() != null && !board.description().isBlank()
                ? board.description() : pages.t(ctx, "ideas.description"));
        model.put("back", link(base, params, page));
        pages.render(ctx, "ideas/list", model);
    }

    // ---- one idea

    private void idea(Context ctx) {
        Member viewer = Web.viewer(ctx);
        Idea idea = store.idea(Web.pathId(ctx), access.of(ctx)).orElseThrow(NotFound::new);
        if (!idea.slug().equals(ctx.pathParamMap().get("slug"))) {
            Web.redirect(ctx, idea.path(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        showIdea(ctx, idea, Map.of(), Map.of(), 200);
    }

    private void showIdea(Context ctx, Idea idea, Map<String, String> errors, Map<String, String> form, int status) {
        Member viewer = Web.viewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", idea.title());
        model.put("idea", idea);
        model.put("survivor", idea.mergedInto() == null ? null : store.idea(idea.mergedInto(), access.of(ctx)).orElse(null));
        model.put("merged", store.mergedInto(idea.id()));
        boolean signedIn = viewer != null;
        model.put("hasVoted", signedIn && !store.votedAmong(viewer.id(), List.of(idea.id())).isEmpty());
        model.put("watching", signedIn && store.watching(idea.id(), viewer.id()));
        model.put("canVote", signedIn && privileges.mayVoteOnIdeasAndPolls(viewer));
        boolean manager = signedIn && privileges.mayManageIdeas(viewer);
        model.put("canEdit", signedIn && privileges.mayEditIdea(viewer, idea.author().id(), idea.open()));
        model.put("isManager", manager);
        model.put("votesLeft", signedIn ? store.board(idea.categoryId(), ideas.rules().voteBudget())
                .map(b -> ideas.votesLeft(viewer, b)).orElse(-1) : -1);
        model.put("statuses", IdeaStatus.values());
        model.put("errors", errors);
        model.put("form", form);
        model.put("canonical", idea.path());
        model.put("description", idea.title());
        polls.addTo(ctx, model, Polls.IDEA, idea.id(), idea.author().id());
        ctx.status(status);
        pages.render(ctx, "ideas/idea", model);
    }

    private void propose(Context ctx) {
        Member author = Web.requireViewer(ctx);
        String board = Web.formText(ctx, "board");
        boolean visible = store.boards(ideas.rules().voteBudget(), access.of(ctx)).stream()
                .anyMatch(b -> String.valueOf(b.categoryId()).equals(board.strip()));
        // a board the member may not see is no board to them: the form says to choose one
        IdeaService.IdeaForm form = new IdeaService.IdeaForm(visible ? board : "", Web.formText(ctx, "title"), Web.formText(ctx, "body"),
                Web.formText(ctx, "tags"));
        try {
            long id = ideas.propose(author, form);
            Web.redirect(ctx, "/idea/" + id, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showNew(ctx, form, pages.errors(ctx, e), 422);
        }
    }

    private void showNew(Context ctx, IdeaService.IdeaForm form, Map<String, String> errors, int status) {
        Web.requireViewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "ideas.new"));
        model.put("form", form);
        model.put("errors", errors);
        model.put("boards", store.boards(ideas.rules().voteBudget(), access.of(ctx)));
        model.put("titleMax", IdeaRules.TITLE_MAX);
        ctx.status(status);
        pages.render(ctx, "ideas/new", model);
    }

    private void showEdit(Context ctx) {
        Member member = Web.requireViewer(ctx);
        Idea idea = store.idea(Web.pathId(ctx), access.of(ctx)).orElseThrow(NotFound::new);
        if (!privileges.mayEditIdea(member, idea.author().id(), idea.open())) {
            throw new townhall.web.NotAllowed("ideas.denied.edit");
        }
        showEditForm(ctx, idea, new IdeaService.IdeaForm(String.valueOf(idea.categoryId()), idea.title(), idea.bodyMd(),
                String.join(" ", idea.tags())), Map.of(), 200);
    }

    private void saveEdit(Context ctx) {
        Member member = Web.requireViewer(ctx);
        Idea idea = store.idea(Web.pathId(ctx), access.of(ctx)).orElseThrow(NotFound::new);
        IdeaService.IdeaForm form = new IdeaService.IdeaForm(String.valueOf(idea.categoryId()), Web.formText(ctx, "title"),
                Web.formText(ctx, "body"), Web.formText(ctx, "tags"));
        try {
            ideas.edit(member, idea.id(), form);
            Web.redirect(ctx, "/idea/" + idea.id(), HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showEditForm(ctx, idea, form, pages.errors(ctx, e), 422);
        }
    }

    private void showEditForm(Context ctx, Idea idea, IdeaService.IdeaForm form, Map<String, String> errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "ideas.edit"));
        model.put("idea", idea);
        model.put("form", form);
        model.put("errors", errors);
        model.put("boards", store.boards(ideas.rules().voteBudget(), access.of(ctx)));
        model.put("titleMax", IdeaRules.TITLE_MAX);
        ctx.status(status);
        pages.render(ctx, "ideas/new", model);
    }

    private void setStatus(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        try {
            ideas.setStatus(staff, id, ctx.formParam("status"), ctx.formParam("response"));
            Web.redirect(ctx, "/idea/" + id, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            Idea idea = store.idea(id, access.of(ctx)).orElseThrow(NotFound::new);
            showIdea(ctx, idea, pages.errors(ctx, e), Map.of("status", Web.formText(ctx, "status"),
                    "response", Web.formText(ctx, "response")), 422);
        }
    }

    private void merge(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        try {
            ideas.merge(staff, id, ctx.formParam("survivor"));
            Web.redirect(ctx, "/idea/" + id, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            Idea idea = store.idea(id, access.of(ctx)).orElseThrow(NotFound::new);
            showIdea(ctx, idea, pages.errors(ctx, e), Map.of("survivor", Web.formText(ctx, "survivor")), 422);
        }
    }

    private interface Action {
        void apply(Member member, long ideaId);
    }

    private void act(Context ctx, Action action) {
        Member member = Web.requireViewer(ctx);
        long id = Web.pathId(ctx);
        store.idea(id, access.of(ctx)).orElseThrow(NotFound::new); // an idea of a board the member may not see
        action.apply(member, id);
        Web.redirect(ctx, Web.localPath(ctx.formParam("back"), "/idea/" + id), HttpStatus.SEE_OTHER);
    }

    // ---- boards

    private void showBoards(Context ctx, Map<String, String> errors, Map<String, String> form, int status) {
        Member staff = Web.requireStaff(ctx);
        if (!privileges.mayManageIdeas(staff)) {
            throw new townhall.web.NotAllowed("ideas.denied.staff");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "ideas.boards.title"));
        model.put("boards", store.boards(ideas.rules().voteBudget(), access.of(ctx)));
        model.put("categories", categories.all());
        model.put("siteBudget", ideas.rules().voteBudget());
        model.put("errors", errors);
        model.put("form", form);
        ctx.status(status);
        pages.render(ctx, "ideas/boards", model);
    }

    private void saveBoard(Context ctx) {
        Member staff = Web.requireViewer(ctx);
        try {
            ideas.saveBoard(staff, ctx.formParam("category"), ctx.formParam("budget"));
            Web.redirect(ctx, "/ideas/boards", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showBoards(ctx, pages.errors(ctx, e), Map.of("category", Web.formText(ctx, "category"), "budget", Web.formText(ctx, "budget")),
                    422);
        }
    }

    // ---- roadmap and export

    private void roadmap(Context ctx) {
        LocalDateTime shippedSince = LocalDateTime.now(clock).minusDays(ideas.rules().shippedDays());
        List<Map<String, Object>> columns = new ArrayList<>();
        columns.add(column(IdeaStatus.PLANNED, store.inStatus(IdeaStatus.PLANNED, null, 50, access.of(ctx))));
        columns.add(column(IdeaStatus.PROGRESS, store.inStatus(IdeaStatus.PROGRESS, null, 50, access.of(ctx))));
        columns.add(column(IdeaStatus.SHIPPED, store.inStatus(IdeaStatus.SHIPPED, shippedSince, 50, access.of(ctx))));
        Member viewer = Web.viewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "roadmap.title"));
        model.put("columns", columns);
        model.put("isManager", viewer != null && privileges.mayManageIdeas(viewer));
        model.put("canonical", "/roadmap");
        model.put("description", pages.t(ctx, "roadmap.description"));
        pages.render(ctx, "ideas/roadmap", model);
    }

    private static Map<String, Object> column(IdeaStatus status, List<Idea> ideas) {
        return Map.of("status", status.code(), "key", status.key(), "ideas", ideas);
    }

    /** Every idea with its votes, for product managers: staff only. */
    private void export(Context ctx) throws IOException {
        Member staff = Web.requireStaff(ctx);
        if (!privileges.mayManageIdeas(staff)) {
            throw new townhall.web.NotAllowed("ideas.denied.staff");
        }
        String base = Web.publicBase(ctx);
        Map<Long, Integer> recent = store.votesSince(LocalDateTime.now(clock).minusDays(ideas.rules().trendingDays()));
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader("id", "title", "board", "status", "votes", "votes_last_" + ideas.rules().trendingDays() + "_days",
                        "tags", "author", "created", "status_changed", "merged_into", "url")
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Idea idea : store.all()) {
                csv.printRecord(idea.id(), spreadsheetSafe(idea.title()), idea.boardName(), idea.status().code(),
                        idea.voteCount(), recent.getOrDefault(idea.id(), 0), String.join(" ", idea.tags()),
                        idea.author().username(), idea.createdAt(), idea.statusAt(),
                        idea.mergedInto() == null ? "" : idea.mergedInto(), (base == null ? "" : base) + idea.path());
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"ideas.csv\"");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(out.toString());
    }

    /** A cell a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe instead. */
    static String spreadsheetSafe(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    // ---- helpers

    private static IdeaStore.Sort parseSort(String value) {
        if (value == null) {
            return IdeaStore.Sort.TOP;
        }
        try {
            return IdeaStore.Sort.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return IdeaStore.Sort.TOP;
        }
    }

    private static List<Map<String, Object>> sortLinks(String base, Map<String, String> params) {
        List<Map<String, Object>> links = new ArrayList<>();
        String current = params.getOrDefault("sort", "top");
        for (IdeaStore.Sort sort : IdeaStore.Sort.values()) {
            Map<String, String> with = new LinkedHashMap<>(params);
            String name = sort.name().toLowerCase(Locale.ROOT);
            if (sort == IdeaStore.Sort.TOP) {
                with.remove("sort");
            } else {
                with.put("sort", name);
            }
            links.add(Map.of("key", "ideas.sort." + name, "url", link(base, with, 1), "current", current.equals(name)));
        }
        return links;
    }

    private static List<Map<String, Object>> statusLinks(String base, Map<String, String> params) {
        List<Map<String, Object>> links = new ArrayList<>();
        String current = params.getOrDefault("status", "");
        Map<String, String> any = new LinkedHashMap<>(params);
        any.remove("status");
        links.add(Map.of("key", "ideas.status.any", "url", link(base, any, 1), "current", current.isEmpty()));
        for (IdeaStatus status : IdeaStatus.values()) {
            Map<String, String> with = new LinkedHashMap<>(params);
            with.put("status", status.code());
            links.add(Map.of("key", status.key(), "url", link(base, with, 1), "current", current.equals(status.code())));
        }
        return links;
    }

    private static String link(String base, Map<String, String> params, int page) {
        StringBuilder url = new StringBuilder(base);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(param.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            separator = '&';
        }
        if (page > 1) {
            url.append(separator).append("page=").append(page);
        }
        return url.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
