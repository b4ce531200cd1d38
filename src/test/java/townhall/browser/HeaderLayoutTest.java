package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The header on phones and desktops, in a real Chromium: one row at 320, 390 and 1280 px (signed in or not), no
 * page scrolls sideways, and the menu opens and closes from the keyboard.
 */
class HeaderLayoutTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();
    static Community community;
    static String question;
    static String staffName;

    @BeforeAll
    static void aCommunity() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        community = new Community(server);
        WebClient staff = community.staff("header_staff_with_a_long_name");
        staffName = community.usernameOf(staff);
        long id = community.ask(community.member("headerasker"),
                "Which adapter lets the turntable's preamp drive the Northwind bookshelf speakers directly?");
        community.answer(staff, id, "Any RCA to 3.5 mm cable works; keep the preamp's output at line level.");
        question = "/q/" + id;
    }

    private static Page page(int width, String username) {
        return username == null ? browser.newPage(width, 800)
                : browser.signedIn(server.baseUrl(), username, "a long enough password", width, 800);
    }

    private static double headerHeight(Page page) {
        return ((Number) page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height"))
                .doubleValue();
    }

    @Test
    void theHeaderIsOneRowAndNothingScrollsSidewaysAtPhoneAndDesktopWidths() {
        for (int width : new int[] {320, 390, 1280}) {
            for (String user : new String[] {null, staffName}) {
                Page page = page(width, user);
                for (String path : List.of("/", "/questions", question, "/faq", "/tags", "/ideas", "/search?q=adapter")) {
                    page.navigate(server.baseUrl() + path);
                    String where = width + " px, " + (user == null ? "visitor" : "staff") + ", " + path;
                    org.assertj.core.api.Assertions.assertThat(headerHeight(page)).as(where).isLessThanOrEqualTo(64);
                    org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate(
                            "document.documentElement.scrollWidth")).intValue()).as(where).isLessThanOrEqualTo(width);
                }
                if (user != null && width == 1280) {
                    Browser.screenshot(page, "header-staff-1280");
                }
                page.context().close();
            }
        }
    }

    @Test
    void onAPhoneTheMenuOpensAndClosesFromTheKeyboardAndHoldsEveryLink() {
        Page page = page(390, null);
        page.navigate(server.baseUrl() + "/");
        assertThat(page.locator("nav.nav-wide")).isHidden();
        Page.GetByRoleOptions home = new Page.GetByRoleOptions().setName("Questions").setExact(true);
        assertThat(page.getByRole(AriaRole.LINK, home)).isHidden();
        page.locator(".nav-narrow summary").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.LINK, home)).isVisible();
        assertThat(page.locator(".nav-narrow .menu-panel a")).containsText(new String[] {"Home", "Questions", "Tags",
                "FAQ", "Ideas", "Leaderboard", "Ask", "Sign in"});
        page.keyboard().press("Escape");
        assertThat(page.getByRole(AriaRole.LINK, home)).isHidden();
        assertThat(page.locator(".nav-narrow summary")).isFocused();
        page.context().close();
    }

    @Test
    void staffFindTheirToolsInTheStaffMenu() {
        Page page = page(1280, staffName);
        page.locator(".staff-menu summary").click();
        assertThat(page.locator(".staff-menu .menu-panel a")).containsText(new String[] {"Review", "Queue", "Insight",
                "Search insights", "Manage the FAQ", "Search synonyms", "Idea boards", "New announcement",
                "Watched words", "Moderation log"});
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Manage the FAQ")).click();
        org.assertj.core.api.Assertions.assertThat(page.url()).endsWith("/faq/manage");
        page.context().close();
    }
}
