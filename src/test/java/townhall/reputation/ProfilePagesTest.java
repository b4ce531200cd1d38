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

/** A profile tells what the member did (with accepted and verified marked), names the posts behind reputation, and /badges lists every badge. */
class ProfilePagesTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static String answererName;
    static long question;

    @BeforeAll
    static void aMemberWithAnAcceptedAnswer() {
        community = new Community(server);
        WebClient asker = community.member("profasker");
        WebClient answerer = community.newcomer("profanswerer");
        answererName = community.usernameOf(answerer);
        question = community.ask(asker, "Why does the soundbar remote stop working after a week");
        long answer = community.answer(answerer, question, "The remote ships with a trial battery; put in a fresh CR2032.");
        assertThat(asker.post("/posts/" + answer + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        assertThat(asker.post("/posts/" + answer + "/accept", Map.of()).status()).isEqualTo(303);
    }

    @Test
    void theProfileListsPostsWithTheirMarksAndNamesThePostsBehindReputation() {
        Document profile = server.newClient().get("/u/" + answererName).html();
        assertThat(profile.select(".activity li").first().text())
                .startsWith("Answered Why does the soundbar remote stop working after a week").contains("Accepted", "1 vote");
        assertThat(profile.select(".activity li a").first().attr("href")).startsWith("/q/" + question + "/").contains("#a");
        assertThat(profile.select(".events li").eachText()).anySatisfy(line -> assertThat(line)
                .startsWith("+15").contains("Why does the soundbar remote stop working after a week"));
        // 1 + 10 + 15 + 2 (first answer accepted... whatever the ledger says): the bar shows the ledger's total
        String reputation = profile.select(".big-number").text();
        assertThat(profile.select(".criteria li").first().text()).contains(reputation + " of ");
        assertThat(profile.select(".criteria progress").first().attr("value")).isEqualTo(reputation);
        assertThat(profile.select(".criteria li").get(1).text()).contains("1 of ");
    }

    @Test
    void theBadgesPageListsEveryBadgeWithItsRuleAndWhoEarnedItLast() {
        Document badges = server.newClient().get("/badges").html();
        assertThat(badges.select(".badge-table li h2")).hasSize(Badge.values().length);
        assertThat(badges.select(".badge-table li").eachText()).anySatisfy(card -> assertThat(card)
                .startsWith("First answer").contains("1 member holds it.", "Recently earned by " + answererName));
        assertThat(badges.select(".badge-table li").eachText()).anySatisfy(card -> assertThat(card)
                .contains("Nobody holds it yet."));
    }
}
