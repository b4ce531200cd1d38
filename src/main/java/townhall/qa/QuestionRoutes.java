package townhall.qa;

import townhall.account.Privileges;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.account.Member;
import townhall.notify.Notifier;
import townhall.uploads.ImageUploads;
import townhall.web.Csrf;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.versions.Freshness;
import townhall.versions.ProductLine;
import townhall.versions.VersionService;
import townhall.web.Views;
import townhall.web.Web;
import townhall.markdown.HtmlText;
import townhall.markdown.MarkdownRenderer;

/** Reading: the home page, question lists, tags, categories, a question's page; and asking. */
public final class QuestionRoutes {
    private final QuestionStore questions;
    private final CategoryStore categories;
    private final PostingService posting;
    private final ViewCounter views;
    private final Views pages;
    private final MarkdownRenderer markdown;
    private final QaRules rules;
    private final StructuredData structuredData;
    private final Privileges privileges;
    private final RelatedQuestions related;
    private final ImageUploads uploads;
    private final Notifier notifier;
    private final CategoryAccess access;
    private final VersionService versions;

    public QuestionRoutes(QuestionStore questions, CategoryStore categories, PostingService posting,
                          ViewCounter views, Views pages, MarkdownRenderer markdown, QaRules rules,
                          StructuredData structuredData, Privileges privileges, RelatedQuestions related,
                          ImageUploads uploads, Notifier notifier, CategoryAccess access, VersionService versions) {
        this.versions = versions;
        this.access = access;
        this.questions = questions;
        this.categories = categories;
        this.posting = posting;
        this.views = views;
        this.pages = pages;
        this.markdown = markdown;
        this.rules = rules;
        this.structuredData = structuredData;
        this.privileges = privileges;
        this.related = related;
        this.uploads = uploads;
        this.notifier = notifier;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/questions", ctx -> list(ctx, null, null));
        routes.get("/tags", this::tags);
        routes.get("/tags/{tag}", ctx -> list(ctx, ctx.pathParam("tag").toLowerCase(Locale.ROOT), null));
        routes.get("/c/{slug}", ctx -> list(ctx, null, ctx.pathParam("slug")));
        routes.get("/ask", ctx -> showAsk(ctx, Map.of(), Map.of(), null));
        routes.post("/ask", this::ask);
        routes.post("/preview", this::preview);
        routes.get("/q/{id}", this::question);
        routes.get("/q/{id}/{slug}", this::question);
    }

    private void list(Context ctx, String tag, String categorySlug) {
        Member viewer = Web.viewer(ctx);
        QuestionStore.Sort sort = parseSort(ctx.queryParam("sort"));
        boolean verified = "verified".equals(ctx.queryParam("filter"));
        boolean unanswered = "unanswered".equals(ctx.queryParam("filter"));
        String tagFilter = tag != null ? tag : blankToNull(ctx.queryParam("tag"));
        String categoryFilter = categorySlug != null ? categorySlug : blankToNull(ctx.queryParam("category"));
        Audience audience = access.of(ctx);
        Category category = categoryFilter == null ? null
                : categories.find(categoryFilter, audience).orElseThrow(NotFound::new);
        if (category != null && category.restricted()) {
            PageCache.doNotKeep(ctx);
        }
        int page = Web.pageNumber(ctx.queryParam("page"));
        QuestionStore.ListPage result = questions.list(new QuestionStore.ListQuery(sort, tagFilter, categoryFilter,
                verified, unanswered, viewer != null && viewer.isStaff(), page, rules.pageSize(), audience));
        if (result.questions().isEmpty() && page > 1) {
            throw new NotFound();
        }
        String base = Web.sitePath(ctx);
        Map<String, String> params = new LinkedHashMap<>();
        if (sort != QuestionStore.Sort.ACTIVE) {
            params.put("sort", sort.name().toLowerCase(Locale.ROOT));
        }
        if (verified || unanswered) {
            params.put("filter", verified ? "verified" : "unanswered");
        }
        if (tag == null && tagFilter != null) {
            params.put("tag", tagFilter);
        }
        if (categorySlug == null && categoryFilter != null) {
            params.put("category", categoryFilter);
        }
        Map<String, Object> model = new HashMap<>();
        String heading = tagFilter != null ? pages.t(ctx, "qa.list.tagged", "tag", tagFilter)
                : category != null ? category.name() : pages.t(ctx, "footer.allQuestions");
        model.put("title", heading + (page > 1 ? " (" + pages.t(ctx, "search.page", "page", page) + ")" : ""));
        model.put("heading", heading);
        model.put("category", category);
        model.put("tag", tagFilter);
        model.put("isTagPage", tag != null);
        model.put("canWatchUnanswered", viewer != null && privileges.canSeeHelperQueue(viewer));
        model.put("questions", result.questions());
        model.put("sort", sort.name().toLowerCase(Locale.ROOT));
        model.put("filter", verified ? "verified" : unanswered ? "unanswered" : "");
        model.put("page", page);
        model.put("sortLinks", sortLinks(base, params));
        model.put("filterLinks", filterLinks(base, params));
        model.put("prevUrl", page > 1 ? link(base, params, page - 1) : null);
        model.put("nextUrl", result.hasNext() ? link(base, params, page + 1) : null);
        model.put("canonical", link(base, params, page));
        model.put("description", category != null ? category.description()
                : pages.t(ctx, "qa.list.description", "heading", heading));
        pages.render(ctx, "qa/list", model);
    }

