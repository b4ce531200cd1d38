package townhall.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.QUESTIONS;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.qa.QuestionStore;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

class DemoCommunityTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DEMO, "true");

    private static Document page(WebClient browser, String path) {
        Response response = browser.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.html();
    }

    @Test
    void theHomePageAndTheListsShowTheDemoQuestions() {
        WebClient browser = server.newClient();
        assertThat(page(browser, "/").select(".question-row")).isNotEmpty();
        assertThat(page(browser, "/questions").select(".question-row")).hasSizeBetween(14, 18);
        assertThat(page(browser, "/questions?filter=verified").select(".question-row")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(page(browser, "/questions?filter=unanswered").select(".question-row")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(page(browser, "/tags").select(".tag")).isNotEmpty();
    }

    @Test
    void theDemoIsBrandedAsNorthwindAudioWithItsLogoAndFavicon() {
        WebClient browser = server.newClient();
        var home = page(browser, "/");
        assertThat(home.select("header .brand-name").text()).isEqualTo("Northwind Audio");
        assertThat(home.title()).isEqualTo("Northwind Audio community");
        String logo = home.select("header img.brand-logo").attr("src");
        assertThat(logo).matches("/brand/files/[0-9a-f]{64}\\.png");
        assertThat(browser.get(logo).status()).isEqualTo(200);
        assertThat(home.select("link[rel=icon]").attr("href")).matches("/brand/files/[0-9a-f]{64}\\.png");
    }

    @Test
    void questionPagesShowVerifiedAnswersAndAClosedDuplicate() {
        WebClient browser = server.newClient();
        List<String> paths = page(browser, "/questions").select(".question-row .question-title a").eachAttr("href");
        List<Document> pages = paths.stream().map(path -> page(browser, path)).toList();

        assertThat(pages).anySatisfy(p -> assertThat(p.select(".answer.is-verified")).isNotEmpty());
        assertThat(pages).anySatisfy(p -> assertThat(p.select(".answer.is-accepted")).isNotEmpty());
        assertThat(pages).as("a question with a verified and a different accepted answer").anySatisfy(p -> {
            assertThat(p.select(".answer.is-verified")).hasSize(1);
            assertThat(p.select(".answer.is-accepted")).hasSize(1);
            assertThat(p.select(".answer.is-verified.is-accepted")).isEmpty();
        });
        Document duplicate = pages.stream().filter(p -> !p.select(".banner-duplicate").isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no question is closed as a duplicate"));
        Element original = duplicate.selectFirst(".banner-duplicate a.duplicate-of");
        assertThat(original).isNotNull();
        assertThat(paths).contains(original.attr("href"));
    }

    @Test
    void thePostsAreSpreadOverThePastWeeks() {
        var questions = server.components().questions.list(new QuestionStore.ListQuery(QuestionStore.Sort.NEWEST,
                null, null, false, false, true, 1, 100, townhall.qa.Audience.STAFF)).questions();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        assertThat(questions.getLast().createdAt()).isBefore(now.minusWeeks(3));
        assertThat(questions.getFirst().createdAt()).isAfter(now.minusDays(1)).isBefore(now);
        assertThat(questions).allSatisfy(q -> assertThat(q.lastActivityAt()).isAfterOrEqualTo(q.createdAt()));
    }

    @Test
    void askingAboutABatteryThatDrainsWhenSwitchedOffSuggestsThatQuestionBeforeAnFaqEntrySharingOnlyItsSmallWords() {
        WebClient member = new townhall.support.Community(server).member("drainasker");
        String session = page(member, "/ask").select("input[name=ask_session]").val();
        Response response = member.postJson("/ask/suggestions",
                java.util.Map.of("title", "Battery drains when switched off", "body", "", "ask_session", session));
        Element first = response.html().select(".suggestion").first();
        assertThat(first).isNotNull();
        assertThat(first.hasClass("is-faq")).as(first.text()).isFalse();
        assertThat(first.select("a").text()).startsWith("Battery drains overnight even when the Northwind One is switched off");
    }

    @Test
    void seedingAgainLeavesTheCommunityAsItIs() {
        int before = server.components().database.dsl().fetchCount(QUESTIONS);
        server.components().seedDemo();
        assertThat(server.components().database.dsl().fetchCount(QUESTIONS)).isEqualTo(before);
    }
}
