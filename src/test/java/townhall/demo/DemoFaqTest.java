package townhall.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.page;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.search.Searching;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The demo community's FAQ, seeded once after the demo's Q&A. */
class DemoFaqTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient member;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("demostaff");
        member = community.member("demoreader");
    }

    @Test
    void theDemoFaqSeedsSectionsAndAPromotedEntryOnce() {
        WebClient asker = community.member("demoasker");
        long question = community.ask(asker, "Does the demo promote a verified answer?", "Checking the demo FAQ seeding.", "demo");
        long answer = community.answer(community.member("demohelper"), question, "It promotes the first verified one.");
        staff.post("/posts/" + answer + "/verify", Map.of());

        new DemoFaq(server.components().demo()).seedIfEmpty();
        new DemoFaq(server.components().demo()).seedIfEmpty();

        Document faq = page(member, "/faq");
        assertThat(faq.select(".faq-section h2").eachText()).containsExactly("Getting started", "Battery and charging",
                "Orders and warranty");
        assertThat(faq.select(".faq-question").eachText()).contains("How long does the battery last?");
        assertThat(faq.select(".faq-meta a[href^=/q/]")).hasSize(1);
        assertThat(Searching.eventually(() -> !titles(search(member, "battery last")).isEmpty())).isTrue();
    }
}
