package townhall.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system's Chromium driven by Playwright, one per test class. Where no Chromium is installed the tests are
 * skipped with a message saying how to enable them, except in CI (CI=true), where a missing browser fails.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TOWNHALL_CHROMIUM", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Playwright playwright;
    private com.microsoft.playwright.Browser chromium;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!Files.isExecutable(CHROMIUM)) {
            if (ci) {
                throw new IllegalStateException("Browser tests must run in CI, but there is no Chromium at " + CHROMIUM);
            }
            Assumptions.abort("Browser tests skipped: no Chromium at " + CHROMIUM
                    + ". Install it (apt-get install chromium) or set TOWNHALL_CHROMIUM to its path to run them.");
        }
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create();
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A fresh browser profile (its own cookies) with a page of the given width. */
    public Page newPage(int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height));
        context.setDefaultTimeout(10_000);
        return context.newPage();
    }

    /** A fresh profile signed in through the sign-in form, as a member would. */
    public Page signedIn(String baseUrl, String username, String password, int width, int height) {
        Page page = newPage(width, height);
        signIn(page, baseUrl, username, password);
        return page;
    }

    /** Signs in through the sign-in form in this page, as a member would, and waits to leave the form. */
    public static void signIn(Page page, String baseUrl, String username, String password) {
        page.navigate(baseUrl + "/signin");
        page.getByLabel("Username or email").fill(username);
        page.getByLabel("Password").fill(password);
        page.locator("main form button[type=submit]").click();
        page.waitForURL(url -> !url.contains("/signin"));
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
