package townhall.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.awaitSearch;
import static townhall.search.Searching.page;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.db.schema.Tables;
import townhall.search.Searching;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Staff curate the FAQ; everyone reads it, finds it first in search, and search engines get FAQPage data. */
class FaqTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient member;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("curator");
        member = community.member("reader");
    }

    @Test
    void staffWriteSectionsAndEntriesThatEveryoneReadsInOrder() throws Exception {
        long shipping = Faqs.section(staff, "Shipping");
        long care = Faqs.section(staff, "Care and cleaning");
        long first = Faqs.entry(staff, care, "How do I clean the ear cushions?",
                "Wipe them with a **damp** cloth; no alcohol, no soap.");
        long second = Faqs.entry(staff, care, "Can I wash the headband?", "No. Wipe it like the cushions.");
        Faqs.entry(staff, shipping, "Do you ship to Iceland?", "Yes, within five working days.");

        Document faq = page(server.newClient(), "/faq");
        assertThat(faq.select(".faq-section h2").eachText()).containsSubsequence("Shipping", "Care and cleaning");
        assertThat(faq.select("#section-care-and-cleaning ~ .faq-item .faq-question").eachText())
                .containsExactly("How do I clean the ear cushions?", "Can I wash the headband?");
        assertThat(faq.select("#faq-" + first + " .post-body strong").text()).isEqualTo("damp");

        // reorder: the second entry moves up, the sections swap
        assertThat(staff.post("/faq/" + second + "/move", Map.of("direction", "up")).status()).isEqualTo(303);
        assertThat(staff.post("/faq/sections/" + care + "/move", Map.of("direction", "up")).status()).isEqualTo(303);
        faq = page(server.newClient(), "/faq");
        assertThat(faq.select(".faq-section h2").eachText()).containsSubsequence("Care and cleaning", "Shipping");
        assertThat(faq.select("#section-care-and-cleaning ~ .faq-item .faq-question").eachText())
                .containsExactly("Can I wash the headband?", "How do I clean the ear cushions?");

        // schema.org FAQPage for search engines
        JsonNode jsonLd = new ObjectMapper().readTree(faq.select("script[type=application/ld+json]").first().data());
        assertThat(jsonLd.get("@type").asText()).isEqualTo("FAQPage");
        assertThat(jsonLd.get("mainEntity").findValuesAsText("name")).contains("How do I clean the ear cushions?");
        assertThat(jsonLd.get("mainEntity").get(0).get("acceptedAnswer").get("@type").asText()).isEqualTo("Answer");

        // an entry's own page, at its canonical address, with who reviewed it
        WebClient.Response shortLink = member.get("/faq/" + first);
        assertThat(shortLink.status()).isEqualTo(301);
        Document entry = page(member, shortLink.location());
        assertThat(entry.select("h1").text()).isEqualTo("How do I clean the ear cushions?");
        assertThat(entry.select(".faq-meta").text()).contains("Reviewed by curator");
        assertThat(entry.select("script[type=application/ld+json]").first().data()).contains("\"FAQPage\"");
    }

    @Test
    void editingAndRetiringReachSearchAndTheFaq() {
        long section = Faqs.section(staff, "Warranty");
        long id = Faqs.entry(staff, section, "How long is the warranty on speakers?", "Two years for every speaker.");
        assertThat(awaitSearch(member, "warranty speakers", t -> t.contains("How long is the warranty on speakers?")))
                .contains("How long is the warranty on speakers?");

        WebClient.Response edit = staff.post("/faq/" + id + "/edit", Map.of("section", String.valueOf(section),
                "question", "How long is the warranty on speakers and amplifiers?", "answer", "Two years for both of them."));
        assertThat(edit.status()).isEqualTo(303);
        assertThat(awaitSearch(member, "amplifiers warranty",
                t -> t.contains("How long is the warranty on speakers and amplifiers?")))
                .contains("How long is the warranty on speakers and amplifiers?");

        assertThat(staff.post("/faq/" + id + "/retire", Map.of()).status()).isEqualTo(303);
        assertThat(awaitSearch(member, "amplifiers warranty",
                t -> !t.contains("How long is the warranty on speakers and amplifiers?")))
                .doesNotContain("How long is the warranty on speakers and amplifiers?");
        assertThat(page(member, "/faq").text()).doesNotContain("amplifiers");
        assertThat(member.get("/faq/" + id).status()).isEqualTo(404);
        assertThat(staff.get("/faq/" + id).status()).isEqualTo(301);

        assertThat(staff.post("/faq/" + id + "/restore", Map.of()).status()).isEqualTo(303);
        assertThat(awaitSearch(member, "amplifiers warranty",
                t -> t.contains("How long is the warranty on speakers and amplifiers?")))
                .contains("How long is the warranty on speakers and amplifiers?");
    }

    @Test
    void membersAndVisitorsCannotChangeTheFaq() {
        long section = Faqs.section(staff, "Returns");
        long id = Faqs.entry(staff, section, "How do I return headphones?", "Use the return form on your order page.");
        int entriesBefore = server.components().database.dsl().fetchCount(Tables.FAQ_ENTRIES);

        assertThat(member.get("/faq/manage").status()).isEqualTo(403);
        assertThat(member.get("/faq/new").status()).isEqualTo(403);
        assertThat(member.post("/faq/new", Map.of("section", String.valueOf(section), "question",
                "A member's own FAQ question?", "answer", "Members cannot write the FAQ at all.")).status()).isEqualTo(403);
        assertThat(member.post("/faq/" + id + "/edit", Map.of("section", String.valueOf(section), "question",
                "Hijacked question text here", "answer", "Hijacked answer text here.")).status()).isEqualTo(403);
        assertThat(member.post("/faq/" + id + "/retire", Map.of()).status()).isEqualTo(403);
        assertThat(member.post("/faq/sections", Map.of("sectionTitle", "Members' section")).status()).isEqualTo(403);
        assertThat(member.post("/search/synonyms", Map.of("synonyms", "a, b")).status()).isEqualTo(403);
        WebClient visitor = server.newClient();
        assertThat(visitor.post("/faq/new", Map.of("question", "x")).status()).isEqualTo(303);
        assertThat(visitor.post("/faq/new", Map.of("question", "x")).location()).startsWith("/signin");
        assertThat(staff.postRaw("/faq/" + id + "/retire", Map.of()).status()).isEqualTo(403); // no CSRF token

        assertThat(server.components().database.dsl().fetchCount(Tables.FAQ_ENTRIES)).isEqualTo(entriesBefore);
        assertThat(page(member, "/faq").text()).contains("How do I return headphones?").doesNotContain("Hijacked");
        assertThat(page(member, "/faq").select("a[href=/faq/manage]")).isEmpty();
    }

    @Test
    void badInputGetsAMessagePerFieldAndKeepsWhatWasTyped() {
        int before = server.components().database.dsl().fetchCount(Tables.FAQ_ENTRIES);
        WebClient.Response response = staff.post("/faq/new", Map.of("section", "", "question", "Short?",
                "answer", "Too short"));
        assertThat(response.status()).isEqualTo(422);
        Document form = response.html();
        assertThat(form.select("#section-error").text()).contains("Choose the section");
        assertThat(form.select("#question-error").text()).contains("at least 10 characters");
        assertThat(form.select("#answer-error").text()).contains("at least 20 characters");
        assertThat(form.select("#question").val()).isEqualTo("Short?");
        assertThat(form.select("#answer").text()).isEqualTo("Too short");
        assertThat(server.components().database.dsl().fetchCount(Tables.FAQ_ENTRIES)).isEqualTo(before);
    }

    @Test
    void staffPromoteAVerifiedAnswerToTheFaq() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Can the Northwind Pro play while charging?",
                "Trying to listen during a long flight while it charges.", "charging");
        long answer = community.answer(community.member("expert"), question,
                "Yes, over the USB-C cable; Bluetooth pauses while the cable is in.");
        staff.post("/posts/" + answer + "/verify", Map.of());
        long section = Faqs.section(staff, "Battery");

        String questionPath = member.get("/q/" + question).location();
        assertThat(page(member, questionPath).select(".promote-faq")).isEmpty();
        Document asStaff = page(staff, questionPath);
        String promote = asStaff.select("#a" + answer + " .promote-faq").attr("href");
        assertThat(promote).isEqualTo("/faq/new?answer=" + answer);

        Document draft = page(staff, promote);
        assertThat(draft.select("#question").val()).isEqualTo("Can the Northwind Pro play while charging?");
        assertThat(draft.select("#answer").text()).contains("Bluetooth pauses while the cable is in");
        WebClient.Response created = staff.post("/faq/new", Map.of("section", String.valueOf(section),
                "question", draft.select("#question").val(), "answer", draft.select("#answer").text(),
                "sourceQuestion", draft.select("input[name=sourceQuestion]").val(),
                "sourceAnswer", draft.select("input[name=sourceAnswer]").val()));
        assertThat(created.status()).isEqualTo(303);
        Document entry = page(member, member.get(created.location()).location());
        assertThat(entry.select("a.faq-source").attr("href")).startsWith("/q/" + question + "/").endsWith("#a" + answer);
        assertThat(member.get("/faq/new?answer=" + answer).status()).isEqualTo(403);
    }

    @Test
    void anFaqEntryThatMatchesComesFirstInSearch() {
        WebClient asker = community.member("popular");
        for (int i = 0; i < 3; i++) {
            long q = community.ask(asker, "Bluetooth pairing with a second laptop, attempt " + i,
                    "Pairing a second laptop over bluetooth fails every time.", "bluetooth pairing");
            long a = community.answer(community.member("fan"), q, "Forget the device, then pair again.");
            asker.post("/posts/" + a + "/accept", Map.of());
        }
        long section = Faqs.section(staff, "Connections");
        Faqs.entry(staff, section, "How do I pair with a second laptop?",
                "Hold the power button for five seconds, then choose the headphones in the laptop's settings.");
        var results = awaitSearch(member, "pair second laptop",
                t -> t.contains("How do I pair with a second laptop?") && t.size() >= 4);
        assertThat(results.getFirst()).isEqualTo("How do I pair with a second laptop?");
        Document page = search(member, "pair second laptop");
        assertThat(page.select(".search-result").first().hasClass("is-pinned")).isTrue();
        assertThat(page.select(".search-result").first().select(".mark-faq").text()).contains("Connections");
        assertThat(titles(page(member, "/search?q=pair+second+laptop&type=questions")))
                .doesNotContain("How do I pair with a second laptop?");
        // one matching word is not enough to put the FAQ entry first
        assertThat(titles(search(member, "attempt laptop")).getFirst()).startsWith("Bluetooth pairing");
        // nor is matching fewer of the words than a question does: the entry does not say "bluetooth"
        Document fewer = search(member, "pair second laptop bluetooth");
        assertThat(fewer.select(".search-result").first().hasClass("is-pinned")).isFalse();
        assertThat(titles(fewer).getFirst()).startsWith("Bluetooth pairing");
        assertThat(titles(fewer)).contains("How do I pair with a second laptop?");
    }
}
