package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

class QaTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private Document page(WebClient browser, long questionId) {
        return browser.page("/q/" + questionId);
    }

    @Test
    void askingShowsTheQuestionAtItsCanonicalAddress() {
        WebClient asker = community.member("asker");
        long id = community.ask(asker, "How do I pair the headphones with two phones?");
        Response shortLink = asker.get("/q/" + id);
        assertThat(shortLink.status()).isEqualTo(301);
        assertThat(shortLink.location()).isEqualTo("/q/" + id + "/how-do-i-pair-the-headphones-with-two-phones");
        Document page = asker.get(shortLink.location()).html();
        assertThat(page.select("h1").text()).isEqualTo("How do I pair the headphones with two phones?");
        assertThat(page.select(".tags .tag").eachText()).containsExactly("bluetooth", "headphones");
        assertThat(page.select("link[rel=canonical]").attr("href")).endsWith(shortLink.location());
    }

    @Test
    void commentsReadOldestFirst() {
        WebClient asker = community.member("curious");
        long id = community.ask(asker, "Can the charging case top up a phone in a pinch?");
        WebClient commenter = community.memberWithReputation("chatty", 200);
        for (String comment : new String[] {"First thought: the case has no USB output.",
                "Second thought: it only charges the earbuds.", "Third thought: a power bank does that job."}) {
            assertThat(commenter.post("/posts/" + id + "/comments", Map.of("comment", comment)).status())
                    .isEqualTo(303);
        }
        Document page = asker.get("/q/" + id + "/can-the-charging-case-top-up-a-phone-in-a-pinch").html();
        assertThat(page.select(".comment-list li").eachText()).satisfiesExactly(
                first -> assertThat(first).startsWith("First thought"),
                second -> assertThat(second).startsWith("Second thought"),
                third -> assertThat(third).startsWith("Third thought"));
    }

    @Test
    void badQuestionsGetAMessagePerFieldAndKeepWhatWasTyped() {
        WebClient asker = community.member("hasty");
        Response response = asker.post("/ask", Map.of("title", "Too short", "body", "tiny", "tags", "a b c d e f",
                "category", "nope"));
        assertThat(response.status()).isEqualTo(422);
        Document page = response.html();
        assertThat(page.select("#title-error").text()).contains("at least 15 characters");
        assertThat(page.select("#body-error").text()).contains("at least 20 characters");
        assertThat(page.select("#tags-error").text()).contains("at most 5 tags");
        assertThat(page.select("#category-error").text()).isNotEmpty();
        assertThat(page.select("#title").val()).isEqualTo("Too short");
        assertThat(page.select("#body").text()).isEqualTo("tiny");
        assertThat(server.components().questions.list(new QuestionStore.ListQuery(QuestionStore.Sort.NEWEST, null,
                null, false, false, true, 1, 100, townhall.qa.Audience.STAFF)).questions()).noneMatch(q -> q.title().equals("Too short"));
    }

    @Test
    void aTagsListShowsTheMostRecentlyActiveQuestionsFirst() {
        WebClient asker = community.member("tagger");
        long older = community.ask(asker, "Does the soundbar remote work through a cabinet door?",
                "The soundbar sits in a closed cabinet under the television.", "soundbar remote");
        long newer = community.ask(asker, "Can the soundbar learn my television remote's volume keys?",
                "I would like one remote for everything in the living room.", "soundbar remote");
        assertThat(titlesOfTag(asker, "remote")).startsWith(titleOf(newer), titleOf(older));

        community.answer(community.member("remote_helper"), older, "Only with the infrared extender that comes in the box.");
        assertThat(titlesOfTag(asker, "remote")).startsWith(titleOf(older), titleOf(newer));
        assertThat(titlesOfTag(asker, "soundbar")).startsWith(titleOf(older), titleOf(newer));
    }

    private static java.util.List<String> titlesOfTag(WebClient browser, String tag) {
        return browser.get("/tags/" + tag).html().select(".question-list .question-title a").eachText();
    }

    private static String titleOf(long questionId) {
        return server.components().questions.thread(questionId, townhall.qa.Audience.STAFF, false).orElseThrow().question().title();
    }

    @Test
    void onlyTheAskerOrStaffCanAcceptAndOnlyOneAnswerIsAccepted() {
        WebClient asker = community.member("asker");
        WebClient helper = community.member("helper");
        WebClient other = community.member("other");
        long question = community.ask(asker, "Which ear tips fit the Northwind One best?");
        long first = community.answer(helper, question, "The medium foam tips fit most ears well.");
        long second = community.answer(other, question, "Try the silicone ones that come in the box.");

        assertThat(other.post("/posts/" + first + "/accept", Map.of()).status()).isEqualTo(403);
        assertThat(page(asker, question).select(".is-accepted")).isEmpty();

        assertThat(asker.post("/posts/" + first + "/accept", Map.of()).status()).isEqualTo(303);
        assertThat(page(asker, question).select(".answer.is-accepted").attr("id")).isEqualTo("a" + first);

        assertThat(asker.post("/posts/" + second + "/accept", Map.of()).status()).isEqualTo(303);
        Document page = page(asker, question);
        assertThat(page.select(".answer.is-accepted")).hasSize(1);
        assertThat(page.select(".answer.is-accepted").attr("id")).isEqualTo("a" + second);

        WebClient staff = community.staff("mod");
        assertThat(staff.post("/posts/" + first + "/accept", Map.of()).status()).isEqualTo(303);
        assertThat(page(asker, question).select(".answer.is-accepted").attr("id")).isEqualTo("a" + first);
    }

    @Test
    void onlyStaffVerifyAndTheVerifiedAnswerComesFirst() {
        WebClient asker = community.member("asker");
        WebClient helper = community.member("helper");
        long question = community.ask(asker, "Does firmware 4.2 fix the crackling sound?");
        long popular = community.answer(helper, question, "Yes, after the update it went away for me.");
        long right = community.answer(community.member("expert"), question, "Version 4.2.1 fixes it; 4.2.0 does not.");
        community.member("voter").post("/posts/" + popular + "/vote", Map.of("value", "up"));

        assertThat(asker.post("/posts/" + right + "/verify", Map.of("note", "mine")).status()).isEqualTo(403);
        assertThat(page(asker, question).select(".is-verified")).isEmpty();

        WebClient staff = community.staff("support");
        assertThat(staff.post("/posts/" + right + "/verify", Map.of("note", "applies to version 4.2.1")).status())
                .isEqualTo(303);
        Document page = page(asker, question);
        Element firstAnswer = page.select(".answers .answer").first();
        assertThat(firstAnswer.id()).isEqualTo("a" + right);
        assertThat(firstAnswer.select(".verified-banner").text()).contains("Verified by Townhall").contains("support");
        assertThat(firstAnswer.select(".verified-note").text()).isEqualTo("applies to version 4.2.1");

        assertThat(staff.post("/posts/" + popular + "/verify", Map.of()).status()).isEqualTo(303);
        page = page(asker, question);
        assertThat(page.select(".answer.is-verified")).hasSize(1);
        assertThat(page.select(".answer.is-verified").attr("id")).isEqualTo("a" + popular);

        assertThat(staff.post("/q/" + question + "/unverify", Map.of()).status()).isEqualTo(303);
        assertThat(page(asker, question).select(".answer.is-verified")).isEmpty();
    }

    @Test
    void listsShowAtAGlanceWhatIsAnsweredAcceptedAndVerified() {
        WebClient asker = community.member("lister");
        long question = community.ask(asker, "Can I replace the battery of the Northwind Pro?");
        long answer = community.answer(community.member("fixer"), question, "Yes, the service centre replaces it.");
        asker.post("/posts/" + answer + "/accept", Map.of());
        community.staff("verifier").post("/posts/" + answer + "/verify", Map.of());
        long unanswered = community.ask(asker, "Is there a travel case for the Northwind Pro?");

        Document list = asker.get("/questions?sort=newest").html();
        Element row = list.select(".question-row:has(a[href^=/q/" + question + "/])").first();
        assertThat(row.select(".mark-verified")).isNotEmpty();
        assertThat(row.select(".mark-accepted")).isNotEmpty();
        Element lonely = list.select(".question-row:has(a[href^=/q/" + unanswered + "/])").first();
        assertThat(lonely.select(".mark-unanswered")).isNotEmpty();

        Document verifiedOnly = asker.get("/questions?filter=verified").html();
        assertThat(verifiedOnly.select(".question-title a").eachAttr("href"))
                .anyMatch(href -> href.startsWith("/q/" + question + "/"))
                .noneMatch(href -> href.startsWith("/q/" + unanswered + "/"));
        Document unansweredOnly = asker.get("/questions?filter=unanswered").html();
        assertThat(unansweredOnly.select(".question-title a").eachAttr("href"))
                .anyMatch(href -> href.startsWith("/q/" + unanswered + "/"))
                .noneMatch(href -> href.startsWith("/q/" + question + "/"));
    }
}
