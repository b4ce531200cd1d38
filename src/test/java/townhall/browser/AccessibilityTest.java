package townhall.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Browser;
import townhall.support.TownhallServer;

/** axe-core (WCAG 2.0/2.1 A and AA rules) in Chromium finds no violation on the main pages of the demo community. */
class AccessibilityTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DEMO, "true");
    @RegisterExtension
    static final Browser browser = new Browser();
    static String axe;

    @BeforeAll
    static void loadAxe() throws IOException {
        try (InputStream in = AccessibilityTest.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String violations(Page page) {
        page.evaluate(axe);
        Object result = page.evaluate("""
                async () => {
                  const r = await axe.run(document, {runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                  return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')).join('\\n');
                }""");
        return String.valueOf(result);
    }

    private static Page signedIn(String username, String password, int width) {
        return browser.signedIn(server.baseUrl(), username, password, width, 900);
    }

    /** The first link a page's selector finds, such as the demo's first idea. */
    private static String firstLink(String path, String selector) {
        Page page = browser.newPage(1280, 900);
        page.navigate(server.baseUrl() + path);
        return page.locator(selector).first().getAttribute("href");
    }

    /** Sam (staff) flags a post, so that the review queue has an item and the header a count. */
    private static void flagForTheQueue(String flagPath) {
        Page sam = signedIn("sam_staff", "demo-staff-pass", 1280);
        sam.navigate(server.baseUrl() + flagPath);
        if (sam.locator("#reason-staff").count() > 0) {
            sam.locator("#reason-staff").check();
            sam.locator("#note").fill("Please check the facts in this question");
            sam.locator("main form button[type=submit]").click();
        }
        sam.context().close();
    }

    private static String firstQuestionWithAVerifiedAnswer() {
        Page page = browser.newPage(1280, 900);
        page.navigate(server.baseUrl() + "/questions?filter=verified");
        return page.locator(".question-title a").first().getAttribute("href");
    }

    @Test
    void theMainPagesHaveNoAccessibilityViolations() {
        String question = firstQuestionWithAVerifiedAnswer();
        String idea = firstLink("/ideas/product-ideas?sort=status", ".idea-title a");
        String event = firstLink("/announcements", "section[aria-labelledby=upcoming-heading] li a");
        String flag = "/posts/" + question.replaceAll("^.*?/q/(\\d+).*$", "$1") + "/flag";
        flagForTheQueue(flag);
        // firmware 4.3 ships: the demo's answers verified for 4.2 say they may be outdated and wait for re-verification
        server.components().versions.recordVersion(
                server.components().accountStore.findByUsername("admin").orElseThrow(),
                String.valueOf(server.components().versions.lines().stream()
                        .filter(l -> l.name().equals("Northwind One firmware")).findFirst().orElseThrow().id()),
                "4.3", "");
        long group = server.components().groups.store().create("Beta testers",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        server.components().groups.store().add(group,
                server.components().accountStore.findByUsername("maria").orElseThrow().id(),
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        List<String> visitorPages = List.of("/", question, "/search?q=bluetooth", "/faq", "/u/maria", "/signin",
                "/register", "/questions", "/leaderboard", "/badges", "/privileges", "/ideas", "/ideas/product-ideas", idea,
                "/roadmap", "/announcements",
                event);
        StringBuilder found = new StringBuilder();
        for (int width : new int[] {1280, 360}) {
            Page visitor = browser.newPage(width, 900);
            for (String path : visitorPages) {
                check(visitor, path, "visitor at " + width + " px", found);
            }
            Page member = signedIn("maria", "demo-member-pass", width);
            for (String path : List.of("/ask", question, "/notifications", "/u/maria", "/settings/notifications",
                    "/tags/bluetooth", "/ideas/new", idea, event, "/warnings")) {
                check(member, path, "member at " + width + " px", found);
            }
            Page admin = signedIn("admin", "demo-admin-pass", width);
            for (String path : List.of("/admin/brand", question, "/faq/manage", "/admin/webhooks", "/ideas/boards",
                    idea, "/announcements/new", "/admin/insight", "/review", "/admin/watched-words", "/admin/mentions",
                    "/admin/log", "/assignments", flag, "/admin/categories", "/admin/groups", "/admin/groups/" + group,
                    "/admin/versions", "/admin/reverify")) {
                check(admin, path, "admin at " + width + " px", found);
            }
        }
        assertThat(found.toString()).as("accessibility violations").isEmpty();
    }

    /** The sample themes, chosen by the administrator in the browser, on the pages they restyle the most. */
    @Test
    void theSampleThemesHaveNoAccessibilityViolations() {
        String question = firstQuestionWithAVerifiedAnswer();
        StringBuilder found = new StringBuilder();
        Page admin = signedIn("admin", "demo-admin-pass", 1280);
        try {
            for (String theme : List.of("corporate", "midnight")) {
                chooseTheme(admin, theme);
                for (int width : new int[] {1280, 360}) {
                    Page visitor = browser.newPage(width, 900);
                    for (String path : List.of("/", question, "/faq", "/roadmap", "/ideas/product-ideas")) {
                        check(visitor, path, "visitor, " + theme + " theme, at " + width + " px", found);
                    }
                    visitor.context().close();
                }
                check(admin, "/admin/brand", "admin, " + theme + " theme", found);
                check(admin, "/admin/insight", "admin, " + theme + " theme", found);
                check(admin, "/review", "admin, " + theme + " theme", found);
            }
        } finally {
            chooseTheme(admin, "");
        }
        assertThat(found.toString()).as("accessibility violations").isEmpty();
    }

    private static void chooseTheme(Page admin, String theme) {
        admin.navigate(server.baseUrl() + "/admin/brand");
        admin.locator("select#theme").selectOption(theme);
        admin.locator("form.brand-form button[type=submit]").click();
        admin.waitForURL(url -> url.endsWith("/admin/brand?saved=1"));
        assertThat(admin.locator("select#theme").inputValue()).isEqualTo(theme);
    }

    private static void check(Page page, String path, String who, StringBuilder found) {
        page.navigate(server.baseUrl() + path);
        String violations = violations(page);
        if (!violations.isEmpty()) {
            found.append(path).append(" (").append(who).append("):\n").append(violations).append("\n");
        }
    }

    @Test
    void theKeyboardReachesASkipLinkFirstAndFocusIsVisible() {
        Page page = browser.newPage(1280, 900);
        page.navigate(server.baseUrl() + "/");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("document.activeElement.className")).isEqualTo("skip-link");
        assertThat(page.evaluate("getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
        page.keyboard().press("Enter");
        assertThat(page.url()).endsWith("#main");
    }
}
