package townhall.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Helper status: earned by the criteria, overridden by staff both ways, and the tools it unlocks. */
class HelperTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static boolean isHelper(WebClient member) {
        return server.components().accountStore.findById(community.idOf(member)).orElseThrow().helper();
    }

    /** A member who joined 30 days ago with the given reputation and accepted answers. */
    private WebClient veteran(int reputation, int acceptedAnswers) {
        WebClient member = community.memberWithReputation("veteran", reputation);
        long id = community.idOf(member);
        server.components().database.dsl().execute(
                "UPDATE members SET created_at = ? WHERE id = ?", LocalDateTime.now(ZoneOffset.UTC).minusDays(30), id);
        WebClient asker = community.member("grateful");
        for (int i = 0; i < acceptedAnswers; i++) {
            long question = community.ask(asker, "Grateful question number " + i + " for the veteran");
            long answer = community.answer(member, question, "A careful answer number " + i + ".");
            asker.post("/posts/" + answer + "/accept", Map.of());
        }
        return member;
    }

    @Test
    void aMemberBecomesHelperWhenTheCriteriaHoldAndIsTold() {
        WebClient member = veteran(430, 5);
        assertThat(isHelper(member)).as("430 + 5 accepts * 15 = 505 reputation, 5 accepted answers").isTrue();
        Document notifications = member.get("/notifications").html();
        assertThat(notifications.select(".notifications li.unread").text()).contains("You are now a Helper");
        assertThat(member.get("/").html().select(".account .badge-helper")).isNotEmpty();
        assertThat(member.get("/u/" + community.usernameOf(member)).html().select(".badge-list").text()).contains("Helper");
    }

    @Test
    void theProfileSaysHowFarAMemberIsFromHelper() {
        WebClient member = veteran(300, 2);
        assertThat(isHelper(member)).isFalse();
        Document profile = member.get("/u/" + community.usernameOf(member)).html();
        assertThat(profile.select(".progress-summary").text())
                .isEqualTo("3 more accepted or verified answers and 170 reputation to go");
        assertThat(profile.select("svg.rep-chart title").text()).contains("from 1 to 330");
    }

    @Test
    void aNewAccountWaitsForTheSweep() {
        WebClient member = community.memberWithReputation("eager", 600);
        WebClient asker = community.member("asker");
        for (int i = 0; i < 5; i++) {
            long question = community.ask(asker, "Eager question number " + i + " for a new member");
            asker.post("/posts/" + community.answer(member, question, "Eager answer " + i + " text.") + "/accept",
                    Map.of());
        }
        assertThat(isHelper(member)).as("account younger than 14 days").isFalse();
        server.components().database.dsl().execute("UPDATE members SET created_at = ? WHERE id = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusDays(15), community.idOf(member));
        assertThat(isHelper(member)).isFalse();
        assertThat(server.components().helpers.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(isHelper(member)).isTrue();
    }

    @Test
    void staffDecisionsWinOverTheAutomationInBothDirectionsUntilLifted() {
        WebClient staff = community.staff("boss");
        WebClient expert = veteran(500, 5);
        assertThat(isHelper(expert)).isTrue();
        String expertName = community.usernameOf(expert);

        Response revoke = staff.post("/u/" + expertName + "/helper", Map.of("action", "revoke", "reason", "Rude replies"));
        assertThat(revoke.status()).isEqualTo(303);
        assertThat(isHelper(expert)).isFalse();
        // more good work does not bring the status back while the staff decision stands
        long question = community.ask(community.member("asker"), "Another question for the expert to answer");
        community.answer(expert, question, "Another good answer from the expert.");
        assertThat(isHelper(expert)).isFalse();

        staff.post("/u/" + expertName + "/helper", Map.of("action", "lift", "reason", "Apologised"));
        assertThat(isHelper(expert)).isTrue();

        WebClient newcomer = community.newcomer("promising");
        String newcomerName = community.usernameOf(newcomer);
        staff.post("/u/" + newcomerName + "/helper", Map.of("action", "grant", "reason", "Our former support agent"));
        assertThat(isHelper(newcomer)).isTrue();
        staff.post("/u/" + newcomerName + "/helper", Map.of("action", "lift", "reason", "Back to the rules"));
        assertThat(isHelper(newcomer)).isFalse();

        Document profile = staff.get("/u/" + newcomerName).html();
        assertThat(profile.select(".helper-changes li").eachText())
                .anyMatch(text -> text.contains("Our former support agent") && text.contains("boss"))
                .anyMatch(text -> text.contains("Back to the rules"));
    }

    @Test
    void aStaffDecisionNeedsAReasonAndStaff() {
        WebClient member = community.member("someone");
        String name = community.usernameOf(member);
        Response noReason = community.staff("boss").post("/u/" + name + "/helper", Map.of("action", "grant", "reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(isHelper(member)).isFalse();
        Response notStaff = community.member("usurper").post("/u/" + name + "/helper",
                Map.of("action", "grant", "reason", "I say so"));
        assertThat(notStaff.status()).isEqualTo(403);
        assertThat(isHelper(member)).isFalse();
    }

    @Test
    void aStrikeRemovesAutomaticHelperStatus() {
        WebClient expert = veteran(500, 5);
        assertThat(isHelper(expert)).isTrue();
        community.staff("mod").post("/u/" + community.usernameOf(expert) + "/strikes", Map.of("strike", "Spam links"));
        assertThat(isHelper(expert)).isFalse();
    }

    @Test
    void badgesAreAwardedOnceByTheirRules() {
        WebClient member = veteran(100, 1);
        long question = community.ask(community.member("asker"), "One more question for the badge test");
        community.answer(member, question, "A second answer for the badge test.");
        Document profile = member.get("/u/" + community.usernameOf(member)).html();
        assertThat(profile.select(".badge-list li strong").eachText()).containsExactly("First answer", "Accepted");
    }

    @Test
    void answeringTenNewcomersQuestionsEarnsTheWelcomerBadgeOwnQuestionsDoNotCount() {
        WebClient welcomer = community.member("welcomer");
        for (int i = 1; i <= 9; i++) {
            long question = community.ask(community.newcomer("new"), "Newcomer question number " + i + " about the app");
            community.answer(welcomer, question, "Welcome! Open Settings and look under Sounds.");
        }
        long own = community.ask(welcomer, "The welcomer's own question about the charging case");
        community.answer(welcomer, own, "Answering my own question: it was the cable.");
        assertThat(badgesOf(welcomer)).doesNotContain("Welcomer");

        long tenth = community.ask(community.newcomer("new"), "The tenth newcomer question about the app");
        community.answer(welcomer, tenth, "Welcome! The manual is under Help in the app.");
        assertThat(badgesOf(welcomer)).contains("Welcomer");
    }

    private static java.util.List<String> badgesOf(WebClient member) {
        return member.get("/u/" + community.usernameOf(member)).html().select(".badge-list li strong").eachText();
    }

    @Test
    void theHelperQueueListsNewcomersUnansweredQuestionsFirstThenTheOldestOthers() {
        WebClient veteranAsker = community.member("oldtimer");
        server.components().database.dsl().execute("UPDATE members SET created_at = ? WHERE id = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusDays(60), community.idOf(veteranAsker));
        long old1 = community.ask(veteranAsker, "An old question from a long-time member");
        long new1 = community.ask(community.newcomer("fresh"), "A first question from a brand new member");
        long old2 = community.ask(veteranAsker, "A second question from the long-time member");
        long new2 = community.ask(community.newcomer("fresh"), "Another first question from a newcomer");
        long answered = community.ask(community.newcomer("fresh"), "A newcomer question that has an answer");
        community.answer(community.member("quick"), answered, "Answered quickly so it leaves the queue.");

        WebClient helper = veteran(500, 5);
        Document queue = helper.get("/helpers/queue").html();
        List<String> order = queue.select(".question-title a").eachAttr("href").stream()
                .map(href -> href.replaceAll("^/q/(\\d+)/.*$", "$1")).toList();
        List<String> mine = order.stream()
                .filter(id -> List.of(old1, new1, old2, new2, answered).contains(Long.parseLong(id))).toList();
        assertThat(mine).containsExactly(String.valueOf(new1), String.valueOf(new2), String.valueOf(old1),
                String.valueOf(old2));
        assertThat(queue.select(".question-row:has(a[href^=/q/" + new1 + "/]) .badge-newcomer")).isNotEmpty();

        assertThat(community.member("notyet").get("/helpers/queue").status()).isEqualTo(403);
    }
}
