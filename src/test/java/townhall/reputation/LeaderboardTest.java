package townhall.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

class LeaderboardTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    @Test
    void theLeaderboardRanksByReputationGainedAndByMarkedAnswersOverallAndPerTag() {
        Community community = new Community(server);
        WebClient asker = community.member("asker");
        WebClient speakerExpert = community.newcomer("speakers");
        WebClient headphoneExpert = community.newcomer("headphones");
        WebClient staff = community.staff("staff");
        for (int i = 0; i < 2; i++) {
            long q = community.ask(asker, "Speaker question number " + i + " for the board", "Details of it here, long enough.",
                    "speaker");
            long a = community.answer(speakerExpert, q, "Speaker answer number " + i + ".");
            asker.post("/posts/" + a + "/accept", Map.of());
            staff.post("/posts/" + a + "/verify", Map.of());
        }
        long q = community.ask(asker, "Headphone question for the board", "Details of it here, long enough.", "headphones");
        long a = community.answer(headphoneExpert, q, "Headphone answer.");
        asker.post("/posts/" + a + "/vote", Map.of("value", "up"));

        Document week = server.newClient().get("/leaderboard").html();
        assertThat(week.select("#leaders-reputation li .member-name").eachText().getFirst())
                .isEqualTo(community.usernameOf(speakerExpert));
        assertThat(week.select("#leaders-reputation li").first().select(".leader-value").text()).isEqualTo("+80");
        assertThat(week.select("#leaders-answers li").first().text()).contains(community.usernameOf(speakerExpert))
                .endsWith("2");

        Document headphones = server.newClient().get("/leaderboard?period=all&tag=headphones").html();
        assertThat(headphones.select("#leaders-reputation li .member-name").eachText())
                .containsExactly(community.usernameOf(headphoneExpert));
        assertThat(headphones.select("#leaders-answers li.muted")).isNotEmpty();
    }
}