    private void tags(Context ctx) {
        pages.render(ctx, "qa/tags", Map.of("title", pages.t(ctx, "qa.tags"), "tags", questions.tags(500, access.of(ctx)),
                "description", pages.t(ctx, "qa.tags.description")));
    }

    private void showAsk(Context ctx, Map<String, String> form, Map<String, String> errors, String preview) {
        Member asker = Web.requireViewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "qa.ask.button"));
        model.put("firstQuestion", posting.isFirstQuestion(asker));
        model.put("form", form);
        model.put("errors", errors);
        model.put("preview", preview);
        model.put("categories", categories.visible(access.of(asker)));
        model.put("rules", rules);
        model.put("formShown", form.containsKey("shown") ? form.get("shown") : String.valueOf(System.currentTimeMillis()));
        pages.render(ctx, "qa/ask", model);
    }

    private void ask(Context ctx) {
        Member asker = Web.requireViewer(ctx);
        Map<String, String> form = new HashMap<>();
        for (String field : List.of("title", "body", "tags", "category", "shown")) {
            form.put(field, ctx.formParam(field) == null ? "" : ctx.formParam(field));
        }
        try {
            String withImage = FormImage.appendedTo(ctx, asker, form.get("body"), uploads, "image");
            if (withImage != null) {
                form.put("body", withImage);
                showAsk(ctx, form, Map.of(), markdown.render(withImage, privileges.linkPolicy(asker)));
                return;
            }
        } catch (InvalidInput e) {
            ctx.status(422);
            showAsk(ctx, form, pages.errors(ctx, e), null);
            return;
        }
        if (ctx.formParam("preview") != null) {
            showAsk(ctx, form, Map.of(), markdown.render(form.get("body"), privileges.linkPolicy(asker)));
            return;
        }
        try {
            long id = posting.ask(asker, new PostingService.AskForm(form.get("title"), form.get("body"),
                    form.get("tags"), form.get("category")), formSignals(ctx));
            Web.redirect(ctx, "/q/" + id);
        } catch (InvalidInput e) {
            ctx.status(422);
            showAsk(ctx, form, pages.errors(ctx, e), null);
        }
    }

    /** The live preview: the body's HTML exactly as it will be stored. */
    private void preview(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        String body = ctx.formParam("body") == null ? "" : ctx.formParam("body");
        ctx.html(markdown.render(body, privileges.linkPolicy(viewer)));
    }

    private void question(Context ctx) {
        showQuestion(ctx, Web.id(ctx.pathParam("id")), Map.of(), Map.of());
    }

    /** Renders a question's page; {@code drafts} and {@code errors} refill a form that did not go through. */
    /**
     * Actions a member cannot use yet are shown disabled with the reason and how to earn them, rather than refused
     * after the click: null reasons for what the viewer may do.
     */
    private void putWhatTheViewerMayNotYetDo(Context ctx, Member viewer, Map<String, Object> model) {
        if (viewer == null) {
            return;
        }
        int upvote = privileges.rules().upvote();
        int downvote = privileges.rules().downvote();
        model.put("upvoteWhy", privileges.canUpvote(viewer) ? null : pages.t(ctx, "qa.denied.upvote", "reputation", upvote));
        model.put("downvoteWhy", privileges.canDownvote(viewer) ? null
                : pages.t(ctx, "qa.denied.downvote", "reputation", downvote));
        model.put("canCommentEverywhere", privileges.canCommentEverywhere(viewer));
        model.put("commentWhy", pages.t(ctx, "qa.denied.comment", "reputation", privileges.rules().comment()));
        model.put("replyWhy", privileges.mayReply(viewer) ? null
                : pages.t(ctx, "qa.denied.unconfirmed", "email", viewer.email()));
    }

    void showQuestion(Context ctx, long id, Map<String, String> drafts, Map<String, String> errors) {
        Member viewer = Web.viewer(ctx);
        boolean staff = viewer != null && viewer.isStaff();
        QuestionStore.Thread thread = questions.thread(id, access.of(ctx), staff, viewer == null ? null : viewer.id())
                .orElseThrow(NotFound::new); // a question in a category the viewer may not see does not exist for them
        Question question = thread.question();
        if (question.category() != null && question.category().restricted()) {
            PageCache.doNotKeep(ctx);
        }
        boolean ownHeld = question.held() && viewer != null && viewer.id() == question.author().id();
        if (question.deleted() && !staff && !ownHeld) {
            throw new NotFound();
        }
        String requestedSlug = ctx.pathParamMap().get("slug");
        if (ctx.method().name().equals("GET") && !question.slug().equals(requestedSlug)) {
            Web.redirect(ctx, question.path(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        List<Answer> answers = new ArrayList<>(thread.answers());
        answers.sort(Comparator.comparing((Answer a) -> !isVerified(question, a))
                .thenComparing(a -> !Long.valueOf(a.id()).equals(question.acceptedAnswerId()))
                .thenComparing(Comparator.comparingInt(Answer::score).reversed()));
        QuestionStore.ReaderMarks marks = viewer == null ? null : questions.readerMarks(viewer.id(), id);
        Map<Long, Integer> myVotes = marks == null ? Map.of() : marks.votes();
        views.viewed(id, viewer != null ? "m" + viewer.id() : "b" + Csrf.token(ctx));
        Map<String, Object> model = new HashMap<>();
        model.put("title", question.title());
        model.put("description", HtmlText.excerpt(question.excerpt(), 155)); // the body's text, kept on saving
        model.put("canonical", question.path());
        model.put("question", question);
        model.put("answers", answers);
        model.put("myVotes", myVotes);
        model.put("isAsker", viewer != null && viewer.id() == question.author().id());
        model.put("isStaff", staff);
        model.put("canClose", viewer != null && privileges.canCloseAsDuplicate(viewer));
        model.put("canEditOthers", viewer != null && privileges.canEditOthers(viewer));
        putWhatTheViewerMayNotYetDo(ctx, viewer, model);
        String deleted = ctx.queryParam("deleted");
        model.put("deleted", "question".equals(deleted) || "answer".equals(deleted) ? deleted : null);
        model.put("canFlag", viewer != null && privileges.canFlag(viewer));
        model.put("flagged", ctx.queryParam("flagged"));
        model.put("heldComment", "comment".equals(ctx.queryParam("held")));
        model.put("formShown", System.currentTimeMillis());
        model.put("drafts", drafts);
        model.put("errors", errors);
        // how fresh the verified answer is (the versions it holds for, its last check): one query, when there is one
        Freshness freshness = question.verification() == null ? null : versions.answerFreshness(id).orElse(null);
        model.put("freshness", freshness);
        if (staff && !question.deleted()) { // the versions staff may say a verified answer holds for
            List<ProductLine> lines = versions.linesOfQuestion(id);
            model.put("versionLines", lines);
            model.put("chosenVersions", chosenVersions(drafts, lines));
            model.put("mayRecheck", versions.mayManage(viewer));
        }
        model.put("jsonLd", structuredData.qaPage(Web.publicBase(ctx), question, answers,
                freshness == null ? null : freshness.checkedAt()));
        model.put("rules", rules);
        if (viewer != null) {
            model.put("watchLevel", marks.watchLevel());
            if (marks.unreadNotifications() > 0 && ctx.method() == HandlerType.GET) {
                notifier.seen(viewer.id(), id); // what they had about it is read now, and not emailed
            }
        }
        model.put("editedAfterVerification", question.verification() != null && answers.stream()
                .anyMatch(a -> a.id() == question.verification().answerId() && a.editedAt() != null
                        && a.editedAt().isAfter(question.verification().at())));
        if (ctx.method() == HandlerType.GET) {
            model.put("related", related.of(id));
        }
        pages.render(ctx, "qa/question", model);
    }

    /** The version ids ticked on the verify form: what was sent, else the current version of the first line. */
    private static List<String> chosenVersions(Map<String, String> drafts, List<ProductLine> lines) {
        if (drafts.containsKey("versions")) {
            return List.of(drafts.get("versions").split(","));
        }
        return lines.stream().map(ProductLine::current).filter(java.util.Objects::nonNull).limit(1)
                .map(v -> String.valueOf(v.id())).toList();
    }

    /** Counts the view of a question page served from the page cache, which skips {@link #showQuestion}. */
    public void viewedFromCache(Context ctx, String path) {
        QuestionLinks.questionOf(path).ifPresent(id -> views.viewed(id, "b" + Csrf.token(ctx)));
    }

    private static boolean isVerified(Question question, Answer answer) {
        return question.verification() != null && question.verification().answerId() == answer.id();
    }

    private static QuestionStore.Sort parseSort(String value) {
        if (value == null) {
            return QuestionStore.Sort.ACTIVE;
        }
        try {
            QuestionStore.Sort sort = QuestionStore.Sort.valueOf(value.toUpperCase(Locale.ROOT));
            return QuestionStore.Sort.PUBLIC.contains(sort) ? sort : QuestionStore.Sort.ACTIVE;
        } catch (IllegalArgumentException e) {
            return QuestionStore.Sort.ACTIVE;
        }
    }


    /** The honeypot field ("website", hidden from people) and when the form was shown, for the spam defence. */
    static ContentGate.FormSignals formSignals(Context ctx) {
        String honeypot = ctx.formParam("website");
        long shown;
        try {
            shown = Long.parseLong(String.valueOf(ctx.formParam("shown")));
        } catch (NumberFormatException e) {
            shown = 0;
        }
        return new ContentGate.FormSignals(honeypot == null ? "" : honeypot, shown);
    }

    private static List<Map<String, Object>> sortLinks(String base, Map<String, String> params) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (QuestionStore.Sort sort : QuestionStore.Sort.PUBLIC) {
            Map<String, String> with = new LinkedHashMap<>(params);
            String name = sort.name().toLowerCase(Locale.ROOT);
            if (sort == QuestionStore.Sort.ACTIVE) {
                with.remove("sort");
            } else {
                with.put("sort", name);
            }
            String current = params.getOrDefault("sort", "active");
            links.add(Map.of("label", name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
                    "key", "qa.sort." + name, "url", link(base, with, 1), "current", current.equals(name)));
        }
        return links;
    }

    private static List<Map<String, Object>> filterLinks(String base, Map<String, String> params) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String filter : List.of("", "verified", "unanswered")) {
            Map<String, String> with = new LinkedHashMap<>(params);
            if (filter.isEmpty()) {
                with.remove("filter");
            } else {
                with.put("filter", filter);
            }
            String label = filter.isEmpty() ? "Any" : filter.substring(0, 1).toUpperCase(Locale.ROOT) + filter.substring(1);
            links.add(Map.of("label", label, "key", "qa.filter." + (filter.isEmpty() ? "any" : filter), "url", link(base, with, 1),
                    "current", params.getOrDefault("filter", "").equals(filter)));
        }
        return links;
    }

    private static String link(String base, Map<String, String> params, int page) {
        StringBuilder url = new StringBuilder(base);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (page > 1) {
            url.append(separator).append("page=").append(page);
        }
        return url.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
