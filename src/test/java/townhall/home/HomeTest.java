package townhall.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.Member;
import townhall.faq.FaqService;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The home page: its figures, what it shows as already answered, categories with counts, top helpers, the box. */
class HomeTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static long chargerQuestion;
    static long strapQuestion;
    static long faqCase;
    static long faqReset;
    static String answererName;
    static WebClient reader;

    @BeforeAll
    static void aCommunityWithKnownFigures() {
        community = new Community(server);
        WebClient asker = community.member("homeasker");
        WebClient answerer = community.member("homeanswerer");
        answererName = community.usernameOf(answerer);
        chargerQuestion = community.ask(asker, "Wireless charger stops at eighty percent");
        long chargerAnswer = community.answer(answerer, chargerQuestion, "Battery care mode holds it at eighty; switch it off.");
        strapQuestion = community.ask(asker, "Replacement strap for the Aria headband");
        community.answer(answerer, strapQuestion, "The shop sells them under spare parts, in three colours.");
        long selfAnswered = community.ask(asker, "Speaker firmware file for offline update");
        community.answer(asker, selfAnswered, "Found it myself in the downloads section of the site.");
        community.ask(asker, "Does the subwoofer pair with older soundbars");
        // first answers came 3 h and 1 h after their questions: the median wait is 2 h; a self-answer does not count
        backdate(chargerQuestion, 3);
        backdate(strapQuestion, 1);
        backdate(selfAnswered, 10);
        assertThat(answerer.post("/posts/" + chargerAnswer + "/accept", Map.of()).status()).isEqualTo(403);
        assertThat(asker.post("/posts/" + chargerAnswer + "/accept", Map.of()).status()).isEqualTo(303);
        server.components().reputationStore.setHelper(community.idOf(answerer), true);

        WebClient staff = community.staff("homestaff");
        Member staffMember = server.components().accountStore.findByUsername(community.usernameOf(staff)).orElseThrow();
        FaqService faq = server.components().faq;
        String section = String.valueOf(faq.createSection(staffMember, "Getting started"));
        faqCase = faq.create(staffMember, new FaqService.EntryForm(section, "Which case fits the Aria headphones?",
                "The travel case sold with them, or any case of 20 by 18 cm.", "", ""));
        faqReset = faq.create(staffMember, new FaqService.EntryForm(section, "How do I reset the soundbar?",
                "Hold the power and volume-down buttons for ten seconds.", "", ""));
        reader = community.member("homereader");
        server.components().homeHighlights.forget();
    }

    /** As a member sees it: visitors may get a copy kept by the page cache for a minute. */
    private static Document home() {
        return reader.get("/").html();
    }

    private static void backdate(long questionId, int hours) {
        server.components().database.dsl().execute("UPDATE posts SET created_at = ? WHERE id = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusHours(hours), questionId);
    }

    @Test
    void theFiguresCountAnsweredQuestionsTheMedianWaitAndHelpers() {
        Document home = home();
        assertThat(home.select("h1").text()).isEqualTo("How can we help?");
        assertThat(home.select(".figures li").eachText()).containsExactly(
                "3 questions answered", "2 hours median wait for a first answer", "1 Helper");
    }

    @Test
    void solvedQuestionsTopHelpersAndCategoriesWithTheirCounts() {
        Document home = home();
        assertThat(home.select(".answered .link-list a").eachText()).contains("Wireless charger stops at eighty percent")
                .doesNotContain("Replacement strap for the Aria headband"); // answered, but nothing accepted
        assertThat(home.select(".top-helpers li").eachText()).containsExactly(
                answererName + " Helper 1 accepted or verified answer");
        assertThat(home.select(".cards .card").eachText()).anySatisfy(card -> assertThat(card).startsWith("General")
                .endsWith("4 questions"));
    }

    @Test
    void theFaqEntriesOpenedMostComeFirstAndTheBoxOpeningOneCountsAsASearch() {
        WebClient visitor = server.newClient();
        Document typed = visitor.get("/search/instant?q=reset+soundbar").html();
        assertThat(typed.select(".suggestion a").first().text()).isEqualTo("How do I reset the soundbar?");
        String link = typed.select(".suggestion a").first().attr("href");
        assertThat(visitor.get(link).location()).startsWith("/faq/" + faqReset);
        assertThat(visitor.get("/search/instant?q=so").body()).doesNotContain("suggestion"); // too short to search

        // the open is written with the other search events within seconds; the home page reads it the next time
        townhall.support.Eventually.await(() -> {
            server.components().homeHighlights.forget();
            return home().select(".answered .link-list a").eachText().getFirst().equals("How do I reset the soundbar?");
        });
        assertThat(home().select(".answered .link-list a").eachText())
                .startsWith("How do I reset the soundbar?", "Which case fits the Aria headphones?");
        WebClient staff = community.staff("insights");
        assertThat(staff.get("/search/insights").body()).contains("reset soundbar");
    }
}
