package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Titles, descriptions, canonical links, QAPage JSON-LD, the sitemap, and view counting. */
class FindableTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.BASE_URL, "http://community.northwind.example")
            .with(Setting.VIEW_FLUSH_SECONDS, "3600");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void aQuestionPageDescribesItselfToSearchEngines() throws Exception {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "How do I update the firmware of my speaker?",
                "I have a **Northwind Boom** and the app says an update is available.", "firmware");
        long accepted = community.answer(community.member("helper"), question, "Open the app and tap *Update*.");
        community.answer(community.member("other"), question, "You can also use the USB updater tool.");
        asker.post("/posts/" + accepted + "/accept", Map.of());

        String path = asker.get("/q/" + question).location();
        Document page = asker.get(path).html();
        assertThat(page.title()).isEqualTo("How do I update the firmware of my speaker? · Townhall");
        assertThat(page.select("meta[name=description]").attr("content"))
                .startsWith("I have a Northwind Boom and the app says");
        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("http://community.northwind.example" + path);

        JsonNode ld = new ObjectMapper().readTree(page.select("script[type=application/ld+json]").first().data());
        assertThat(ld.path("@type").asText()).isEqualTo("QAPage");
        JsonNode main = ld.path("mainEntity");
        assertThat(main.path("name").asText()).isEqualTo("How do I update the firmware of my speaker?");
        assertThat(main.path("answerCount").asInt()).isEqualTo(2);
        assertThat(main.path("acceptedAnswer").path("text").asText()).isEqualTo("Open the app and tap Update.");
        assertThat(main.path("acceptedAnswer").path("url").asText()).endsWith(path + "#a" + accepted);
        assertThat(main.path("suggestedAnswer").get(0).path("text").asText()).contains("USB updater");
    }

    @Test
    void theSitemapListsQuestionsAtThePublicAddress() {
        WebClient asker = community.member("mapper");
        long question = community.ask(asker, "Is there a sitemap of all the questions here?");
        String sitemap = server.newClient().get("/sitemap.xml").body();
        assertThat(sitemap).contains("<loc>http://community.northwind.example/q/" + question
                + "/is-there-a-sitemap-of-all-the-questions-here</loc>");
        // categories, tags and the FAQ too (tags as the question above has them: headphones bluetooth)
        assertThat(sitemap).contains("<loc>http://community.northwind.example/c/general</loc>",
                "<loc>http://community.northwind.example/tags/headphones</loc>",
                "<loc>http://community.northwind.example/faq</loc>");
        townhall.account.Member staff = server.components().accountStore.findByUsername(
                community.usernameOf(community.staff("mapstaff"))).orElseThrow();
        long section = server.components().faq.createSection(staff, "Mapped");
        long entry = server.components().faq.create(staff, new townhall.faq.FaqService.EntryForm(
                String.valueOf(section), "Is the FAQ in the sitemap as well?", "Yes, every current entry.", "", ""));
        assertThat(server.newClient().get("/sitemap.xml").body())
                .contains("<loc>http://community.northwind.example/faq/" + entry + "/is-the-faq-in-the-sitemap-as-well</loc>");
        assertThat(server.newClient().get("/").html().select("link[rel=canonical]").attr("href"))
                .isEqualTo("http://community.northwind.example/");
        assertThat(server.newClient().get("/robots.txt").body())
                .contains("Sitemap: http://community.northwind.example/sitemap.xml");
    }

    @Test
    void viewsAreCountedOncePerViewerAndWrittenInBatches() {
        WebClient asker = community.member("counter");
        long question = community.ask(asker, "How many people have looked at this question?");
        String path = asker.get("/q/" + question).location();
        WebClient first = server.newClient();
        WebClient second = server.newClient();
        for (int i = 0; i < 3; i++) {
            first.get(path);
        }
        second.get(path);
        asker.get(path);
        long queries = server.components().database.queryCount();
        first.get(path);
        assertThat(server.components().database.queryCount() - queries).as("no write per view").isLessThanOrEqualTo(4);

        assertThat(server.app().viewCounter().flush()).isGreaterThanOrEqualTo(1);
        assertThat(asker.get(path).html().select(".question-meta").text()).contains("3 views");
    }
}
