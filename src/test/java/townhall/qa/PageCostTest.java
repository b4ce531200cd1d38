package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** A page runs a fixed number of SQL queries, however many answers, comments or rows it shows. */
class PageCostTest {
    /** Six for the Q&A itself, and one more on a question's page for the poll it may carry (ideas.Polls). */
    private static final int MAX_QUERIES_PER_PAGE = 7;

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.VIEW_FLUSH_SECONDS, "3600");
    static Community community;
    static WebClient reader;
    static String bigQuestion;
    static String smallQuestion;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        WebClient asker = community.member("asker");
        long small = community.ask(asker, "A question with a single answer and no comments");
        community.answer(community.member("one"), small, "The only answer this question has got.");
        long big = community.ask(asker, "A question with thirty answers and sixty comments");
        WebClient[] members = new WebClient[6];
        for (int i = 0; i < members.length; i++) {
            members[i] = community.member("crowd");
        }
        for (int i = 0; i < 30; i++) {
            long answer = community.answer(members[i % members.length], big, "Answer number " + i + " with some text.");
            for (int c = 0; c < 2; c++) {
                members[(i + c + 1) % members.length].post("/posts/" + answer + "/comments",
                        Map.of("comment", "Comment " + c + " on answer " + i));
            }
            members[(i + 3) % members.length].post("/posts/" + answer + "/vote", Map.of("value", "up"));
        }
        reader = community.member("reader");
        reader.post("/posts/" + big + "/vote", Map.of("value", "up"));
        bigQuestion = reader.get("/q/" + big).location();
        smallQuestion = reader.get("/q/" + small).location();
        for (int i = 0; i < 40; i++) {
            community.ask(members[i % members.length], "Filler question number " + i + " for the lists");
        }
    }

    private static long queriesOf(Supplier<Response> request) {
        long before = server.components().database.queryCount();
        Response response = request.get();
        assertThat(response.status()).isEqualTo(200);
        return server.components().database.queryCount() - before;
    }

    @Test
    void aQuestionPageCostsTheSameWithThirtyAnswersAsWithOne() {
        long big = queriesOf(() -> reader.get(bigQuestion));
        long small = queriesOf(() -> reader.get(smallQuestion));
        assertThat(reader.get(bigQuestion).html().select(".answers .answer")).hasSize(30);
        assertThat(reader.get(bigQuestion).html().select(".answers .comment-list li")).hasSize(60);
        assertThat(big).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE).isEqualTo(small);
        long anonymous = queriesOf(() -> server.newClient().get(bigQuestion));
        assertThat(anonymous).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
    }

    @Test
    void listPagesCostAFixedNumberOfQueries() {
        for (String path : new String[] {"/", "/questions", "/questions?sort=top", "/questions?filter=unanswered",
                "/questions?page=2", "/tags", "/tags/headphones", "/c/general"}) {
            assertThat(queriesOf(() -> reader.get(path))).as(path).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
        }
        assertThat(reader.get("/questions").html().select(".question-row")).hasSize(30);
    }

    @Test
    void aGroupsCategoryCostsItsMembersNoMoreQueriesThanAPublicOne() {
        WebClient partner = community.member("partner");
        var c = server.components();
        long group = c.groups.store().create("Cost partners", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        c.groups.store().add(group, community.idOf(partner), java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        long category = c.categories.ensure("partner-corner", "Partner corner", "", 9);
        c.categories.setVisibility(category, CategoryVisibility.GROUP, group);
        Response asked = partner.post("/ask", Map.of("title", "A question only the partners may read",
                "body", "Here are the details of my question, with enough words.", "tags", "headphones",
                "category", "partner-corner"));
        assertThat(asked.status()).isEqualTo(303);
        String question = partner.get(asked.location().replaceAll("^https?://[^/]+", "")).location();
        String path = question == null ? asked.location().replaceAll("^https?://[^/]+", "") : question;
        for (String page : new String[] {path, "/c/partner-corner", "/questions", "/tags/headphones", "/"}) {
            assertThat(queriesOf(() -> partner.get(page))).as(page).isLessThanOrEqualTo(MAX_QUERIES_PER_PAGE);
        }
        assertThat(partner.page("/c/partner-corner").text()).contains("A question only the partners may read");
        assertThat(reader.get("/c/partner-corner").status()).isEqualTo(404);
    }
}
