package townhall.reputation;

import townhall.account.Privileges;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;
import townhall.i18n.Text;
import townhall.qa.QaRules;
import townhall.profile.Profile;
import townhall.profile.ProfileService;
import townhall.profile.ProfileStore;
import townhall.qa.CategoryAccess;
import townhall.qa.QuestionStore;

/** Profiles, the leaderboard, the Helpers' queue, the privileges table, staff decisions. */
public final class ReputationRoutes {
    private final AccountStore accounts;
    private final ReputationStore store;
    private final HelperService helpers;
    private final Privileges privileges;
    private final QuestionStore questions;
    private final QaRules qaRules;
    private final ProfileStore profiles;
    private final Views pages;
    private final Clock clock;

    private final CategoryAccess access;

    public ReputationRoutes(AccountStore accounts, ReputationStore store, HelperService helpers, Privileges privileges,
                            QuestionStore questions, QaRules qaRules, ProfileStore profiles, Views pages, Clock clock,
                            CategoryAccess access) {
        this.access = access;
        this.accounts = accounts;
        this.store = store;
        this.helpers = helpers;
        this.privileges = privileges;
        this.questions = questions;
        this.qaRules = qaRules;
        this.profiles = profiles;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/u/{username}", ctx -> profile(ctx, Map.of(), Map.of()));
        routes.post("/u/{username}/helper", this::decideHelper);
        routes.post("/u/{username}/strikes", this::strike);
        routes.get("/leaderboard", this::leaderboard);
        routes.get("/helpers/queue", this::queue);
        routes.get("/privileges", this::privilegesPage);
        routes.get("/badges", this::badgesPage);
    }

    /** Every badge with its rule, how many hold it and who earned it last. */
    private void badgesPage(Context ctx) {
        Map<String, List<String>> earners = store.recentEarners(5);
        Map<String, Integer> holders = store.holders();
        List<Map<String, Object>> rows = java.util.Arrays.stream(Badge.values()).map(badge -> Map.<String, Object>of(
                "title", badge.title(), "description", badge.description(),
                "holders", holders.getOrDefault(badge.name(), 0),
                "earners", earners.getOrDefault(badge.name(), List.of()))).toList();
        pages.render(ctx, "reputation/badges", Map.of("title", pages.t(ctx, "badges.title"), "badges", rows,
                "description", pages.t(ctx, "badges.intro"), "canonical", "/badges"));
    }

    private Member memberOf(Context ctx) {
        return accounts.findByUsername(ctx.pathParam("username")).orElseThrow(NotFound::new);
    }

    private void profile(Context ctx, Map<String, String> form, Map<String, String> errors) {
        Member member = memberOf(ctx);
        Member viewer = Web.viewer(ctx);
        ReputationStore.Standing standing = helpers.standing(member.id()).orElseThrow(NotFound::new);
        ReputationStore.Achievements achievements = store.achievements(member.id());
        boolean staffView = viewer != null && viewer.isStaff();
        Profile profile = profiles.find(member.id()).orElse(Profile.empty(member.id()));
        boolean deleted = ProfileService.isDeleted(member.id(), member.username());
        String name = deleted ? pages.t(ctx, "profile.deletedMember") : profile.nameOr(member.username());
        Map<String, Object> model = new HashMap<>();
        model.put("title", name);
        model.put("description", pages.t(ctx, "profile.description", "name", name,
                "reputation", member.reputation(), "answers", achievements.answers()));
        model.put("member", member);
        model.put("profile", profile);
        model.put("avatarUrl", profile.avatarPath(member.username()));
        model.put("deleted", deleted);
        model.put("canDelete", staffView && viewer.id() != member.id() && privileges.mayDeleteAccount(viewer, member));
        model.put("progress", helpers.progress(standing));
        model.put("achievements", achievements);
        model.put("badges", store.badgesOf(member.id()).stream().map(award -> Map.of(
                "title", Badge.valueOf(award.badge()).title(),
                "description", Badge.valueOf(award.badge()).description(),
                "at", award.at())).toList());
        model.put("chart", ReputationChart.svg(store.dailyTotals(member.id()), member.createdAt().toLocalDate(),
                LocalDate.now(clock), pages.messages(ctx), pages.locale(ctx)));
        model.put("topTags", store.topAnswerTags(member.id(), 5));
        model.put("events", store.recentEvents(member.id(), 15, access.of(ctx)));
        model.put("posts", deleted ? List.of() : store.recentPosts(member.id(), 10, access.of(ctx)));
        model.put("helperRules", helpers.rules());
        model.put("isSelf", viewer != null && viewer.id() == member.id());
        model.put("staffView", staffView);
        model.put("helperChanges", staffView ? store.helperChanges(member.id()) : List.of());
        model.put("form", form);
        model.put("errors", errors);
        model.put("rules", privileges.rules());
        pages.render(ctx, "reputation/profile", model);
    }

