package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * In a real Chromium, a member who has just joined sees why they cannot vote or comment yet and how to earn it, earns
 * it by a good answer, and then votes: without meeting a single error page on the way.
 */
class NewcomerStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void aNewcomerSeesWhyTheyCannotVoteYetEarnsItAndVotesWithoutAnErrorPage() {
        Community community = new Community(server);
        WebClient asker = community.member("speakerowner");
        long questionId = community.ask(asker, "Why does the soundbar drop its Wi-Fi every evening?");
        WebClient newcomerAccount = community.newcomer("firstday");

        Page page = browser.newPage(1280, 900);
        List<String> errorPages = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.status() >= 400) {
                errorPages.add(response.status() + " " + response.url());
            }
        });
        Browser.signIn(page, server.baseUrl(), community.usernameOf(newcomerAccount), "a long enough password");

        page.navigate(server.baseUrl() + "/ask");
        assertThat(page.locator(".first-question h2")).hasText("Your first question: three things that get it answered");

        page.navigate(server.baseUrl() + "/q/" + questionId);
        assertThat(page.locator(".question .vote-up")).isDisabled();
        assertThat(page.locator(".question .vote-up")).hasAttribute("title", "Upvoting unlocks at 15 reputation.");
        assertThat(page.locator(".privilege-hint")).containsText("Upvoting unlocks at 15 reputation.");
        assertThat(page.locator(".privilege-hint")).containsText("Commenting on others' posts unlocks at 50 reputation.");
        assertThat(page.locator(".question .add-comment")).hasCount(0);
        page.locator(".privilege-hint a").click();
        assertThat(page.locator("h1")).hasText("Privileges");
        page.goBack();

        page.getByLabel("Answer", new Page.GetByLabelOptions().setExact(true))
                .fill("Give the soundbar a fixed address in the router: its lease runs out every evening.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post your answer")).click();
        assertThat(page.locator(".answers .answer")).hasCount(1);
        assertThat(page.locator(".answers .answer .add-comment")).hasCount(1); // one's own answer takes comments
        long answerId = Long.parseLong(page.url().replaceAll("^.*#a(\\d+)$", "$1"));

        // the asker upvotes and accepts: 1 + 10 + 15 reputation
        asker.post("/posts/" + answerId + "/vote", java.util.Map.of("value", "up"));
        asker.post("/posts/" + answerId + "/accept", java.util.Map.of());

        page.reload();
        assertThat(page.locator(".question .vote-up")).isEnabled();
        page.locator(".question .vote-up").click();
        assertThat(page.locator(".question .score")).hasText("1");
        assertThat(page.locator(".question .vote-up")).hasAttribute("aria-pressed", "true");
        assertThat(page.locator(".question .vote-down")).isDisabled(); // downvoting needs more
        assertThat(page.locator(".privilege-hint")).not().containsText("Upvoting");

        org.assertj.core.api.Assertions.assertThat(errorPages).as("error pages met on the way").isEmpty();
    }

    @Test
    void deletingAsksFirstAndLandsWhereTheMemberCanSeeItWorked() {
        Community community = new Community(server);
        WebClient asker = community.member("tidyasker");
        long other = community.ask(asker, "Does the turntable lid come off for cleaning?");
        WebClient memberAccount = community.member("tidyone");
        long answer = community.answer(memberAccount, other, "Yes, lift it straight up from both hinges at once.");
        long own = community.ask(memberAccount, "Can the amplifier stand on its side in a cabinet?");

        Page page = browser.signedIn(server.baseUrl(), community.usernameOf(memberAccount), "a long enough password",
                390, 844);

        page.navigate(server.baseUrl() + "/q/" + other);
        var myAnswer = page.locator("#a" + answer);
        assertThat(myAnswer.locator(".confirm-delete button")).isHidden(); // nothing is deleted by one click
        myAnswer.locator(".confirm-delete summary").click();
        assertThat(myAnswer.locator(".confirm-delete")).containsText("Delete this answer? Staff can restore it.");
        myAnswer.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Yes, delete")).click();
        assertThat(page.locator("p.notice[role=status]")).hasText("The answer was deleted.");
        assertThat(page.locator(".answers .answer")).hasCount(0);

        page.navigate(server.baseUrl() + "/ask");
        assertThat(page.locator(".first-question")).hasCount(0); // only before the first question

        page.navigate(server.baseUrl() + "/q/" + own);
        page.locator(".question .confirm-delete summary").click();
        page.locator(".question .confirm-delete button").click();
        assertThat(page.locator("p.notice[role=status]")).hasText("The question was deleted.");
        org.assertj.core.api.Assertions.assertThat(page.url()).isEqualTo(server.baseUrl() + "/?deleted=question");
    }
}
