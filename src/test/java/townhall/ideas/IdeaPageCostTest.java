package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Idea pages run a fixed number of SQL queries, however many ideas, votes, merged duplicates or poll options. */
class IdeaPageCostTest {
    private static final int MAX_QUERIES_PER_PAGE = 12;

    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient reader;
    static long small;
    static long big;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        WebClient staff = community.staff("coststaff");
        long few = Ideas.board(server, staff, "few-ideas", "5");
        long many = Ideas.board(server, staff, "many-ideas", "5");
        WebClient author = community.member("costauthor");
        small = Ideas.propose(author, few, "The only idea on the small board");
        big = Ideas.propose(author, many, "The idea with many votes and merged duplicates");
        WebClient[] voters = new WebClient[6];
        for (int i = 0; i < voters.length; i++) {
            voters[i] = community.member("costvoter");
            Ideas.vote(voters[i], big);
        }
        for (int i = 0; i < 25; i++) {
            long other = Ideas.propose(author, many, "Filler idea number " + i + " for the big board");
            Ideas.vote(voters[i % voters.length], other);
            if (i < 3) {
                staff.post("/idea/" + other + "/merge", Map.of("survivor", String.valueOf(big)));
            }
        }
        Ideas.setStatus(staff, big, "planned", "Planned, with a response.");
        Ideas.poll(server, staff, "idea", big, "Which one?", "A\nB\nC\nD\nE\nF", true);
        reader = voters[0];
    }

    private static long queriesOf(Supplier<WebClient.Response> request) {
        long before = server.components().database.queryCount();
        WebClient.Response response = request.get();
        assertThat(response.status()).isEqualTo(200);
        return server.components().database.queryCount() - before;
    }

    @Test
    void aBoardCostsTheSameWithTwentyFiveIdeasAsWithOne() {
        long many = queriesOf(() -> reader.get("/ideas/many-ideas"));
        long few = queriesOf(() -> reader.get("/ideas/few-ideas"));
        assertThat(many).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE).isEqualTo(few);
        assertThat(reader.get("/ideas/many-ideas").html().select(".idea-row")).hasSize(23);
    }

    @Test
    void anIdeaCostsTheSameWithVotesMergesAndAPollAsWithout() {
        String bigPath = reader.get("/idea/" + big).location();
        String smallPath = reader.get("/idea/" + small).location();
        long bigCost = queriesOf(() -> reader.get(bigPath));
        long smallCost = queriesOf(() -> reader.get(smallPath));
        assertThat(bigCost).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
        assertThat(smallCost).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
    }

    @Test
    void listsRoadmapAndAnnouncementsCostAFixedNumberOfQueries() {
        for (String path : new String[] {"/ideas", "/ideas?sort=trending", "/ideas/many-ideas?sort=status",
                "/roadmap", "/announcements", "/"}) {
            assertThat(queriesOf(() -> reader.get(path))).as(path).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
            assertThat(queriesOf(() -> server.newClient().get(path))).as(path).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
        }
    }
}
