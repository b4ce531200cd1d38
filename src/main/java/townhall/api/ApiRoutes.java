package townhall.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.faq.FaqSection;
import townhall.faq.FaqStore;
import townhall.notify.NotificationStore;
import townhall.qa.Audience;
import townhall.qa.CategoryAccess;
import townhall.qa.CategoryStore;
import townhall.qa.PostStore;
import townhall.qa.PostingService;
import townhall.qa.Question;
import townhall.qa.QuestionStore;
import townhall.qa.VoteAndMarkService;
import townhall.search.SearchService;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/**
 * The REST API under {@code /api/v1}: JSON in and out, the same services (and so the same permission rules) as the
 * pages, documented by {@code api/openapi.json}. A request proves who it is with an API token
 * ({@code Authorization: Bearer}) or, from the site's own pages, the session cookie plus the CSRF token.
 */
public final class ApiRoutes {
    /** Every route of the API, as the OpenAPI document names it; the contract test holds the two equal. */
    public record Endpoint(String method, String path, ApiScope scope) {}

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("get", "/api/v1/questions", ApiScope.READ),
            new Endpoint("post", "/api/v1/questions", ApiScope.WRITE),
            new Endpoint("get", "/api/v1/questions/{id}", ApiScope.READ),
            new Endpoint("post", "/api/v1/questions/{id}/answers", ApiScope.WRITE),
            new Endpoint("post", "/api/v1/posts/{id}/comments", ApiScope.WRITE),
            new Endpoint("post", "/api/v1/posts/{id}/vote", ApiScope.WRITE),
            new Endpoint("post", "/api/v1/answers/{id}/accept", ApiScope.WRITE),
            new Endpoint("post", "/api/v1/answers/{id}/verify", ApiScope.MODERATE),
            new Endpoint("get", "/api/v1/search", ApiScope.READ),
            new Endpoint("get", "/api/v1/faq", ApiScope.READ),
            new Endpoint("get", "/api/v1/tags", ApiScope.READ),
            new Endpoint("get", "/api/v1/categories", ApiScope.READ),
            new Endpoint("get", "/api/v1/members/{username}", ApiScope.READ),
            new Endpoint("get", "/api/v1/notifications", ApiScope.READ));

    private static final int PAGE_SIZE = 30;

    private final QuestionStore questions;
    private final CategoryStore categories;
    private final PostStore posts;
    private final PostingService posting;
    private final VoteAndMarkService votes;
    private final SearchService search;
    private final FaqStore faq;
    private final AccountStore accounts;
    private final NotificationStore notifications;
    private final Views views;
    private final CategoryAccess access;

    public ApiRoutes(QuestionStore questions, CategoryStore categories, PostStore posts, PostingService posting,
                     VoteAndMarkService votes, SearchService search, FaqStore faq, AccountStore accounts,
                     NotificationStore notifications, Views views, CategoryAccess access) {
        this.access = access;
        this.questions = questions;
        this.categories = categories;
        this.posts = posts;
        this.posting = posting;
        this.votes = votes;
        this.search = search;
        this.faq = faq;
        this.accounts = accounts;
        this.notifications = notifications;
        this.views = views;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        Map<String, Handler> handlers = handlers();
        for (Endpoint endpoint : ENDPOINTS) {
            Handler handler = handlers.get(endpoint.method() + " " + endpoint.path());
            Handler scoped = ctx -> {
                requireScope(ctx, endpoint.scope());
                handler.handle(ctx);
            };
            if (endpoint.method().equals("get")) {
                routes.get(endpoint.path(), scoped);
            } else {
                routes.post(endpoint.path(), scoped);
            }
        }
    }

    private Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new LinkedHashMap<>();
        handlers.put("get /api/v1/questions", this::list);
        handlers.put("post /api/v1/questions", this::ask);
        handlers.put("get /api/v1/questions/{id}", this::question);
        handlers.put("post /api/v1/questions/{id}/answers", this::answer);
        handlers.put("post /api/v1/posts/{id}/comments", this::comment);
        handlers.put("post /api/v1/posts/{id}/vote", this::vote);
        handlers.put("post /api/v1/answers/{id}/accept", ctx -> {
            votes.accept(requireMember(ctx), Web.pathId(ctx));
            ctx.json(Map.of("accepted", true));
        });
        handlers.put("post /api/v1/answers/{id}/verify", ctx -> {
            votes.verify(requireMember(ctx), Web.pathId(ctx), field(ctx, "note"));
            ctx.json(Map.of("verified", true));
        });
        handlers.put("get /api/v1/search", this::search);
        handlers.put("get /api/v1/faq", this::faq);
        handlers.put("get /api/v1/tags", ctx -> ctx.json(Map.of("tags", questions.tags(200, access.of(ctx)).stream()
                .map(tag -> Map.of("name", tag.name(), "questions", tag.questions())).toList())));
        handlers.put("get /api/v1/categories", ctx -> ctx.json(Map.of("categories", categories.visible(access.of(ctx)).stream()
                .map(c -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("slug", c.slug());
                    json.put("name", c.name());
                    json.put("description", c.description());
                    return json;
                }).toList())));
        handlers.put("get /api/v1/members/{username}", this::member);
        handlers.put("get /api/v1/notifications", this::notifications);
        return handlers;
    }

    /** A token must hold the endpoint's scope; a session cookie carries all of its member's rights. */
    private static void requireScope(Context ctx, ApiScope scope) {
        ApiTokens.Grant grant = Web.tokenGrant(ctx);
        if (grant != null && !grant.allows(scope)) {
            throw new NotAllowed("api.error.scope");
        }
    }

    private static Member requireMember(Context ctx) {
        Member member = Web.viewer(ctx);
        if (member == null) {
            throw new UnauthorizedResponse("Sign in, or send Authorization: Bearer <token>");
        }
        return member;
    }

    private void list(Context ctx) {
        Member viewer = Web.viewer(ctx);
        String sort = String.valueOf(ctx.queryParam("sort")).toUpperCase(Locale.ROOT);
        QuestionStore.Sort order = QuestionStore.Sort.PUBLIC.stream().filter(s -> s.name().equals(sort)).findFirst()
                .orElse(QuestionStore.Sort.ACTIVE);
        int page = Web.pageNumber(ctx.queryParam("page"));
        QuestionStore.ListPage result = questions.list(new QuestionStore.ListQuery(order, blankToNull(ctx.queryParam("tag")),
                blankToNull(ctx.queryParam("category")), false, false, viewer != null && viewer.isStaff(), page,
                PAGE_SIZE, access.of(ctx)));
        String base = Web.publicBase(ctx);
        ctx.json(Map.of("page", page, "hasNext", result.hasNext(),
                "questions", result.questions().stream().map(q -> ApiJson.summary(q, base)).toList()));
    }

    private void question(Context ctx) {
        Member viewer = Web.viewer(ctx);
        boolean staff = viewer != null && viewer.isStaff();
        QuestionStore.Thread thread = questions.thread(Web.pathId(ctx), access.of(ctx), staff).orElseThrow(NotFound::new);
        Question question = thread.question();
        if (question.deleted() && !staff) {
            throw new NotFound();
        }
        ctx.json(ApiJson.question(question, thread.answers().stream().filter(a -> staff || !a.deleted()).toList(),
                Web.publicBase(ctx)));
    }

    private void ask(Context ctx) {
        long id = posting.ask(requireMember(ctx), new PostingService.AskForm(field(ctx, "title"), field(ctx, "body"),
                field(ctx, "tags"), field(ctx, "category")));
        created(ctx, id, questions.thread(id, Audience.STAFF, true).orElseThrow().question().path());
    }

    private void answer(Context ctx) {
        long answerId = posting.answer(requireMember(ctx), Web.pathId(ctx), field(ctx, "body"));
        created(ctx, answerId, "/q/" + Web.pathId(ctx) + "#a" + answerId);
    }

    private void comment(Context ctx) {
        PostingService.Commented commented = posting.comment(requireMember(ctx), Web.pathId(ctx), field(ctx, "body"));
        ctx.status(201).json(Map.of("postId", commented.post().id(), "questionId", commented.post().questionId(),
                "heldForReview", commented.held()));
    }

    private void vote(Context ctx) {
        int value = switch (field(ctx, "vote")) {
            case "up" -> 1;
            case "down" -> -1;
            case "none" -> 0;
            default -> throw InvalidInput.of("vote", "qa.error.vote");
        };
        ctx.json(Map.of("score", votes.vote(requireMember(ctx), Web.pathId(ctx), value), "vote", value));
    }

    private void search(Context ctx) {
        int page = Web.pageNumber(ctx.queryParam("page"));
        SearchService.Results results = search.search(new SearchService.Request(String.valueOf(
                ctx.queryParamAsClass("q", String.class).getOrDefault("")), SearchService.Scope.ALL,
                blankToNull(ctx.queryParam("tag")), false, false, page, 20, access.of(ctx)));
        String base = Web.publicBase(ctx);
        ctx.json(Map.of("total", results.total(), "page", page, "hasNext", results.hasNext(),
                "hits", results.hits().stream().map(hit -> ApiJson.hit(hit, base)).toList()));
    }

    private void faq(Context ctx) {
        String base = Web.publicBase(ctx);
        ctx.json(Map.of("entries", faq.sections(false).stream().map(FaqSection::entries).flatMap(List::stream)
                .filter(entry -> !entry.retired()).map(entry -> ApiJson.faqEntry(entry, base)).toList()));
    }

    private void member(Context ctx) {
        Member member = accounts.findByUsername(ctx.pathParam("username")).orElseThrow(NotFound::new);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", member.username());
        json.put("reputation", member.reputation());
        json.put("helper", member.helper());
        json.put("staff", member.isStaff());
        json.put("joinedAt", ApiJson.time(member.createdAt()));
        json.put("url", Web.publicBase(ctx) + "/u/" + member.username());
        ctx.json(json);
    }

    private void notifications(Context ctx) {
        Member member = requireMember(ctx);
        String base = Web.publicBase(ctx);
        ctx.json(Map.of("notifications", notifications.latest(member.id(), 50).stream().map(n -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", n.id());
            json.put("message", views.t(ctx, n.message()));
            json.put("url", n.link() == null ? null : base + n.link());
            json.put("at", ApiJson.time(n.at()));
            json.put("unread", n.unread());
            return json;
        }).toList()));
    }

    private static void created(Context ctx, long id, String path) {
        ctx.status(201).json(Map.of("id", id, "url", Web.publicBase(ctx) + path));
    }

    /** A field of a JSON object body, or of a form: the API takes both. */
    private static String field(Context ctx, String name) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json")) {
            Map<String, Object> body = ctx.attribute("townhall.apiBody");
            if (body == null) {
                try {
                    body = ctx.bodyAsClass(Map.class);
                } catch (RuntimeException e) {
                    throw InvalidInput.of("body", "api.error.json");
                }
                ctx.attribute("townhall.apiBody", body == null ? Map.of() : body);
                body = ctx.attribute("townhall.apiBody");
            }
            Object value = body.get(name);
            if (value instanceof java.util.List<?> list) { // tags as responses give them: ["pairing", "firmware"]
                return String.join(" ", list.stream().map(String::valueOf).toList());
            }
            return value == null ? "" : String.valueOf(value);
        }
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
