package townhall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.Member;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** The REST API: tokens, scopes, CSRF for cookie sessions, and the same permission rules as the pages. */
class ApiTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.API_RATE_PER_MINUTE, "40");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static String token(WebClient browser, String... scopes) {
        Member member = server.components().accountStore.findByUsername(community.usernameOf(browser)).orElseThrow();
        return server.components().apiTokens.create(member, "test", List.of(scopes)).token();
    }

    private static ApiClient api(String token) {
        return new ApiClient(server.baseUrl(), token);
    }

    @Test
    void aTokenIsShownOnceWorksAsItsMemberAndStopsWhenRevoked() {
        WebClient member = community.member("tokens");
        Response created = member.post("/settings/tokens", Map.of("name", "My script", "scope", "write"));
        assertThat(created.status()).isEqualTo(200);
        String secret = created.html().select("#new-token").attr("value");
        assertThat(secret).startsWith("th_").hasSize(46);
        assertThat(member.get("/settings/tokens").body()).as("never shown again").doesNotContain(secret);

        ApiClient program = api(secret);
        ApiClient.Reply asked = program.post("/api/v1/questions", Map.of("title", "Can the API ask a question too?",
                "body", "Asked by a script with a personal token.", "tags", List.of("api", "scripts"), "category", "general"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String url = asked.json().get("url").asText();
        assertThat(server.newClient().get(url.substring(url.indexOf("/q/"))).body())
                .contains("Can the API ask a question too?", community.usernameOf(member), "scripts");
        assertThat(program.get("/api/v1/notifications").status()).as("a write-only token cannot read").isEqualTo(403);

        long id = server.components().apiTokens.of(server.components().accountStore
                .findByUsername(community.usernameOf(member)).orElseThrow()).getFirst().id();
        assertThat(member.post("/settings/tokens/" + id + "/revoke", Map.of()).status()).isEqualTo(303);
        assertThat(program.post("/api/v1/questions", Map.of("title", "Asked after the token was revoked",
                "body", "This must not be written.", "tags", "api", "category", "general")).status()).isEqualTo(401);
        assertThat(server.newClient().get("/questions").body()).doesNotContain("Asked after the token was revoked");
        assertThat(api("th_notarealtoken").get("/api/v1/questions").status()).isEqualTo(401);
    }

    @Test
    void scopesNarrowAToken() {
        WebClient member = community.member("narrow");
        ApiClient reader = api(token(member, "read"));
        assertThat(reader.get("/api/v1/questions").status()).isEqualTo(200);
        ApiClient.Reply refused = reader.post("/api/v1/questions", Map.of("title", "A read token tries to ask this",
                "body", "It must be refused.", "tags", "api", "category", "general"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("scopes");
        assertThat(server.newClient().get("/questions").body()).doesNotContain("A read token tries to ask this");

        Response notStaff = member.post("/settings/tokens", Map.of("name", "Moderation", "scope", "moderate"));
        assertThat(notStaff.status()).as("a member cannot grant moderate").isEqualTo(422);
        assertThat(notStaff.html().select("#token-name").attr("value")).isEqualTo("Moderation");
    }

    @Test
    void aCookieSessionNeedsTheCsrfTokenToWriteThroughTheApi() {
        WebClient member = community.member("cookie");
        Map<String, String> question = Map.of("title", "Asked through the API with a cookie",
                "body", "From the site's own page script.", "tags", "api", "category", "general");
        assertThat(member.postRaw("/api/v1/questions", question).status()).isEqualTo(403);
        assertThat(member.post("/api/v1/questions", question).status()).isEqualTo(201);
    }

    @Test
    void aTokenIsHeldToItsRateLimit() {
        ApiClient program = api(token(community.member("busy"), "read"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            statuses.add(program.get("/api/v1/tags").status());
        }
        assertThat(statuses.subList(0, 40)).containsOnly(200);
        assertThat(statuses.getLast()).isEqualTo(429);
    }

    /** Each actor tries each action once through the pages and once through the API, on fresh posts of others. */
    @Test
    void theApiAllowsExactlyWhatThePagesAllow() {
        Map<String, WebClient> actors = new LinkedHashMap<>();
        actors.put("anonymous", null);
        actors.put("newcomer", community.newcomer("matrixnew"));
        actors.put("member", community.member("matrixmember"));
        actors.put("staff", community.staff("matrixstaff"));
        WebClient owner = community.member("matrixowner");
        WebClient answerer = community.member("matrixanswerer");
        Map<String, String> pageOutcomes = new LinkedHashMap<>();
        Map<String, String> apiOutcomes = new LinkedHashMap<>();
        for (Map.Entry<String, WebClient> actor : actors.entrySet()) {
            WebClient browser = actor.getValue() == null ? server.newClient() : actor.getValue();
            ApiClient program = api(actor.getValue() == null ? null : token(actor.getValue(), scopesOf(actor.getKey())));
            Target viaPage = new Target(owner, answerer);
            Target viaApi = new Target(owner, answerer);
            for (Action action : Action.values()) {
                pageOutcomes.put(actor.getKey() + " " + action, page(action.page.apply(viaPage), browser, viaPage, action));
                apiOutcomes.put(actor.getKey() + " " + action, apiOutcome(action, program, viaApi));
            }
        }
        assertThat(apiOutcomes).isEqualTo(pageOutcomes);
        assertThat(pageOutcomes).containsEntry("anonymous ASK", "refused").containsEntry("newcomer UPVOTE", "refused")
                .containsEntry("member UPVOTE", "allowed").containsEntry("member VERIFY", "refused")
                .containsEntry("staff VERIFY", "allowed");
    }

    private static String[] scopesOf(String actor) {
        return actor.equals("staff") ? new String[] {"read", "write", "moderate"} : new String[] {"read", "write"};
    }

    /** A question by its owner with an answer by someone else: what each action acts on. */
    static final class Target {
        final long question;
        final long answer;

        Target(WebClient owner, WebClient answerer) {
            question = community.ask(owner, "Matrix question number " + System.nanoTime() % 100000);
            answer = community.answer(answerer, question, "An answer to act upon, long enough to count.");
        }
    }

    enum Action {
        ASK(t -> "/ask"), ANSWER(t -> "/q/" + t.question + "/answers"), COMMENT(t -> "/posts/" + t.question + "/comments"),
        UPVOTE(t -> "/posts/" + t.question + "/vote"), DOWNVOTE(t -> "/posts/" + t.answer + "/vote"),
        ACCEPT(t -> "/posts/" + t.answer + "/accept"), VERIFY(t -> "/posts/" + t.answer + "/verify");

        final Function<Target, String> page;

        Action(Function<Target, String> page) {
            this.page = page;
        }
    }

    private static String page(String path, WebClient browser, Target target, Action action) {
        Map<String, String> form = switch (action) {
            case ASK -> Map.of("title", "Matrix asks through the page", "body", "Details of the matrix question.",
                    "tags", "matrix", "category", "general");
            case ANSWER -> Map.of("body", "A matrix answer through the page, long enough.");
            case COMMENT -> Map.of("comment", "A matrix comment through the page.");
            case UPVOTE -> Map.of("value", "up");
            case DOWNVOTE -> Map.of("value", "down");
            case ACCEPT, VERIFY -> Map.of();
        };
        Response response = browser.post(path, form);
        boolean refused = response.status() >= 400
                || (response.location() != null && response.location().contains("/signin"));
        return refused ? "refused" : "allowed";
    }

    private static String apiOutcome(Action action, ApiClient program, Target target) {
        ApiClient.Reply reply = switch (action) {
            case ASK -> program.post("/api/v1/questions", Map.of("title", "Matrix asks through the API",
                    "body", "Details of the matrix question.", "tags", "matrix", "category", "general"));
            case ANSWER -> program.post("/api/v1/questions/" + target.question + "/answers",
                    Map.of("body", "A matrix answer through the API, long enough."));
            case COMMENT -> program.post("/api/v1/posts/" + target.question + "/comments",
                    Map.of("body", "A matrix comment through the API."));
            case UPVOTE -> program.post("/api/v1/posts/" + target.question + "/vote", Map.of("vote", "up"));
            case DOWNVOTE -> program.post("/api/v1/posts/" + target.answer + "/vote", Map.of("vote", "down"));
            case ACCEPT -> program.post("/api/v1/answers/" + target.answer + "/accept", Map.of());
            case VERIFY -> program.post("/api/v1/answers/" + target.answer + "/verify", Map.of());
        };
        return reply.status() >= 200 && reply.status() < 300 ? "allowed" : "refused";
    }
}
