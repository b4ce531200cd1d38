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

    /** The "done when": an admin marks firmware 4.3 released; the answers verified for 4.2 need review. */
    @Test
    void anAdminRecordsFirmware43AndTheAnswersVerifiedFor42ShowAsNeedingReview() {
        WebClient visitor = server.newClient();
        String question = page(visitor, "/questions?filter=verified&tag=northwind-one")
                .select(".question-title a:contains(keeps dropping the Bluetooth connection)").first().attr("href");
        assertThat(page(visitor, question).select(".is-verified .freshness").text()).contains("Verified for 4.2");

        WebClient admin = server.newClient();
        assertThat(admin.signIn("admin", "demo-admin-pass").status()).isEqualTo(303);
        Document versions = page(admin, "/admin/versions");
        assertThat(versions.select("table.product-lines").text()).contains("Northwind One firmware").contains("4.2");
        assertThat(page(admin, "/admin/reverify").select("table.reverify-queue tbody tr")).isEmpty();
        String line = versions.select("select#line option:contains(Northwind One firmware)").val();
        Response recorded = admin.post("/admin/versions", java.util.Map.of("line", line, "versionName", "4.3",
                "released", ""));
        assertThat(recorded.status()).isEqualTo(303);

        assertThat(page(visitor, question).select(".is-verified .freshness").text())
                .contains("Verified for 4.2 — may be outdated for 4.3");
        List<String> waiting = page(admin, "/admin/reverify").select("table.reverify-queue tbody tr").eachText();
        assertThat(waiting).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(row -> assertThat(row).contains("may be outdated for 4.3"))
                .anySatisfy(row -> assertThat(row).contains("Northwind One keeps dropping the Bluetooth connection"))
                .noneSatisfy(row -> assertThat(row).containsIgnoringCase("cushions"));
    }
}
