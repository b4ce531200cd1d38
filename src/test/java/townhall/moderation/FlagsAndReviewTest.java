package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.FLAGS;
import static townhall.db.schema.Tables.MAIL_MESSAGES;
import static townhall.db.schema.Tables.MODERATION_LOG;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.REVIEW_ITEMS;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Flags hide and remove posts, the review queue decides, flaggers and authors hear the outcome: through HTTP. */
class FlagsAndReviewTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static int count(org.jooq.Table<?> table) {
        return server.components().database.dsl().fetchCount(table);
    }

    private static long openItemOf(long postId) {
        return server.components().database.dsl().select(REVIEW_ITEMS.ID).from(REVIEW_ITEMS)
                .where(REVIEW_ITEMS.POST_ID.eq(postId)).and(REVIEW_ITEMS.DECIDED_AT.isNull())
                .fetchOne(REVIEW_ITEMS.ID);
    }

    private static List<String> searchTitles(WebClient browser, String query) {
        return browser.page("/search?q=" + query.replace(' ', '+')).select(".search-results .result-title").eachText();
    }

    private static List<String> notificationsOf(WebClient member) {
        return member.page("/notifications").select("main li").eachText();
    }

    @Test
    void enoughTrustedFlagsHideAPostEverywhereUntilAReviewerDecides() {
        WebClient asker = community.member("asker");
        WebClient answerer = community.newcomer("spammy");
        long question = community.ask(asker, "Which charger fits the Northwind One headphones?");
        long answer = community.answer(answerer, question, "Buy cheap chargers at my shop, best prices anywhere!");
        List<WebClient> flaggers = List.of(community.member("f"), community.member("g"), community.member("h"));
        for (int i = 0; i < flaggers.size(); i++) {
            Response flagged = flaggers.get(i).post("/posts/" + answer + "/flag", Map.of("reason", "spam"));
            assertThat(flagged.status()).isEqualTo(303);
            Document page = server.newClient().page("/q/" + question);
            boolean hidden = i == flaggers.size() - 1;
            assertThat(page.getElementById("a" + answer) == null).as("hidden after flag " + (i + 1)).isEqualTo(hidden);
        }
        WebClient visitor = server.newClient();
        assertThat(visitor.get("/feeds/atom/q/" + question).body()).doesNotContain("cheap chargers");
        assertThat(visitor.get("/api/v1/questions/" + question).body()).doesNotContain("cheap chargers");
        assertThat(visitor.page("/q/" + question).select(".answers h2").text()).contains("0");
        // the author's own view says nothing of the hidden answer either; staff see it, and the queue has it
        WebClient staff = community.staff("mod");
        Document queue = staff.page("/review");
        assertThat(queue.select("[data-review-item]").text()).contains("cheap chargers").contains("Flagged as Spam");
        assertThat(staff.get("/").html().select(".review-link .count").text()).matches("\\d+ waiting");

        long item = openItemOf(answer);
        Response reject = staff.post("/review/" + item, Map.of("action", "reject", "reason", "Advertising"));
        assertThat(reject.status()).isEqualTo(303);
        assertThat(server.newClient().page("/q/" + question).getElementById("a" + answer)).isNull();
        for (WebClient flagger : flaggers) {
            assertThat(notificationsOf(flagger)).anyMatch(n -> n.contains("helped: the post was removed"));
        }
        assertThat(notificationsOf(answerer)).anyMatch(n -> n.contains("removed by a moderator") && n.contains("Advertising"));
        assertThat(server.components().database.dsl().fetchExists(MAIL_MESSAGES,
                MAIL_MESSAGES.TEMPLATE.eq("moderation_rejected"))).isTrue();
        assertThat(staff.page("/admin/log").select("table.moderation-log tbody tr").text())
                .contains("hidden by flags").contains("rejected").contains("Advertising");
    }

    @Test
    void aSpamFlagByAHelperRemovesThePostAtOnceAndCountsAsAStrike() {
        WebClient asker = community.newcomer("seller");
        long question = community.ask(asker, "Amazing replica watches for sale, visit now");
        WebClient visitor = server.newClient();
        Eventually.await(() -> searchTitles(visitor, "replica watches").contains("Amazing replica watches for sale, visit now"));
        assertThat(visitor.get("/sitemap.xml").body()).contains("/q/" + question + "/");
        WebClient helper = community.helper("helpful");
        assertThat(helper.post("/posts/" + question + "/flag", Map.of("reason", "spam")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/q/" + question).status()).isEqualTo(404);
        // gone from every public view: lists, search, feeds, sitemap, API
        Eventually.await(() -> searchTitles(visitor, "replica watches").isEmpty());
        assertThat(visitor.get("/questions?sort=newest").body()).doesNotContain("replica watches");
        assertThat(visitor.get("/feeds/rss/questions").body()).doesNotContain("replica watches");
        assertThat(visitor.get("/sitemap.xml").body()).doesNotContain("/q/" + question + "/");
        assertThat(visitor.get("/api/v1/questions/" + question).status()).isEqualTo(404);
        assertThat(server.components().database.dsl().fetchCount(townhall.db.schema.Tables.MODERATION_STRIKES,
                townhall.db.schema.Tables.MODERATION_STRIKES.MEMBER_ID.eq(community.idOf(asker)))).isEqualTo(1);
    }

    @Test
    void aFewUntrustedFlagsOnlyQueueThePostAndADismissalTellsTheFlagger() {
        WebClient asker = community.member("calm");
        long question = community.ask(asker, "Does the speaker work with two phones at once?");
        WebClient flagger = community.memberWithReputation("picky", 40);
        Response flag = flagger.post("/posts/" + question + "/flag", Map.of("reason", "offtopic"));
        assertThat(flag.status()).isEqualTo(303);
        assertThat(server.newClient().get("/q/" + question).status()).isEqualTo(301); // to its slug: still there
        WebClient helper = community.helper("reviewer");
        Response dismiss = helper.post("/review/" + openItemOf(question), Map.of("action", "dismiss"));
        assertThat(dismiss.status()).isEqualTo(303);
        assertThat(notificationsOf(flagger)).anyMatch(n -> n.contains("kept it"));
        assertThat(server.newClient().get("/q/" + question).status()).isEqualTo(301);
    }

    @Test
    void aFlagNeedsAReasonAStaffFlagANoteAndTheFormKeepsWhatWasTyped() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "How do I pair the Northwind One with a laptop?");
        WebClient flagger = community.member("careful");
        int before = count(FLAGS);
        Response none = flagger.post("/posts/" + question + "/flag", Map.of("note", "hm"));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.html().select(".error-summary").text()).contains("Choose what is wrong");
        assertThat(none.html().select("#note").text()).isEqualTo("hm");
        Response staffNoNote = flagger.post("/posts/" + question + "/flag", Map.of("reason", "staff"));
        assertThat(staffNoNote.status()).isEqualTo(422);
        assertThat(count(FLAGS)).isEqualTo(before);
        assertThat(flagger.post("/posts/" + question + "/flag", Map.of("reason", "staff", "note", "Legal question")).status())
                .isEqualTo(303);
        Response twice = flagger.post("/posts/" + question + "/flag", Map.of("reason", "rude"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(count(FLAGS)).isEqualTo(before + 1);
    }

    @Test
    void everyModerationRouteRefusesThoseWhoMayNotAndWritesNothing() {
        WebClient asker = community.member("victim");
        long question = community.ask(asker, "Why does the left earbud disconnect?");
        WebClient flagger = community.member("flagger");
        flagger.post("/posts/" + question + "/flag", Map.of("reason", "rude"));
        long item = openItemOf(question);
        long victim = community.idOf(asker);

        WebClient anonymous = server.newClient();
        WebClient newMember = community.newcomer("fresh");
        WebClient member = community.member("plain");
        WebClient helper = community.helper("aide");
        int flags = count(FLAGS);
        int log = count(MODERATION_LOG);
        int notifications = count(NOTIFICATIONS);

        for (WebClient who : List.of(anonymous, newMember, member)) {
            Response queue = who.get("/review");
            assertThat(queue.status()).isIn(303, 403);
            assertThat(who.post("/review/" + item, Map.of("action", "approve")).status()).isIn(303, 403);
            assertThat(who.post("/members/" + victim + "/sanctions", Map.of("kind", "warn", "reason", "x")).status())
                    .isIn(303, 403);
            assertThat(who.get("/admin/log").status()).isIn(303, 403);
            assertThat(who.get("/admin/log.csv").status()).isIn(303, 403);
        }
        assertThat(anonymous.post("/posts/" + question + "/flag", Map.of("reason", "spam")).status()).isEqualTo(303);
        assertThat(newMember.post("/posts/" + question + "/flag", Map.of("reason", "spam")).status()).isEqualTo(403);
        assertThat(asker.post("/posts/" + question + "/flag", Map.of("reason", "spam")).status()).isEqualTo(403);
        // a Helper reviews and warns, but neither silences nor suspends, nor reads the log
        assertThat(helper.get("/review").status()).isEqualTo(200);
        assertThat(helper.post("/members/" + victim + "/sanctions",
                Map.of("kind", "silence", "days", "3", "reason", "x")).status()).isEqualTo(403);
        assertThat(helper.post("/members/" + victim + "/sanctions",
                Map.of("kind", "suspend", "days", "3", "reason", "x")).status()).isEqualTo(403);
        assertThat(helper.get("/admin/log").status()).isEqualTo(403);
        assertThat(count(FLAGS)).isEqualTo(flags);
        assertThat(count(MODERATION_LOG)).isEqualTo(log);
        assertThat(count(NOTIFICATIONS)).isEqualTo(notifications);
        assertThat(openItemOf(question)).isEqualTo(item);
        // staff may, and an administrator too
        assertThat(community.staff("boss").get("/admin/log").status()).isEqualTo(200);
        assertThat(community.admin("root").get("/admin/log.csv").header("Content-Type")).startsWith("text/csv");
    }

    @Test
    void sanctionsWarnSilenceAndSuspendWithReasonAndEnd() {
        WebClient troll = community.member("troll");
        String name = community.usernameOf(troll);
        long id = community.idOf(troll);
        WebClient staff = community.staff("sheriff");
        long question = community.ask(community.member("other"), "Can I replace the ear cushions myself?");

        assertThat(staff.post("/members/" + id + "/sanctions", Map.of("kind", "warn", "reason", "Be kind")).status())
                .isEqualTo(303);
        Document home = troll.page("/");
        assertThat(home.select(".warning-banner").text()).contains("warning");
        Document warnings = troll.page("/warnings");
        assertThat(warnings.text()).contains("Be kind");
        troll.post("/warnings/acknowledge", Map.of());
        assertThat(troll.page("/").select(".warning-banner")).isEmpty();

        Response noDays = staff.post("/members/" + id + "/sanctions", Map.of("kind", "silence", "days", "", "reason", "Cool off"));
        assertThat(noDays.status()).isEqualTo(422);
        assertThat(noDays.html().select("input[name=reason]").attr("value")).isEqualTo("Cool off");
        staff.post("/members/" + id + "/sanctions", Map.of("kind", "silence", "days", "2", "reason", "Cool off"));
        Response silenced = troll.post("/q/" + question + "/answers", Map.of("body", "This is an answer I may not post now."));
        assertThat(silenced.status()).isEqualTo(403);
        assertThat(silenced.html().text()).contains("silenced");

        String secret = troll.post("/settings/tokens", Map.of("name", "My script", "scope", "read"))
                .html().select("#new-token").attr("value");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
        assertThat(server.newClient().get("/api/v1/notifications", bearer).status()).isEqualTo(200);
        staff.post("/members/" + id + "/sanctions", Map.of("kind", "suspend", "days", "7", "reason", "Repeated abuse"));
        assertThat(server.newClient().get("/api/v1/notifications", bearer).status()).isEqualTo(401);
        assertThat(troll.get("/settings/account").status()).isEqualTo(303); // the session no longer counts
        Response signIn = server.newClient().signIn(name, "a long enough password");
        assertThat(signIn.status()).isEqualTo(422);
        assertThat(signIn.html().text()).contains("suspended until").contains("Repeated abuse");
        assertThat(server.components().database.dsl().fetchCount(townhall.db.schema.Tables.MODERATION_STRIKES,
                townhall.db.schema.Tables.MODERATION_STRIKES.MEMBER_ID.eq(id))).isEqualTo(3);

        staff.post("/members/" + id + "/sanctions/lift", Map.of());
        assertThat(server.newClient().signIn(name, "a long enough password").status()).isEqualTo(303);
        String csv = staff.get("/admin/log.csv?member=" + name).body();
        assertThat(csv.lines().skip(1)).hasSize(4).anyMatch(l -> l.contains("suspend") && l.contains("Repeated abuse"));
        staff.post("/members/" + id + "/sanctions", Map.of("kind", "warn", "reason", "=HYPERLINK(\"http://evil.example\")"));
        assertThat(staff.get("/admin/log.csv?member=" + name).body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
    }

    @Test
    void flaggedCommentsAreHiddenAfterEnoughFlagsAndAReviewerBringsThemBack() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Do the ear cushions come in other colours?");
        WebClient commenter = community.member("snarky");
        assertThat(commenter.post("/posts/" + question + "/comments", Map.of("comment", "What a silly thing to ask, honestly"))
                .status()).isEqualTo(303);
        long comment = server.components().database.dsl().select(townhall.db.schema.Tables.COMMENTS.ID)
                .from(townhall.db.schema.Tables.COMMENTS).where(townhall.db.schema.Tables.COMMENTS.POST_ID.eq(question))
                .fetchOne(townhall.db.schema.Tables.COMMENTS.ID);
        assertThat(commenter.get("/comments/" + comment + "/flag").status()).isEqualTo(403); // not one's own
        List<WebClient> flaggers = List.of(community.member("critic"), community.member("judge"), community.member("referee"));
        for (WebClient flagger : flaggers) {
            assertThat(flagger.get("/comments/" + comment + "/flag").status()).isEqualTo(200);
            assertThat(flagger.post("/comments/" + comment + "/flag", Map.of("reason", "rude")).status()).isEqualTo(303);
        }
        assertThat(server.newClient().page("/q/" + question + "/x").text()).doesNotContain("What a silly thing");
        WebClient staff = community.staff("fair");
        assertThat(staff.page("/review").select("[data-review-item]").text())
                .contains("comment under").contains("What a silly thing").contains("Hidden by flags");
        long item = server.components().database.dsl().select(REVIEW_ITEMS.ID).from(REVIEW_ITEMS)
                .where(REVIEW_ITEMS.COMMENT_ID.eq(comment)).and(REVIEW_ITEMS.DECIDED_AT.isNull()).fetchOne(REVIEW_ITEMS.ID);
        assertThat(staff.post("/review/" + item, Map.of("action", "dismiss")).status()).isEqualTo(303);
        assertThat(server.newClient().page("/q/" + question + "/x").text()).contains("What a silly thing");
        assertThat(notificationsOf(flaggers.get(0))).anyMatch(n -> n.contains("kept it"));
    }
}
