package townhall.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.Member;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The OpenAPI document and the API agree: every route is documented and every documented route exists, and what
 * the routes answer validates against the document's schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 */
class OpenApiContractTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static JsonNode document;

    @BeforeAll
    static void setUp() throws Exception {
        community = new Community(server);
        document = new ObjectMapper().readTree(server.newClient().get("/api/openapi.json").body());
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo(server.config().publicBase());
        Set<String> documented = new HashSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> documented.add(method.getKey() + " " + path.getKey())));
        Set<String> routed = new HashSet<>();
        ApiRoutes.ENDPOINTS.forEach(endpoint -> routed.add(endpoint.method() + " " + endpoint.path()));
        assertThat(documented).isEqualTo(routed);
        ApiClient anonymous = new ApiClient(server.baseUrl(), null);
        for (String route : routed) {
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "1").replace("{username}", "nobody");
            int status = route.startsWith("get") ? anonymous.get(path).status() : anonymous.post(path, Map.of()).status();
            assertThat(status).as(route + " is routed (a 404 here is the JSON 'not found' of a missing post, "
                    + "never a missing route)").isNotEqualTo(405);
        }
        assertThat(server.newClient().get("/api").html().select("tbody tr")).hasSize(routed.size());
    }

    @Test
    void whatTheRoutesAnswerMatchesTheDocumentsSchemas() {
        WebClient asker = community.member("contractasker");
        WebClient staff = community.staff("contractstaff");
        long question = community.ask(asker, "Does the contract hold for every answer?");
        long answer = community.answer(staff, question, "It does, as this answer shows in detail.");
        ApiClient program = new ApiClient(server.baseUrl(), token(asker, "read", "write"));
        ApiClient moderator = new ApiClient(server.baseUrl(), token(staff, "read", "write", "moderate"));

        valid("QuestionList", program.get("/api/v1/questions"));
        valid("Question", program.get("/api/v1/questions/" + question));
        valid("SearchResults", program.get("/api/v1/search?q=contract"));
        valid("FaqList", program.get("/api/v1/faq"));
        valid("TagList", program.get("/api/v1/tags"));
        valid("CategoryList", program.get("/api/v1/categories"));
        valid("Member", program.get("/api/v1/members/" + community.usernameOf(asker)));
        valid("NotificationList", program.get("/api/v1/notifications"));
        valid("Created", program.post("/api/v1/questions", Map.of("title", "A question asked for the contract",
                "body", "With a body long enough.", "tags", "contract", "category", "general")));
        valid("Created", moderator.post("/api/v1/questions/" + question + "/answers",
                Map.of("body", "Another answer, from the API.")));
        valid("Commented", program.post("/api/v1/posts/" + answer + "/comments", Map.of("body", "Thanks, that helps.")));
        valid("VoteResult", program.post("/api/v1/posts/" + answer + "/vote", Map.of("vote", "up")));
        valid("Accepted", program.post("/api/v1/answers/" + answer + "/accept", Map.of()));
        valid("Verified", moderator.post("/api/v1/answers/" + answer + "/verify", Map.of("note", "Checked.")));
        valid("Error", new ApiClient(server.baseUrl(), "th_wrong").get("/api/v1/questions"));
        valid("Error", program.get("/api/v1/questions/999999"));
        valid("InvalidInput", program.post("/api/v1/questions", Map.of("title", "Short")));
    }

    private static String token(WebClient browser, String... scopes) {
        Member member = server.components().accountStore.findByUsername(community.usernameOf(browser)).orElseThrow();
        return server.components().apiTokens.create(member, "contract", List.of(scopes)).token();
    }

    /** Validates a reply's JSON against a component schema of the document, its references resolved in it. */
    private static void valid(String schemaName, ApiClient.Reply reply) {
        ObjectNode root = document.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + schemaName);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString(), InputFormat.JSON);
        var errors = schema.validate(reply.body(), InputFormat.JSON);
        assertThat(errors).as("%s against %s: %s", reply.body(), schemaName, errors).isEmpty();
    }
}
