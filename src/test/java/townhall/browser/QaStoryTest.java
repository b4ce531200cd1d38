package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.AccountService;
import townhall.account.Member;
import townhall.account.Role;
import townhall.faq.Faqs;
import townhall.search.Searching;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The story of the "Themes and branding" issue, in a real Chromium: a newcomer registers, searches, types a question
 * and sees a suggestion, asks anyway; a Helper answers; the asker accepts; staff verify; an administrator switches to
 * a sample theme and changes the brand colour, and the pages change. Screenshots of the key pages at desktop
 * (1280 px) and phone (360 px) width go to target/screenshots/.
 */
class QaStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "a long enough password";
    static final String EXISTING = "How do I pair my headphones with two phones at once?";
    static final String ASKED = "Can my headphones stay paired with two phones at the same time?";

    @BeforeAll
    static void patience() {
        // a shared 2-core machine: let assertions wait longer than Playwright's 5 s before they fail
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void aNewcomersQuestionFromSearchToVerifiedAnswerThenTheAdministratorRestylesTheSite() {
        Community community = new Community(server);
        String base = server.baseUrl();

        // Given: a community with a staff member, a Helper, an answered question and an FAQ entry
        WebClient staffClient = community.staff("support");
        String staffName = community.usernameOf(staffClient);
        Member staffMember = server.components().accountStore.findByUsername(staffName).orElseThrow();
        WebClient helperClient = community.member("helper");
        String helperName = community.usernameOf(helperClient);
        server.components().helpers.decide(staffMember, community.idOf(helperClient), "grant",
                "Knows the app inside out");
        WebClient regular = community.member("regular");
        long existing = community.ask(regular, EXISTING,
                "I switch between my laptop and my phone all day. Can both stay connected?", "bluetooth pairing");
        community.answer(helperClient, existing, "Yes: turn on *Multipoint* in the app, then pair the second phone.");
        Faqs.entry(staffClient, Faqs.section(staffClient, "Getting started"), "How do I update the firmware?",
                "Open the app, go to **Settings → Firmware** and follow the steps.");
        awaitSearchable(regular, "pair two phones", EXISTING);

        Page signIn = browser.newPage(1280, 900);
        signIn.navigate(base + "/signin");
        assertThat(signIn.locator("main h1")).isVisible();
        screenshots(signIn, "signin");

        // A newcomer registers...
        Page newcomer = browser.newPage(1280, 900);
        newcomer.navigate(base + "/");
        assertThat(newcomer.locator(".question-list")).containsText(EXISTING);
        screenshots(newcomer, "home");
        newcomer.navigate(base + "/register");
        newcomer.getByLabel("Username").fill("story_newcomer");
        newcomer.getByLabel("Email").fill("story@example.com");
        newcomer.getByLabel("Password").fill(PASSWORD);
        newcomer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(newcomer.locator(".who")).containsText("story_newcomer");

        // ...searches first, from the header, and finds the existing question...
        newcomer.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search").setExact(true))
                .fill("pair two phones");
        newcomer.keyboard().press("Enter");
        assertThat(newcomer.locator("main h1")).hasText("Search results");
        assertThat(newcomer.locator(".search-results .result-title").first()).hasText(EXISTING);
        screenshots(newcomer, "search");

        // ...types a similar question and, while typing, is shown the answered one...
        newcomer.navigate(base + "/ask");
        assertThat(newcomer.locator("#ask-suggestions .suggestion")).hasCount(0);
        newcomer.getByLabel("Title").pressSequentially(ASKED);
        assertThat(newcomer.locator("#ask-suggestions .suggestions-heading")).hasText("Already answered? These may help");
        assertThat(newcomer.locator("#ask-suggestions .suggestion a").first()).containsText(EXISTING);

        // ...and asks anyway, with a preview of the Markdown
        newcomer.getByLabel("Details").fill("Music from my laptop and calls on my phone: is **multipoint** supported?");
        assertThat(newcomer.locator("#ask-preview strong")).hasText("multipoint");
        newcomer.getByLabel("Tags").fill("bluetooth pairing");
        newcomer.getByLabel("Category").selectOption("general");
        screenshots(newcomer, "ask");
        newcomer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post your question")).click();
        assertThat(newcomer.locator("h1")).hasText(ASKED);
        String questionUrl = newcomer.url();

        // A Helper answers and upvotes
        Page helper = browser.newPage(1280, 900);
        signIn(helper, base, helperName);
        assertThat(helper.locator(".who .badge-helper")).hasText("Helper");
        helper.navigate(questionUrl);
        helper.getByLabel("Answer", new Page.GetByLabelOptions().setExact(true))
                .fill("Yes. Open the app, go to Settings → Connections and switch on *Multipoint*.");
        helper.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post your answer")).click();
        assertThat(helper.locator(".answers .answer")).hasCount(1);
        helper.locator(".question .vote-up").click();
        assertThat(helper.locator(".question .score")).hasText("1");
        assertThat(helper.locator(".question .vote-up")).hasAttribute("aria-pressed", "true");

        // The asker accepts
        newcomer.navigate(questionUrl);
        newcomer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept this answer")).click();
        assertThat(newcomer.locator(".answer.is-accepted .accepted-mark")).containsText("Accepted answer");
        newcomer.navigate(base + "/u/story_newcomer");
        assertThat(newcomer.locator("main h1")).containsText("story_newcomer");
        screenshots(newcomer, "profile");

        // Staff verify
        Page staff = browser.newPage(1280, 900);
        signIn(staff, base, staffName);
        staff.navigate(questionUrl);
        staff.getByLabel("Verification note (optional)").fill("Applies to app 3.8 and later");
        staff.locator(".verify-form button").click();
        assertThat(staff.locator(".answer.is-verified .verified-banner")).containsText("Verified by Townhall");
        screenshots(staff, "question");
        staff.navigate(base + "/faq");
        assertThat(staff.locator("main")).containsText("How do I update the firmware?");
        screenshots(staff, "faq");

        Page phone = browser.newPage(360, 800);
        phone.navigate(questionUrl);
        assertThat(phone.locator(".verified-banner")).isVisible();

        // An administrator switches to the corporate sample theme and a brand colour of their own
        Page visitor = browser.newPage(1280, 900);
        visitor.navigate(base + "/");
        assertThat(visitor.locator(".site-header")).hasCSS("background-color", "rgb(255, 255, 255)");
        assertThat(visitor.locator(".hero .button")).hasCSS("background-color", "rgb(31, 95, 191)");
        assertThat(visitor.locator("header img.brand-logo")).hasCount(0);
        String defaultThemeCss = visitor.locator("link[rel=stylesheet][href*='/css/theme.']").getAttribute("href");

        server.components().accounts.register(
                new AccountService.Registration("story_admin", "story_admin@example.com", PASSWORD), Role.ADMIN);
        Page admin = browser.newPage(1280, 900);
        signIn(admin, base, "story_admin");
        admin.locator(".staff-menu summary").click(); // staff pages are in the header's staff menu
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Brand").setExact(true)).click();
        assertThat(admin.locator("main h1")).hasText("Brand settings");
        assertThat(admin.getByLabel("Active theme")).hasValue("");
        admin.getByLabel("Active theme").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Corporate"));
        admin.getByLabel("Primary colour").fill("#0b4f6c");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save brand settings")).click();
        assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Saved.");
        assertThat(admin.getByLabel("Active theme")).hasValue("corporate");
        assertThat(admin.getByLabel("Primary colour")).hasValue("#0b4f6c");
        screenshots(admin, "brand");

        // The next page, for anyone, is corporate with the new colour
        visitor.navigate(base + "/");
        assertThat(visitor.locator(".site-header")).hasCSS("background-color", "rgb(29, 53, 87)");
        assertThat(visitor.locator(".hero .button")).hasCSS("background-color", "rgb(11, 79, 108)");
        assertThat(visitor.locator(".hero h1")).hasCSS("font-family", Pattern.compile("^Georgia"));
        assertThat(visitor.locator("header img.brand-logo"))
                .hasAttribute("src", Pattern.compile("/static/img/logo\\.[0-9a-f]{10}\\.svg"));
        assertThat(visitor.locator("header img.brand-logo")).isVisible();
        Assertions.assertThat(visitor.evaluate("document.querySelector('header img.brand-logo').naturalWidth > 0"))
                .isEqualTo(true);
        assertThat(visitor.locator("footer.corporate-footer")).isVisible();
        String corporateCss = visitor.locator("link[rel=stylesheet][href*='/css/theme.']").getAttribute("href");
        Assertions.assertThat(corporateCss).isNotEqualTo(defaultThemeCss);
        Assertions.assertThat(visitor.evaluate("[...document.styleSheets].some(s => s.href && s.href.includes('/css/theme.')"
                + " && [...s.cssRules].some(r => r.selectorText === '.corporate-footer'))")).isEqualTo(true);
        screenshots(visitor, "home-corporate");
        phone.navigate(questionUrl);
        assertThat(phone.locator(".site-header")).hasCSS("background-color", "rgb(29, 53, 87)");
        assertThat(phone.locator(".verified-banner")).isVisible();
    }

    /** Waits (bounded) until the search index, which follows the database a moment later, finds a question. */
    private static void awaitSearchable(WebClient client, String query, String title) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<String> titles = Searching.titles(Searching.search(client, query));
        while (!titles.contains(title) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            titles = Searching.titles(Searching.search(client, query));
        }
        Assertions.assertThat(titles).as("search results for " + query).contains(title);
    }

    private static void signIn(Page page, String base, String username) {
        Browser.signIn(page, base, username, PASSWORD);
        assertThat(page.locator(".who")).containsText(username);
    }

    /** The page as it is, at desktop width (1280 px) and at phone width (360 px). */
    private static void screenshots(Page page, String name) {
        var size = page.viewportSize();
        page.setViewportSize(1280, 900);
        Browser.screenshot(page, name + "-desktop");
        page.setViewportSize(360, 800);
        Browser.screenshot(page, name + "-phone");
        page.setViewportSize(size.width, size.height);
    }
}
