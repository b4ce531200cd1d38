package townhall.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Privileges are refused on the server when not earned, whatever the page shows. */
class PrivilegesTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static long question;
    static long answer;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        WebClient asker = community.member("asker");
        question = community.ask(asker, "A question everyone in this test acts on");
        answer = community.answer(community.member("answerer"), question, "An answer everyone in this test acts on.");
    }

    private static String scoreOf(long post) {
        Document page = community.member("reader").get(server.newClient().get("/q/" + question).location()).html();
        String scope = post == question ? ".question " : "#a" + post + " ";
        return page.select(scope + ".score").first().text();
    }

    @Test
    void votingNeedsReputation() {
        WebClient newcomer = community.newcomer("new");
        Response up = newcomer.post("/posts/" + answer + "/vote", Map.of("value", "up"));
        assertThat(up.status()).isEqualTo(403);
        assertThat(up.html().text()).contains("Upvoting unlocks at 15 reputation");
        assertThat(scoreOf(answer)).isEqualTo("0");

        WebClient middling = community.memberWithReputation("middling", 50);
        assertThat(middling.post("/posts/" + answer + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        Response down = middling.post("/posts/" + question + "/vote", Map.of("value", "down"));
        assertThat(down.status()).isEqualTo(403);
        assertThat(down.html().text()).contains("Downvoting unlocks at 125 reputation");
        assertThat(scoreOf(question)).isEqualTo("0");
    }

    @Test
    void commentingOnOthersPostsNeedsReputationButOwnThreadsAreOpen() {
        WebClient newcomer = community.newcomer("talker");
        Response refused = newcomer.post("/posts/" + answer + "/comments", Map.of("comment", "Thanks, that helped me!"));
        assertThat(refused.status()).isEqualTo(403);
        long own = community.ask(newcomer, "My own question where I may always comment");
        long reply = community.answer(community.member("helpful"), own, "A reply the newcomer can comment on.");
        assertThat(newcomer.post("/posts/" + reply + "/comments", Map.of("comment", "Thank you, it works!")).status())
                .isEqualTo(303);
    }

    @Test
    void editingOthersPostsAndClosingDuplicatesNeedHelperStatus() {
        WebClient member = community.member("editor");
        Map<String, String> edit = Map.of("body", "A rewritten answer by someone else entirely.", "reason", "");
        assertThat(member.post("/posts/" + answer + "/edit", edit).status()).isEqualTo(403);
        long other = community.ask(community.member("asker"), "A question that repeats the first one");
        assertThat(member.post("/q/" + other + "/close", Map.of("duplicateOf", String.valueOf(question))).status())
                .isEqualTo(403);

        WebClient helper = community.member("helper");
        community.staff("boss").post("/u/" + community.usernameOf(helper) + "/helper",
                Map.of("action", "grant", "reason", "Trusted"));
        assertThat(helper.post("/posts/" + answer + "/edit", edit).status()).isEqualTo(303);
        assertThat(helper.post("/q/" + other + "/close", Map.of("duplicateOf", String.valueOf(question))).status())
                .isEqualTo(303);
        Response otherReason = helper.post("/q/" + question + "/close", Map.of("reason", "Off topic", "duplicateOf", ""));
        assertThat(otherReason.status()).as("other close reasons stay with staff").isEqualTo(403);
    }

    @Test
    void newMembersMayPostAtMostTwoLinksAndHelpersLinksAreFollowed() {
        WebClient newcomer = community.newcomer("linker");
        String threeLinks = "See https://a.example, https://b.example and [the manual](https://c.example/manual).";
        Response refused = newcomer.post("/q/" + question + "/answers", Map.of("body", threeLinks));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#answer-body-error").text()).contains("at most 2 links");
        assertThat(refused.html().select("#answer-body").text()).isEqualTo(threeLinks);

        String twoLinks = "See https://a.example and [the manual](https://c.example/manual).";
        long ok = community.answer(newcomer, question, twoLinks);
        WebClient reader = community.member("reader");
        Document page = reader.get(reader.get("/q/" + question).location()).html();
        assertThat(page.select("#a" + ok + " .post-body a").eachAttr("rel")).allMatch(rel -> rel.contains("nofollow"));

        WebClient helper = community.member("trusted");
        community.staff("boss").post("/u/" + community.usernameOf(helper) + "/helper",
                Map.of("action", "grant", "reason", "Trusted"));
        long followed = community.answer(helper, question, threeLinks);
        page = reader.get(reader.get("/q/" + question).location()).html();
        assertThat(page.select("#a" + followed + " .post-body a")).hasSize(3)
                .allMatch(link -> !link.attr("rel").contains("nofollow"));
    }

    @Test
    void theInterfaceOnlyOffersWhatAMemberMayDo() {
        WebClient member = community.member("viewer");
        Document page = member.get(member.get("/q/" + question).location()).html();
        assertThat(page.select(".staff-tools")).isEmpty();
        assertThat(page.select("#a" + answer + " .post-actions a[href$=/edit]")).isEmpty();
        Document privileges = member.get("/privileges").html();
        assertThat(privileges.select("table.privileges td").eachText()).contains("15 reputation", "125 reputation");
    }

}
