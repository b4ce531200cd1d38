package townhall.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The members' and tags' daily roll-ups (insight_member_days, insight_tag_days, insight_first_posts): the dashboard
 * shows the same figures whether a day is read from them or counted from the posts, and they follow what changes in
 * the past (a deleted answer, an answer accepted later, a question retagged) once its day is counted again.
 */
class InsightRollUpTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient veteran;
    static WebClient fresh;
    static WebClient asker;
    static DSLContext db;
    static final LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void buildACommunityOverSeveralDays() {
        community = new Community(server);
        server.components().categories.ensure("billing", "Billing", "Invoices and payments", 2);
        db = server.components().database.dsl();
        staff = community.staff("analyst");
        veteran = community.member("veteran");
        fresh = community.member("fresh");
        asker = community.member("curious");

        // the veteran first posted 50 days ago (before the 30 days): a returning member of the period
        long old = community.ask(veteran, "Which cable came with the first model?", "Details of an old question here.",
                "cables");
        at(old, now.minusDays(50));
        long q1 = community.ask(asker, "How do I reset the pairing list?", "Details of the pairing question.",
                "pairing reset");
        at(q1, now.minusDays(6));
        long a1 = community.answer(veteran, q1, "Hold both buttons for ten seconds until the light blinks.");
        at(a1, now.minusDays(6).plusHours(2));
        long a2 = community.answer(fresh, q1, "Or use the app: settings, devices, forget all of them.");
        at(a2, now.minusDays(5));
        assertThat(asker.post("/posts/" + a2 + "/accept", Map.of()).status()).isEqualTo(303);
        var response = asker.post("/ask", Map.of("title", "Why is the invoice in the wrong currency?", "body",
                "The invoice shows dollars but I pay in euros.", "tags", "invoice", "category", "billing"));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        long q2 = Long.parseLong(response.location().replaceAll("^.*?/q/(\\d+).*$", "$1"));
        at(q2, now.minusDays(3));
        long a3 = community.answer(fresh, q2, "The currency follows the billing address of the account.");
        at(a3, now.minusDays(3).plusHours(5));
        assertThat(fresh.post("/posts/" + q1 + "/comments", Map.of("comment", "Does this also work for the case?"))
                .status()).isEqualTo(303);
        db.execute("UPDATE comments SET created_at = ? WHERE post_id = ?", now.minusDays(4), q1);
        assertThat(veteran.post("/posts/" + a2 + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        db.execute("UPDATE votes SET created_at = ? WHERE post_id = ?", now.minusDays(4), a2);
        // today's posts stay live
        long today = community.ask(veteran, "Does the charger work at 110 volts?", "Travelling next week with it.",
                "charger pairing");
        community.answer(fresh, today, "Yes, it takes anything from 100 to 240 volts.");
        rollUpEverything();
    }

    private static void at(long postId, LocalDateTime created) {
        db.execute("UPDATE posts SET created_at = ? WHERE id = ?", created, postId);
    }

    /** Forgets every roll-up, then counts all past days again. */
    private static void rollUpEverything() {
        forgetRollUps();
        server.components().insight.rollUp();
    }

    private static void forgetRollUps() {
        for (String table : List.of("insight_days", "insight_site_days", "insight_questions", "insight_member_days",
                "insight_tag_days", "insight_dirty_days", "insight_dirty_questions")) {
            db.execute("DELETE FROM " + table);
        }
        db.execute("DELETE FROM site_settings WHERE name IN (?, ?, ?)", InsightService.ROLLED_THROUGH,
                InsightService.OUTCOMES_THROUGH, InsightService.MEMBERS_THROUGH);
    }

    /** The dashboard's figures as JSON, without the visitors (whose requests these are). */
    private static JsonNode figures(String query) throws Exception {
        ObjectNode figures = (ObjectNode) json.readTree(staff.get("/admin/insight.json" + query).body());
        ((ObjectNode) figures.get("growth")).remove("visitors");
        figures.get("days").forEach(day -> ((ObjectNode) day).remove("visitors"));
        return figures;
    }

    private static List<String> top(JsonNode figures) {
        return figures.at("/people/top").findValuesAsText("username");
    }

    @Test
    void theFiguresAreTheSameCountedFromThePostsOrReadFromTheRollUps() throws Exception {
        String billing = "?category=" + db.fetchOne("SELECT id FROM categories WHERE slug = 'billing'").get(0);
        List<String> queries = List.of("", billing, "?tag=pairing", "?tag=invoice", "?tag=nothing-tagged",
                "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(89), "?from=" + LocalDate.now(ZoneOffset.UTC)
                        .minusDays(5) + "&to=" + LocalDate.now(ZoneOffset.UTC).minusDays(3));
        forgetRollUps();
        Map<String, JsonNode> fromThePosts = new java.util.HashMap<>();
        for (String query : queries) {
            fromThePosts.put(query, postFigures(query));
        }
        server.components().insight.rollUp();
        assertThat(db.fetchCount(db.selectFrom("insight_member_days").where("tag_id = 0"))).isPositive();
        assertThat(db.fetchCount(db.selectFrom("insight_tag_days"))).isPositive();
        for (String query : queries) {
            assertThat(postFigures(query)).as(query).isEqualTo(fromThePosts.get(query));
        }
    }

    /** The figures of the posts: without deflection (the ask pages' events are written in the background). */
    private static JsonNode postFigures(String query) throws Exception {
        ObjectNode figures = (ObjectNode) figures(query);
        figures.remove("deflection");
        return figures;
    }

    @Test
    void membersWhoPostedAndReturningMembersAreCountedFromTheMembersDays() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode days = figures("?from=" + today.minusDays(6) + "&to=" + today.minusDays(3));
        // the asker, the veteran and fresh posted then; only the veteran had posted before (50 days ago)
        assertThat(days.at("/growth/active/value").asDouble()).isEqualTo(3.0);
        assertThat(days.at("/growth/returning/value").asDouble()).isEqualTo(1.0);
        // the period of the old question alone: one member, who had not posted before
        JsonNode old = figures("?from=" + today.minusDays(50) + "&to=" + today.minusDays(50));
        assertThat(old.at("/growth/active/value").asDouble()).isEqualTo(1.0);
        assertThat(old.at("/growth/returning/value").asDouble()).isEqualTo(0.0);
        // under a tag: the members who posted on questions with it
        JsonNode invoice = figures("?tag=invoice");
        assertThat(invoice.at("/growth/active/value").asDouble()).isEqualTo(2.0);
        assertThat(invoice.at("/engagement/questions/value").asDouble()).isEqualTo(1.0);
        assertThat(invoice.at("/engagement/answers/value").asDouble()).isEqualTo(1.0);
        assertThat(top(invoice)).containsExactly(community.usernameOf(fresh));
        assertThat(db.fetchCount(db.selectFrom("insight_member_days").where("tag_id = 0 AND member_id = ?",
                community.idOf(veteran)))).isEqualTo(2); // 50 and 6 days ago; today's question is not rolled up
    }

    @Test
    void aDeletedAnswerNoLongerCountsOnceItsDayIsCountedAgain() throws Exception {
        WebClient writer = community.member("writer");
        long q = community.ask(community.member("washer"), "Can the ear tips be washed?", "They are getting grubby after a year.",
                "deleting");
        at(q, now.minusDays(8));
        long a = community.answer(writer, q, "Yes, in warm water with a little soap, then let them dry.");
        at(a, now.minusDays(7));
        rollUpEverything();
        JsonNode before = figures("?tag=deleting");
        assertThat(before.at("/engagement/answers/value").asDouble()).isEqualTo(1.0);
        assertThat(top(before)).containsExactly(community.usernameOf(writer));
        assertThat(before.at("/growth/active/value").asDouble()).isEqualTo(2.0);

        assertThat(staff.post("/posts/" + a + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(db.fetchCount(db.selectFrom("insight_dirty_days").where("day = ?",
                now.minusDays(7).toLocalDate()))).isEqualTo(1);
        server.components().insight.rollUp();
        JsonNode after = figures("?tag=deleting");
        assertThat(after.at("/engagement/answers/value").asDouble()).isEqualTo(0.0);
        assertThat(top(after)).isEmpty();
        assertThat(after.at("/growth/active/value").asDouble()).isEqualTo(1.0);
        assertThat(top(figures(""))).doesNotContain(community.usernameOf(writer));
        assertThat(db.fetchCount(db.selectFrom("insight_member_days").where("member_id = ?",
                community.idOf(writer)))).isZero();
    }

    @Test
    void anAnswerAcceptedAfterItsDayWasCountedCountsAsAcceptedAfterTheNextRollUp() throws Exception {
        WebClient rookie = community.member("rookie");
        WebClient rainy = community.member("rainy");
        long q = community.ask(rainy, "Is the case waterproof?", "Caught in the rain with it yesterday.", "accepting");
        at(q, now.minusDays(10));
        long a = community.answer(rookie, q, "Splash-proof only: dry it with a cloth and it will be fine.");
        at(a, now.minusDays(9));
        rollUpEverything();
        JsonNode before = figures("?tag=accepting");
        assertThat(before.at("/people/top/0/acceptedOrVerified").asInt()).isZero();
        assertThat(before.at("/people/risingNewcomers").size()).isZero();

        assertThat(rainy.post("/posts/" + a + "/accept", Map.of()).status()).isEqualTo(303);
        server.components().insight.rollUp();
        JsonNode after = figures("?tag=accepting");
        assertThat(after.at("/people/top/0/username").asText()).isEqualTo(community.usernameOf(rookie));
        assertThat(after.at("/people/top/0/acceptedOrVerified").asInt()).isEqualTo(1);
        assertThat(after.at("/people/risingNewcomers").findValuesAsText("username"))
                .containsExactly(community.usernameOf(rookie));
        assertThat(figures("").at("/people/risingNewcomers").findValuesAsText("username"))
                .contains(community.usernameOf(rookie));
    }

    @Test
    void aQuestionRetaggedAfterItsDayWasCountedMovesToItsNewTagAfterTheNextRollUp() throws Exception {
        WebClient writer = community.member("retagger");
        WebClient crackling = community.member("crackling");
        long q = community.ask(crackling, "Which firmware fixes the crackling?", "Crackling on the left side since May.",
                "oldtag");
        at(q, now.minusDays(12));
        long a = community.answer(writer, q, "Version 2.3 fixed it for me; update from the app.");
        at(a, now.minusDays(11));
        rollUpEverything();
        assertThat(figures("?tag=oldtag").at("/engagement/questions/value").asDouble()).isEqualTo(1.0);

        assertThat(crackling.post("/posts/" + q + "/edit", Map.of("title", "Which firmware fixes the crackling?",
                "body", "Crackling on the left side since May.", "tags", "newtag", "reason", "better tag"))
                .status()).isEqualTo(303);
        server.components().insight.rollUp();
        JsonNode old = figures("?tag=oldtag");
        JsonNode retagged = figures("?tag=newtag");
        assertThat(old.at("/engagement/questions/value").asDouble()).isEqualTo(0.0);
        assertThat(old.at("/engagement/answers/value").asDouble()).isEqualTo(0.0);
        assertThat(top(old)).isEmpty();
        assertThat(retagged.at("/engagement/questions/value").asDouble()).isEqualTo(1.0);
        assertThat(retagged.at("/engagement/answers/value").asDouble()).isEqualTo(1.0);
        assertThat(top(retagged)).containsExactly(community.usernameOf(writer));
    }

    @Test
    void anUpgradeRollsUpTheMembersOfTheDaysCountedBeforeIt() throws Exception {
        rollUpEverything();
        JsonNode expected = figures("?tag=pairing");
        // as before V38: the other roll-ups done, none of the members' or tags'
        db.execute("DELETE FROM insight_member_days");
        db.execute("DELETE FROM insight_tag_days");
        db.execute("DELETE FROM site_settings WHERE name = ?", InsightService.MEMBERS_THROUGH);
        assertThat(figures("?tag=pairing")).isEqualTo(expected); // counted from the posts meanwhile
        server.components().insight.rollUp();
        assertThat(server.components().insight.membersThrough()).isEqualTo(server.components().insight.rolledThrough());
        assertThat(db.fetchCount(db.selectFrom("insight_member_days"))).isPositive();
        assertThat(figures("?tag=pairing")).isEqualTo(expected);
    }

    @Test
    void deflectionFiguresCountTheSearchesAndAskPagesOfThePeriod() throws Exception {
        LocalDateTime day = now.minusDays(20);
        long target = db.fetchOne("SELECT MIN(id) FROM questions").get(0, Long.class);
        String[][] searches = {{"tokaaaaaaaaaaaaaaaaaa1", "pairing", "3"}, {"tokaaaaaaaaaaaaaaaaaa2", "zzz", "0"},
                {"tokaaaaaaaaaaaaaaaaaa3", "ZZZ", "0"}};
        for (String[] search : searches) {
            db.execute("INSERT INTO search_log (token, browser, query, result_count, created_at)"
                    + " VALUES (?, 'browserbrowser01', ?, ?, ?)", search[0], search[1], Integer.parseInt(search[2]), day);
        }
        db.execute("INSERT INTO search_opens (search_token, target, position, created_at) VALUES (?, ?, 1, ?)",
                searches[0][0], "q" + target, day);
        // six visits of the ask page: four opened a suggestion and left, one opened one and asked anyway, one only saw
        for (int session = 1; session <= 6; session++) {
            String id = String.format("asksessionaaaaaaaaaaa%d", session);
            askEvent(id, "shown", null, day);
            if (session != 3) {
                askEvent(id, "opened", "q" + target, day);
            }
            if (session == 2) {
                askEvent(id, "posted", null, day);
            }
        }
        LocalDate d = day.toLocalDate();
        JsonNode deflection = figures("?from=" + d + "&to=" + d).get("deflection");
        assertThat(deflection.get("searches").asInt()).isEqualTo(3);
        assertThat(deflection.get("zeroResultSearches").asInt()).isEqualTo(2);
        assertThat(deflection.get("searchesOpened").asInt()).isEqualTo(1);
        assertThat(deflection.get("askSessions").asInt()).isEqualTo(6);
        assertThat(deflection.get("shown").asInt()).isEqualTo(6);
        assertThat(deflection.get("opened").asInt()).isEqualTo(5);
        assertThat(deflection.get("posted").asInt()).isEqualTo(1);
        assertThat(deflection.get("openedNotPosted").asInt()).isEqualTo(4);
        assertThat(deflection.get("questionsSaved").asInt()).isEqualTo(4);
        assertThat(deflection.get("ticketsSaved").asInt()).isEqualTo(1); // 30 % of 4
        assertThat(deflection.at("/zeroQueries/0/query").asText()).isEqualTo("zzz");
        assertThat(deflection.at("/zeroQueries/0/searches").asInt()).isEqualTo(2);
        // the search's open and the four ask pages left after opening it; not the one that asked anyway
        assertThat(deflection.at("/deflectors/0/opens").asInt()).isEqualTo(5);
        assertThat(figures("?from=" + d.minusDays(1) + "&to=" + d.minusDays(1)).at("/deflection/searches").asInt())
                .isZero();
    }

    private static void askEvent(String session, String event, String target, LocalDateTime at) {
        db.execute("INSERT INTO ask_events (ask_session, browser, event, target, created_at)"
                + " VALUES (?, 'browserbrowser01', ?, ?, ?)", session, event, target, at);
    }

    @Test
    void membersCloseToHelperStatusAndHelpersGoingQuietAreListed() throws Exception {
        WebClient nearly = community.memberWithReputation("nearly", 450);
        WebClient far = community.memberWithReputation("far", 250);
        WebClient quiet = community.helper("quiet");
        WebClient busy = community.helper("busy");
        long q = community.ask(quiet, "Is there a carrying pouch for the case?", "Looking for something soft.", "case");
        at(q, now.minusDays(30));
        community.answer(busy, q, "The shop sells one in grey and in blue, both soft.");
        JsonNode people = figures("").get("people");
        assertThat(people.get("closeToHelper").findValuesAsText("username")).contains(community.usernameOf(nearly))
                .doesNotContain(community.usernameOf(far), community.usernameOf(quiet));
        // quiet for 30 days after posting in the 90 before; the other Helper posted today
        assertThat(people.get("helpersGoingQuiet").findValuesAsText("username"))
                .containsExactly(community.usernameOf(quiet));
    }

    @Test
    void aFirstPostDatedBackAfterItsMembersDaysWereCountedMakesThemReturningThere() throws Exception {
        WebClient late = community.member("late");
        long q = community.ask(late, "Does the cushion come in leather?", "Mine is fabric and wears out.", "datedback");
        at(q, now.minusDays(15));
        rollUpEverything();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = "?from=" + today.minusDays(16) + "&to=" + today.minusDays(14) + "&tag=datedback";
        assertThat(figures(period).at("/growth/active/value").asDouble()).isEqualTo(1.0);
        assertThat(figures(period).at("/growth/returning/value").asDouble()).isZero();
        // an older question of theirs arrives afterwards with its old date (an import, say)
        long older = community.ask(late, "Is the leather cushion sold apart?", "Asking before buying one.", "imported");
        at(older, now.minusDays(40));
        db.execute("INSERT IGNORE INTO insight_dirty_days (day) VALUES (?)", now.minusDays(40).toLocalDate());
        server.components().insight.rollUp();
        assertThat(figures(period).at("/growth/returning/value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void commentsAndVotesAreCountedOnTheirDayAndUnderTheTagsOfTheirQuestion() throws Exception {
        LocalDate day = now.minusDays(4).toLocalDate();
        String period = "?from=" + day + "&to=" + day;
        JsonNode all = figures(period);
        assertThat(all.at("/engagement/comments/value").asDouble()).isEqualTo(1.0);
        assertThat(all.at("/engagement/votes/value").asDouble()).isEqualTo(1.0);
        JsonNode pairing = figures(period + "&tag=pairing");
        assertThat(pairing.at("/engagement/comments/value").asDouble()).isEqualTo(1.0);
        assertThat(pairing.at("/engagement/votes/value").asDouble()).isEqualTo(1.0);
        JsonNode invoice = figures(period + "&tag=invoice");
        assertThat(invoice.at("/engagement/comments/value").asDouble()).isZero();
        assertThat(invoice.at("/engagement/votes/value").asDouble()).isZero();
    }

    @Test
    void theAskersOwnFollowUpIsCountedApartFromTheReaders() throws Exception {
        WebClient followed = community.member("followed");
        WebClient answerer = community.member("answerer");
        long solved = community.ask(followed, "How do I mute the start-up sound?", "It is loud on the train.",
                "followup");
        long answer = community.answer(answerer, solved, "Hold the minus key while switching it on.");
        long open = community.ask(followed, "Why does the left side sound quieter?", "Since last week only.",
                "followup");
        community.answer(answerer, open, "Clean the mesh of the left ear cup gently.");
        db.execute("UPDATE posts SET created_at = ? WHERE id IN (?, ?)", now.minusDays(25), solved, open);
        server.components().followUps.sweep();
        assertThat(followed.post("/followup/" + solved + "/accept", Map.of("answer", String.valueOf(answer)))
                .status()).isEqualTo(303);
        assertThat(followed.post("/followup/" + open + "/unsolved", Map.of()).status()).isEqualTo(303);

        JsonNode satisfaction = figures("?tag=followup").get("satisfaction");
        assertThat(satisfaction.at("/askerSolved/value").asDouble()).isEqualTo(50.0);
        assertThat(satisfaction.at("/ratings/value").asDouble()).isZero(); // readers' answers, none here
    }
}
