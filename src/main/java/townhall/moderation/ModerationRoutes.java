package townhall.moderation;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.i18n.Text;
import townhall.qa.PostAccess;
import townhall.qa.PostStore;
import townhall.qa.QuestionLinks;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Flagging a post, the review queue, sanctions, a member's warnings and the moderation log. */
public final class ModerationRoutes {
    private static final int QUEUE_PAGE = 30;
    private static final int LOG_PAGE = 200;

    private final ReviewService review;
    private final SanctionService sanctions;
    private final ModerationStore store;
    private final PostStore posts;
    private final AccountStore accounts;
    private final Privileges privileges;
    private final Views pages;

    private final PostAccess access;

    public ModerationRoutes(ReviewService review, SanctionService sanctions, ModerationStore store, PostStore posts,
                            AccountStore accounts, Privileges privileges, Views pages, PostAccess access) {
        this.access = access;
        this.review = review;
        this.sanctions = sanctions;
        this.store = store;
        this.posts = posts;
        this.accounts = accounts;
        this.privileges = privileges;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/posts/{id}/flag", ctx -> showFlag(ctx, Map.of(), Map.of()));
        routes.post("/posts/{id}/flag", this::flag);
        routes.get("/comments/{id}/flag", ctx -> showCommentFlag(ctx, Map.of(), Map.of()));
        routes.post("/comments/{id}/flag", this::flagComment);
        routes.get("/review", ctx -> showQueue(ctx, null, Map.of(), Map.of()));
        routes.post("/review/{id}", this::decide);
        routes.post("/members/{id}/sanctions", this::sanction);
        routes.post("/members/{id}/sanctions/lift", this::lift);
        routes.get("/warnings", this::warnings);
        routes.post("/warnings/acknowledge", this::acknowledge);
        routes.get("/admin/log", this::log);
        routes.get("/admin/log.csv", this::logCsv);
    }

    private static String param(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    /** A post the member may see (its category's permissions) and that is up: none other is flagged. */
    private PostStore.PostInfo flaggable(long postId, Member flagger) {
        access.visiblePost(postId, flagger);
        return posts.info(postId).filter(p -> !p.deleted() && !p.questionDeleted()).orElseThrow(NotFound::new);
    }

    private void showFlag(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Member viewer = Web.requireViewer(ctx);
        if (!privileges.canFlag(viewer)) {
            throw new NotAllowed("moderation.denied.flag", "reputation", privileges.rules().flag());
        }
        PostStore.PostInfo post = flaggable(Web.pathId(ctx), viewer);
        if (post.authorId() == viewer.id()) {
            throw new NotAllowed("moderation.denied.flag.own");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, post.isQuestion() ? "moderation.flag.title.question" : "moderation.flag.title.answer"));
        model.put("post", post);
        model.put("reasons", ReviewService.FLAG_REASONS);
        model.put("form", form);
        model.put("errors", errors);
        model.put("backUrl", backUrl(post));
        model.put("action", "/posts/" + post.id() + "/flag");
        pages.render(ctx, "moderation/flag", model);
    }

    private void flag(Context ctx) {
        Member flagger = Web.requireViewer(ctx);
        long postId = Web.pathId(ctx);
        Map<String, String> form = Map.of("reason", param(ctx, "reason"), "note", param(ctx, "note"));
        flaggable(postId, flagger);
        try {
            ReviewService.FlagOutcome outcome = review.flag(flagger, postId, form.get("reason"), form.get("note"));
            PostStore.PostInfo post = posts.info(postId).orElseThrow(NotFound::new);
            String path = QuestionLinks.path(post.questionId(), post.slug());
            Web.redirect(ctx, path + "?flagged=" + outcome.name().toLowerCase(Locale.ROOT)
                    + (post.isQuestion() || outcome != ReviewService.FlagOutcome.QUEUED ? "" : "#a" + postId));
        } catch (InvalidInput e) {
            ctx.status(422);
            showFlag(ctx, form, pages.errors(ctx, e));
        }
    }

