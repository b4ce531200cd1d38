package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ScreenshotType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Browser;
import townhall.support.TownhallServer;

/**
 * The README's pictures: the demo's home, a question, the ask page with its suggestions, the FAQ and a staff page, at
 * desktop and phone width, taken in Chromium on every run (under {@code target/screenshots/readme}). Run with
 * {@code -Dtownhall.readme.screenshots=write} to copy them to {@code docs/screenshots}, where the README shows them.
 */
class ReadmeScreenshotsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DEMO, "true");
    @RegisterExtension
    static final Browser browser = new Browser();
    static final Path TAKEN = Path.of("target", "screenshots", "readme");
    static final Path SHOWN = Path.of("docs", "screenshots");

    @Test
    void theReadmeShowsPicturesThatTheDemoStillLooksLike() throws IOException {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Files.createDirectories(TAKEN);
        List<String> taken = new ArrayList<>();
        for (int width : new int[] {1280, 390}) {
            String size = width > 500 ? "desktop" : "phone";
            Page visitor = browser.newPage(width, width > 500 ? 860 : 844);
            visitor.navigate(server.baseUrl() + "/");
            visitor.locator("#help-q").fill("pair two phones");
            assertThat(visitor.locator("#help-suggestions .suggestion").first()).isVisible();
            taken.add(shoot(visitor, "home-" + size));
            visitor.navigate(server.baseUrl() + "/questions?filter=verified");
            visitor.locator(".question-row h3 a, .question-row a").first().click();
            assertThat(visitor.locator(".answer.is-verified")).isVisible();
            taken.add(shoot(visitor, "question-" + size));
            visitor.navigate(server.baseUrl() + "/faq");
            taken.add(shoot(visitor, "faq-" + size));
            visitor.context().close();

            Page member = signedIn("maria", "demo-member-pass", width);
            member.navigate(server.baseUrl() + "/ask");
            member.getByLabel("Title").pressSequentially("Can I pair the headphones with two phones");
            assertThat(member.locator("#ask-suggestions .suggestion").first()).isVisible();
            taken.add(shoot(member, "ask-" + size));
            member.context().close();

            Page admin = signedIn("admin", "demo-admin-pass", width);
            admin.navigate(server.baseUrl() + "/admin/insight");
            taken.add(shoot(admin, "insight-" + size));
            admin.context().close();
        }
        if ("write".equals(System.getProperty("townhall.readme.screenshots"))) {
            Files.createDirectories(SHOWN);
            for (String name : taken) {
                Files.copy(TAKEN.resolve(name), SHOWN.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // every picture the README shows is one this test takes, and is there
        Matcher shown = Pattern.compile("docs/screenshots/([a-z-]+\\.jpg)").matcher(Files.readString(Path.of("README.md")));
        List<String> inReadme = new ArrayList<>();
        while (shown.find()) {
            inReadme.add(shown.group(1));
        }
        assertThat(inReadme).isNotEmpty();
        assertThat(taken).containsAll(inReadme);
        assertThat(inReadme).allSatisfy(name -> assertThat(SHOWN.resolve(name)).exists());
    }

    private static String shoot(Page page, String name) {
        String file = name + ".jpg";
        page.screenshot(new Page.ScreenshotOptions().setPath(TAKEN.resolve(file)).setType(ScreenshotType.JPEG)
                .setQuality(78));
        return file;
    }

    private static Page signedIn(String username, String password, int width) {
        return browser.signedIn(server.baseUrl(), username, password, width, width > 500 ? 860 : 844);
    }
}