    private void decideHelper(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        Member member = memberOf(ctx);
        try {
            helpers.decide(staff, member.id(), String.valueOf(ctx.formParam("action")), ctx.formParam("reason"));
            Web.redirect(ctx, "/u/" + encode(member.username()));
        } catch (InvalidInput e) {
            ctx.status(422);
            profile(ctx, Map.of("reason", orEmpty(ctx.formParam("reason"))), pages.errors(ctx, e));
        }
    }

    private void strike(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        Member member = memberOf(ctx);
        try {
            helpers.strike(staff, member.id(), ctx.formParam("strike"));
            Web.redirect(ctx, "/u/" + encode(member.username()));
        } catch (InvalidInput e) {
            ctx.status(422);
            profile(ctx, Map.of("strike", orEmpty(ctx.formParam("strike"))), pages.errors(ctx, e));
        }
    }

    private void leaderboard(Context ctx) {
        String requested = String.valueOf(ctx.queryParam("period"));
        String period = List.of("week", "month", "all").contains(requested) ? requested : "week";
        String tag = ctx.queryParam("tag") == null || ctx.queryParam("tag").isBlank() ? null
                : ctx.queryParam("tag").trim().toLowerCase(Locale.ROOT);
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime since = switch (period) {
            case "month" -> now.minusDays(30);
            case "all" -> LocalDateTime.of(1970, 1, 1, 0, 0);
            default -> now.minusDays(7);
        };
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "leaderboard.title") + (tag == null ? "" : " " + pages.t(ctx, "leaderboard.in") + " " + tag));
        model.put("description", pages.t(ctx, "leaderboard.description"));
        model.put("period", period);
        model.put("tag", tag);
        model.put("tagQuery", tag == null ? "" : "&tag=" + encode(tag));
        model.put("byReputation", store.topByReputation(since, tag, 20));
        model.put("byAnswers", store.topByMarkedAnswers(since, tag, 20));
        pages.render(ctx, "reputation/leaderboard", model);
    }

    private void queue(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        if (!privileges.canSeeHelperQueue(viewer)) {
            throw new NotAllowed("queue.denied");
        }
        int page = Web.pageNumber(ctx.queryParam("page"));
        QuestionStore.ListPage result = questions.list(new QuestionStore.ListQuery(QuestionStore.Sort.HELPER_QUEUE,
                null, null, false, true, false, page, qaRules.pageSize(), access.of(ctx)));
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "queue.title"));
        model.put("questions", result.questions());
        model.put("page", page);
        model.put("prevUrl", page > 1 ? "/helpers/queue" + (page == 2 ? "" : "?page=" + (page - 1)) : null);
        model.put("nextUrl", result.hasNext() ? "/helpers/queue?page=" + (page + 1) : null);
        pages.render(ctx, "reputation/queue", model);
    }

    private void privilegesPage(Context ctx) {
        pages.render(ctx, "reputation/privileges", Map.of("title", pages.t(ctx, "privileges.title"), "rows", privileges.table(),
                "rules", privileges.rules(),
                "description", pages.t(ctx, "privileges.description")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
