package townhall.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.NuHtmlChecker;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The pages visitors, members and admins see are valid HTML by the Nu Html Checker (validator.w3.org/nu), run here. */
class ValidHtmlTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    private static Community community;
    private static WebClient member;
    private static WebClient admin;
    private static long question;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        member = community.member("validmember");
        admin = community.admin("validadmin");
        question = community.ask(member, "Does the page pass the HTML checker?",
                "A question with **Markdown**, a [link](https://example.org) and `code`.", "html validity");
        long answer = community.answer(community.member("validhelper"), question, "It does, every page of it.");
        member.post("/posts/" + answer + "/accept", Map.of()); // the question then asks "Did this solve your problem?"
        member.post("/password/forgot", Map.of("login", community.usernameOf(member))); // a message for /admin/mail
    }

    private static void assertValid(WebClient browser, String... paths) throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        for (String path : paths) {
            WebClient.Response page = browser.get(path);
            assertThat(page.status()).as(path).isIn(200, 410);
            pages.put(path, page.body());
        }
        Map<String, List<String>> errors = NuHtmlChecker.errors(pages);
        assertThat(errors).as("the Nu Html Checker's errors per page").allSatisfy((path, found) ->
                assertThat(found).as(path).isEmpty());
    }

    @Test
    void pagesForVisitorsAreValid() throws Exception {
        assertValid(server.newClient(), "/", "/questions", "/q/" + question + "/does-the-page-pass-the-html-checker",
                "/signin", "/register", "/password/forgot", "/password/reset?t=not-a-link", "/account/confirm?t=not-a-link",
                "/u/" + community.usernameOf(member), "/api", "/badges", "/privileges", "/leaderboard");
    }

    @Test
    void pagesForMembersAreValid() throws Exception {
        member.post("/watch", Map.of("target", "tag", "key", "html", "level", "watch", "back", "/"));
        member.post("/watch", Map.of("target", "question", "key", String.valueOf(question), "level", "mute", "back", "/"));
        assertValid(member, "/ask", "/settings/account", "/settings/profile", "/settings/data", "/notifications",
                "/settings/tokens", "/settings/notifications", "/tags/html", "/c/general", "/followup/" + question,
                server.components().notify.unsubscribePath(community.idOf(member), townhall.notify.Kind.ANSWER),
                "/q/" + question + "/does-the-page-pass-the-html-checker");
    }

    @Test
    void pagesForAdministratorsAreValid() throws Exception {
        Eventually.await(() -> admin.page("/admin/mail").select("tr.mail-kept").size() > 0);
        String message = admin.page("/admin/mail").select("tr.mail-kept a").attr("href");
        assertValid(admin, "/admin/mail", message, "/admin/outbox", "/admin/brand", "/admin/insight",
                "/admin/insight?category=1&tag=html");
    }

    @Test
    void webhookPagesAreValid() throws Exception {
        WebClient.Response created = admin.postPairs("/admin/webhooks", List.of(
                Map.entry("url", "https://hooks.example.com/townhall"), Map.entry("events", "idea.status_changed")));
        WebClient.Response refused = admin.postPairs("/admin/webhooks", List.of(Map.entry("url", "ftp://nowhere")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(422);
        var sql = server.components().database.dsl();
        long subscription = sql.select(townhall.db.schema.Tables.WEBHOOK_SUBSCRIPTIONS.ID)
                .from(townhall.db.schema.Tables.WEBHOOK_SUBSCRIPTIONS).fetchAny().value1();
        var deliveries = townhall.db.schema.Tables.WEBHOOK_DELIVERIES;
        sql.insertInto(deliveries).set(deliveries.SUBSCRIPTION_ID, subscription).set(deliveries.MESSAGE_ID, "msg_valid")
                .set(deliveries.EVENT_TYPE, "idea.status_changed").set(deliveries.PAYLOAD, "{}")
                .set(deliveries.STATUS, "failed").set(deliveries.ATTEMPTS, 3).set(deliveries.RESPONSE_CODE, 500)
                .set(deliveries.LAST_ERROR, "HTTP 500").set(deliveries.CREATED_AT, java.time.LocalDateTime.now()).execute();
        Map<String, List<String>> errors = NuHtmlChecker.errors(Map.of("webhook created", created.body(),
                "webhook refused", refused.body()));
        assertThat(errors).allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        assertValid(admin, "/admin/webhooks", "/admin/webhooks/" + subscription);
    }

    @Test
    void postFormsWithTheirImageFieldAreValid() throws Exception {
        long answer = community.answer(member, question, "An answer to edit, with an image field below it.");
        WebClient.Response refused = member.postMultipart("/ask", Map.of("title", "A question with an image that is not one",
                "body", "Details of it", "tags", "images"), Map.of("image", new WebClient.FilePart("x.png", "image/png",
                "not a picture".getBytes(java.nio.charset.StandardCharsets.UTF_8))), true);
        assertThat(refused.status()).isEqualTo(422);
        Map<String, List<String>> errors = NuHtmlChecker.errors(Map.of("ask with a refused image", refused.body()));
        assertThat(errors).allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        assertValid(member, "/ask", "/posts/" + answer + "/edit", "/posts/" + question + "/edit");
    }

    @Test
    void categoryAndGroupPagesAreValid() throws Exception {
        WebClient.Response group = admin.post("/admin/groups", Map.of("name", "Valid testers"));
        assertThat(group.status()).isEqualTo(303);
        String groupPath = group.location().replaceAll("^.*(/admin/groups/\\d+)$", "$1");
        admin.post(groupPath + "/members", Map.of("username", community.usernameOf(member)));
        long general = server.components().categories.all().getFirst().id();
        admin.post("/admin/categories/" + general + "/visibility", Map.of("visibility", "members", "group", ""));
        WebClient.Response badCategory = admin.post("/admin/categories", Map.of("name", "", "description", ""));
        WebClient.Response badVisibility = admin.post("/admin/categories/" + general + "/visibility",
                Map.of("visibility", "group", "group", ""));
        WebClient.Response badGroup = admin.post("/admin/groups", Map.of("name", ""));
        WebClient.Response badMember = admin.post(groupPath + "/members", Map.of("username", "nobody-at-all"));
        assertThat(List.of(badCategory.status(), badVisibility.status(), badGroup.status(), badMember.status()))
                .containsOnly(422);
        assertThat(NuHtmlChecker.errors(Map.of("category refused", badCategory.body(), "visibility refused",
                badVisibility.body(), "group refused", badGroup.body(), "member refused", badMember.body())))
                .allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        assertValid(admin, "/admin/categories", "/admin/categories?saved=" + general, "/admin/groups", groupPath,
                "/c/general", "/q/" + question + "/does-the-page-pass-the-html-checker");
        admin.post("/admin/categories/" + general + "/visibility", Map.of("visibility", "public", "group", ""));
    }

    @Test
    void moderationPagesAreValid() throws Exception {
        long flagged = community.ask(community.newcomer("validnew"), "A question someone will flag for the moderators");
        WebClient flagger = community.member("validflagger");
        assertValid(flagger, "/posts/" + flagged + "/flag");
        WebClient.Response refused = flagger.post("/posts/" + flagged + "/flag", Map.of("reason", "staff"));
        assertThat(refused.status()).isEqualTo(422);
        flagger.post("/posts/" + flagged + "/flag", Map.of("reason", "spam"));
        long victim = community.idOf(flagger);
        admin.post("/members/" + victim + "/sanctions", Map.of("kind", "warn", "reason", "Please be kind"));
        WebClient.Response badSanction = admin.post("/members/" + victim + "/sanctions",
                Map.of("kind", "silence", "days", "0", "reason", ""));
        assertThat(badSanction.status()).isEqualTo(422);
        Map<String, List<String>> errors = NuHtmlChecker.errors(Map.of("flag refused", refused.body(),
                "sanction refused", badSanction.body()));
        assertThat(errors).allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        admin.post("/admin/watched-words", Map.of("pattern", "refund", "action", "listen"));
        community.ask(member, "How long does a refund take?");
        admin.post("/assignments/q/" + question, Map.of("assignee", "support", "state", "waiting", "note", "Asked the lab"));
        WebClient.Response badWord = admin.post("/admin/watched-words", Map.of("pattern", "", "action", "nonsense"));
        WebClient.Response badAssignment = admin.post("/assignments/q/" + question, Map.of("assignee", "nobody", "state", "x"));
        assertThat(NuHtmlChecker.errors(Map.of("word refused", badWord.body(), "assignment refused", badAssignment.body())))
                .allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        assertValid(admin, "/review", "/admin/log", "/admin/watched-words", "/admin/mentions", "/assignments/q/" + question,
                "/assignments?who=all");
        assertValid(flagger, "/warnings", "/q/" + question + "/does-the-page-pass-the-html-checker");
    }

    @Test
    void ideaAnnouncementAndPollPagesAreValid() throws Exception {
        WebClient staff = community.staff("validstaff");
        long board = townhall.ideas.Ideas.board(server, staff, "valid-ideas", "3");
        long idea = townhall.ideas.Ideas.propose(member, board, "An idea that passes the HTML checker",
                "With **Markdown** and a [link](https://example.org).", "html ideas");
        townhall.ideas.Ideas.setStatus(staff, idea, "planned", "We plan it, with *emphasis*.");
        townhall.ideas.Ideas.poll(server, member, "idea", idea, "Valid or not?", "Valid\nInvalid", false);
        String day = java.time.LocalDate.now().plusDays(5).toString();
        WebClient.Response event = staff.post("/announcements/new", Map.of("title", "A valid event", "body",
                "An event that passes the checker.", "category", "", "pinnedUntil", day, "startsAt", day + "T10:00",
                "endsAt", day + "T11:00", "timeZone", "Europe/Prague", "place", "Prague", "link", "https://example.org/live"));
        assertThat(event.status()).isEqualTo(303);
        String announcement = staff.get(event.location()).location();
        String ideaPage = "/idea/" + idea + "/an-idea-that-passes-the-html-checker";
        assertValid(server.newClient(), "/", "/ideas", "/ideas/valid-ideas", "/ideas/valid-ideas?sort=trending&status=planned",
                ideaPage, "/roadmap", "/announcements", announcement);
        assertValid(member, ideaPage, "/ideas/new", "/ideas/valid-ideas", "/idea/" + idea + "/edit");
        townhall.ideas.Poll poll = server.components().pollStore.of("idea", idea).orElseThrow();
        assertThat(member.post("/polls/" + poll.id() + "/vote", Map.of("option", String.valueOf(poll.options().get(0).id())))
                .status()).isEqualTo(303);
        assertValid(member, ideaPage);
        assertValid(staff, ideaPage, "/ideas/boards", "/announcements/new", announcement.replaceAll("/[^/]+$", "/edit"));
        WebClient.Response badIdea = member.post("/ideas/new", Map.of("board", "", "title", "x", "body", "", "tags", ""));
        WebClient.Response badPoll = member.post("/polls/new", Map.of("kind", "idea", "subject", String.valueOf(idea),
                "pollQuestion", "", "pollOptions", "", "pollCloses", "soon"));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/ideas/new (refused)", badIdea.body());
        refused.put("/polls/new (refused)", badPoll.body());
        assertThat(NuHtmlChecker.errors(refused)).allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
    }

    @Test
    void productVersionPagesAndTheReverificationQueueAreValid() throws Exception {
        long firmware = community.ask(member, "Which firmware fixes the pairing problem?",
                "The earbuds stopped pairing after the update, with enough words here.", "valid-firmware");
        long answer = community.answer(community.member("validfixer"), firmware, "Version 2.1 fixes it, update now.");
        admin.post("/admin/versions/lines", Map.of("lineName", "Valid firmware", "tag", "valid-firmware"));
        String line = admin.page("/admin/versions").select("select#line option:contains(Valid firmware)").val();
        admin.post("/admin/versions", Map.of("line", line, "versionName", "2.1", "released", ""));
        assertValid(admin, "/q/" + firmware + "/which-firmware-fixes-the-pairing-problem"); // the verify form lists the versions
        assertThat(admin.post("/posts/" + answer + "/verify", Map.of("note", "")).status()).isEqualTo(303);
        admin.post("/admin/versions", Map.of("line", line, "versionName", "2.2", "released", ""));
        WebClient.Response badVersion = admin.post("/admin/versions", Map.of("line", line, "versionName", "",
                "released", "soon"));
        WebClient.Response badLine = admin.post("/admin/versions/lines", Map.of("lineName", "", "tag", "nope"));
        WebClient.Response badVerify = admin.postPairs("/posts/" + answer + "/verify", List.of(Map.entry("note", ""),
                Map.entry("versionsShown", "1"), Map.entry("versions", "not-a-version"), Map.entry("reviewBy", "x")));
        assertThat(List.of(badVersion.status(), badLine.status(), badVerify.status())).containsOnly(422);
        assertThat(NuHtmlChecker.errors(Map.of("version refused", badVersion.body(), "line refused", badLine.body(),
                "verify refused", badVerify.body()))).allSatisfy((path, found) -> assertThat(found).as(path).isEmpty());
        assertValid(admin, "/admin/versions", "/admin/versions?recorded=2.2&outdated=1", "/admin/reverify",
                "/admin/reverify?done=still", "/q/" + firmware + "/which-firmware-fixes-the-pairing-problem", "/admin/insight");
        assertValid(server.newClient(), "/q/" + firmware + "/which-firmware-fixes-the-pairing-problem");
    }
}