    private void showCommentFlag(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Member viewer = Web.requireViewer(ctx);
        if (!privileges.canFlag(viewer)) {
            throw new NotAllowed("moderation.denied.flag", "reputation", privileges.rules().flag());
        }
        PostStore.CommentInfo comment = posts.comment(Web.pathId(ctx)).filter(c -> !c.deleted()).orElseThrow(NotFound::new);
        PostStore.PostInfo post = flaggable(comment.postId(), viewer);
        if (comment.authorId() == viewer.id()) {
            throw new NotAllowed("moderation.denied.flag.own");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.flag.title.comment"));
        model.put("post", post);
        model.put("comment", comment);
        model.put("action", "/comments/" + comment.id() + "/flag");
        model.put("reasons", ReviewService.FLAG_REASONS);
        model.put("form", form);
        model.put("errors", errors);
        model.put("backUrl", backUrl(post) + (post.isQuestion() ? "#c" + comment.id() : ""));
        pages.render(ctx, "moderation/flag", model);
    }

    private void flagComment(Context ctx) {
        Member flagger = Web.requireViewer(ctx);
        long commentId = Web.pathId(ctx);
        Map<String, String> form = Map.of("reason", param(ctx, "reason"), "note", param(ctx, "note"));
        posts.comment(commentId).ifPresent(c -> flaggable(c.postId(), flagger));
        try {
            ReviewService.FlagOutcome outcome = review.flagComment(flagger, commentId, form.get("reason"), form.get("note"));
            PostStore.CommentInfo comment = posts.comment(commentId).orElseThrow(NotFound::new);
            PostStore.PostInfo post = posts.info(comment.postId()).orElseThrow(NotFound::new);
            Web.redirect(ctx, QuestionLinks.path(post.questionId(), post.slug()) + "?flagged="
                    + outcome.name().toLowerCase(Locale.ROOT));
        } catch (InvalidInput e) {
            ctx.status(422);
            showCommentFlag(ctx, form, pages.errors(ctx, e));
        }
    }

    private static String backUrl(PostStore.PostInfo post) {
        return QuestionLinks.path(post.questionId(), post.slug()) + (post.isQuestion() ? "" : "#a" + post.id());
    }

    private void showQueue(Context ctx, Long failedItem, Map<String, String> form, Map<String, String> errors) {
        Member viewer = Web.requireViewer(ctx);
        ReviewQueue queue = review.queue(viewer, QUEUE_PAGE);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ModerationStore.Item item : queue.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("item", item);
            row.put("path", QuestionLinks.path(item.questionId(), item.slug()));
            row.put("history", queue.history().getOrDefault(item.authorId(), new ModerationStore.History(0, 0, 0)));
            row.put("flags", queue.flagsOf(item));
            row.put("reasons", reasons(ctx, item.reasons()));
            row.put("failed", failedItem != null && failedItem == item.id());
            items.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.review.title"));
        model.put("items", items);
        model.put("total", queue.total());
        model.put("canSanction", privileges.maySanction(viewer));
        model.put("canWarn", privileges.mayWarn(viewer));
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", ctx.queryParam("done"));
        pages.render(ctx, "moderation/review", model);
    }

    /** The reasons an item was queued, each line a code ("spam.fast") and maybe a detail ("spam.domain:x.example"). */
    private List<String> reasons(Context ctx, String lines) {
        List<String> texts = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String code = colon < 0 ? line : line.substring(0, colon);
            String detail = colon < 0 ? "" : line.substring(colon + 1);
            texts.add(pages.t(ctx, Text.of("moderation.reason." + code, "detail", detail)));
        }
        return texts;
    }

