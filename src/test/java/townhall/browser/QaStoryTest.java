package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;

/** A newcomer asks, a Helper answers, the asker accepts, staff verify: in a real Chromium. */
class QaStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void aQuestionGoesFromAskedToAcceptedAndVerified() {
        Community community = new Community(server);
        String base = server.baseUrl();

        Page newcomer = browser.newPage(1280, 900);
        newcomer.navigate(base + "/register");
        newcomer.getByLabel("Username").fill("story_newcomer");
        newcomer.getByLabel("Email").fill("story@example.com");
        newcomer.getByLabel("Password").fill("a long enough password");
        newcomer.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(newcomer.locator(".who")).containsText("story_newcomer");

        newcomer.navigate(base + "/ask");
        newcomer.getByLabel("Title").fill("How do I turn off the beep when the battery is low?");
        newcomer.getByLabel("Details").fill("The **beep** is loud. Is there a setting in the app?");
        assertThat(newcomer.locator("#ask-preview strong")).hasText("beep");
        newcomer.getByLabel("Tags").fill("battery app");
        newcomer.getByLabel("Category").selectOption("general");
        Browser.screenshot(newcomer, "ask-desktop");
        newcomer.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Post your question")).click();
        assertThat(newcomer.locator("h1")).hasText("How do I turn off the beep when the battery is low?");
        String questionUrl = newcomer.url();

        Page helper = browser.newPage(1280, 900);
        signIn(helper, base, community, "helper");
        helper.navigate(questionUrl);
        helper.getByLabel("Answer", new Page.GetByLabelOptions().setExact(true)).fill("Open the app, go to Settings → Sounds and switch off *Low battery tone*.");
        helper.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Post your answer")).click();
        assertThat(helper.locator(".answers .answer")).hasCount(1);
        helper.locator(".question .vote-up").click();
        assertThat(helper.locator(".question .score")).hasText("1");
        assertThat(helper.locator(".question .vote-up")).hasAttribute("aria-pressed", "true");

        newcomer.navigate(questionUrl);
        newcomer.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Accept this answer")).click();
        assertThat(newcomer.locator(".answer.is-accepted .accepted-mark")).containsText("Accepted answer");

        Page staff = browser.newPage(1280, 900);
        String staffName = community.usernameOf(community.staff("support"));
        staff.navigate(base + "/signin");
        staff.getByLabel("Username or email").fill(staffName);
        staff.getByLabel("Password").fill("a long enough password");
        staff.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        staff.navigate(questionUrl);
        staff.getByLabel("Verification note (optional)").fill("Applies to app 3.8 and later");
        staff.locator(".verify-form button").click();
        assertThat(staff.locator(".answer.is-verified .verified-banner")).containsText("Verified by Townhall");
        Browser.screenshot(staff, "question-desktop");

        Page phone = browser.newPage(360, 800);
        phone.navigate(questionUrl);
        assertThat(phone.locator(".verified-banner")).isVisible();
        Browser.screenshot(phone, "question-phone");
    }

    private static void signIn(Page page, String base, Community community, String name) {
        String username = community.usernameOf(community.member(name));
        page.navigate(base + "/signin");
        page.getByLabel("Username or email").fill(username);
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }
}
