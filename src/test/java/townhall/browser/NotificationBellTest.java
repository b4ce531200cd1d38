package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The story of the "Notifications" issue in a real Chromium: I ask, someone answers, and the bell in the header of
 * the page I have open lights up without a reload; the list says who answered, and opening it clears the count.
 */
class NotificationBellTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void theBellLightsUpWithoutAReloadWhenSomeoneAnswers() {
        Community community = new Community(server);
        WebClient askerClient = community.member("asker");
        String asker = community.usernameOf(askerClient);
        long question = community.ask(askerClient, "Why does the left earbud charge slower than the right?");

        Page page = browser.signedIn(server.baseUrl(), asker, "a long enough password", 1280, 900);
        page.navigate(server.baseUrl() + "/questions");
        assertThat(page.locator(".notifications-link .count")).hasCount(0);
        page.waitForTimeout(500); // the page's event stream is open

        WebClient answerer = community.member("answerer");
        community.answer(answerer, question, "The left one hosts the connection, so it drains and charges more.");

        assertThat(page.locator(".notifications-link .count")).containsText("1");
        Browser.screenshot(page, "notifications-bell");
        page.locator(".notifications-link").click();
        assertThat(page.locator("ul.notifications li.unread")).containsText(community.usernameOf(answerer)
                + " answered your question “Why does the left earbud charge slower than the right?”");
        Browser.screenshot(page, "notifications-list");
        page.locator("ul.notifications li.unread a").click();
        page.waitForURL(url -> url.contains("/q/" + question + "/"));
        assertThat(page.locator(".notifications-link .count")).hasCount(0);

        // thanking the answerer by name: the answer box suggests members as a mention is typed
        String answererName = community.usernameOf(answerer);
        page.locator("#answer-body").click();
        page.keyboard().type("Thanks @" + answererName.substring(0, 5));
        assertThat(page.locator(".mention-suggestions [role=option]").first()).hasText("@" + answererName);
        page.keyboard().press("Enter");
        assertThat(page.locator("#answer-body")).hasValue("Thanks @" + answererName + " ");
    }
}