    private void decide(Context ctx) {
        Member reviewer = Web.requireViewer(ctx);
        long itemId = Web.pathId(ctx);
        String action = param(ctx, "action");
        ReviewService.Decision decision = switch (action) {
            case "approve", "edit" -> ReviewService.Decision.APPROVE;
            case "reject" -> ReviewService.Decision.REJECT;
            case "spam" -> ReviewService.Decision.SPAM;
            case "dismiss" -> ReviewService.Decision.DISMISS;
            default -> throw InvalidInput.of("action", "moderation.error.action");
        };
        ReviewService.Edit edit = "edit".equals(action)
                ? new ReviewService.Edit(ctx.formParam("title"), param(ctx, "body"), param(ctx, "editReason")) : null;
        try {
            review.decide(reviewer, itemId, decision, param(ctx, "reason"), "1".equals(ctx.formParam("all")), edit);
            Web.redirect(ctx, "/review?done=" + action);
        } catch (InvalidInput e) {
            ctx.status(422);
            Map<String, String> form = new LinkedHashMap<>();
            for (String field : List.of("reason", "title", "body", "editReason")) {
                form.put(field, param(ctx, field));
            }
            showQueue(ctx, itemId, form, pages.errors(ctx, e));
        }
    }

    private void sanction(Context ctx) {
        Member actor = Web.requireViewer(ctx);
        long memberId = Web.pathId(ctx);
        String back = Web.localPath(ctx.formParam("back"), "/review");
        try {
            sanctions.sanction(actor, memberId, param(ctx, "kind"), param(ctx, "days"), param(ctx, "reason"));
            Web.redirect(ctx, back + (back.contains("?") ? "&" : "?") + "done=sanction");
        } catch (InvalidInput e) {
            ctx.status(422);
            Map<String, Object> model = new HashMap<>();
            Member member = accounts.findById(memberId).orElseThrow(NotFound::new);
            model.put("title", pages.t(ctx, "moderation.sanction.title", "name", member.username()));
            model.put("member", member);
            model.put("form", Map.of("kind", param(ctx, "kind"), "days", param(ctx, "days"), "reason", param(ctx, "reason")));
            model.put("errors", pages.errors(ctx, e));
            model.put("back", back);
            model.put("canSanction", privileges.maySanction(actor));
            pages.render(ctx, "moderation/sanction", model);
        }
    }

    private void lift(Context ctx) {
        Member actor = Web.requireViewer(ctx);
        long memberId = Web.pathId(ctx);
        sanctions.lift(actor, memberId);
        Member member = accounts.findById(memberId).orElseThrow(NotFound::new);
        Web.redirect(ctx, "/u/" + java.net.URLEncoder.encode(member.username(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void warnings(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.warnings.title"));
        model.put("sanctions", sanctions.sanctionsOf(viewer.id()));
        pages.render(ctx, "moderation/warnings", model);
    }

    private void acknowledge(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        sanctions.acknowledge(viewer);
        Web.redirect(ctx, "/warnings?acknowledged=1");
    }

    private List<ModerationStore.LogEntry> logEntries(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        if (!privileges.maySeeModerationLog(viewer)) {
            throw new NotAllowed("moderation.denied.log");
        }
        return store.log(query(ctx, "actor"), query(ctx, "member"), query(ctx, "action"), LOG_PAGE);
    }

    private static String query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }

    private void log(Context ctx) {
        List<ModerationStore.LogEntry> entries = logEntries(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "moderation.log.title"));
        model.put("entries", entries);
        model.put("filter", Map.of("actor", query(ctx, "actor"), "member", query(ctx, "member"), "action", query(ctx, "action")));
        model.put("actions", List.of("approve", "edit_approve", "dismiss", "reject", "spam", "spam_all", "hide", "warn",
                "silence", "suspend", "lift", "word", "assign", "escalate", "group", "category",
                "version", "reverify", "still_true"));
        String filter = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        model.put("csvUrl", "/admin/log.csv" + filter);
        pages.render(ctx, "moderation/log", model);
    }

    /** Text members wrote, made safe for spreadsheets: a leading = + - @ would otherwise start a formula. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private void logCsv(Context ctx) {
        List<ModerationStore.LogEntry> entries = logEntries(ctx);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("id", "at", "actor", "action", "member", "post", "reason").get())) {
            for (ModerationStore.LogEntry e : entries) {
                csv.printRecord(e.id(), e.at(), cell(e.actor()), e.action(), cell(e.member()),
                        e.postId() == null ? "" : e.postId(), cell(e.reason()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"moderation-log.csv\"");
        ctx.result(out.toString());
    }
}
