package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Browser;
import townhall.support.TownhallServer;

/**
 * The "Answers that stay true" story on the demo in a real Chromium: an admin marks firmware 4.3 released, the
 * answers verified for 4.2 tell readers they may be outdated and wait in the re-verification queue, and marking one
 * still true for 4.3 clears it.
 */
class FirmwareReleaseStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DEMO, "true");
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void anAdminMarksFirmware43ReleasedAndTheAnswersVerifiedFor42ShowAsNeedingReview() {
        Page visitor = browser.newPage(1280, 900);
        visitor.navigate(server.baseUrl() + "/questions?filter=verified&tag=northwind-one");
        visitor.locator(".question-title a", new Page.LocatorOptions().setHasText("keeps dropping the Bluetooth")).click();
        String question = visitor.url();
        assertThat(visitor.locator(".is-verified .freshness")).containsText("Verified for 4.2");

        Page admin = browser.signedIn(server.baseUrl(), "admin", "demo-admin-pass", 1280, 900);
        admin.locator(".staff-menu summary").click();
        admin.locator(".staff-menu a[href$='/admin/versions']").click();
        assertThat(admin.locator("table.product-lines")).containsText("Northwind One firmware");
        admin.locator("#line").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Northwind One firmware (now 4.2)"));
        admin.locator("#versionName").fill("4.3");
        admin.locator("button", new Page.LocatorOptions().setHasText("Record version")).click();
        assertThat(admin.locator("[role=status]")).containsText("4.3 is now current");
        assertThat(admin.locator(".staff-menu summary .count-reverify")).isVisible();
        Browser.screenshot(admin, "versions-recorded");

        visitor.navigate(question);
        assertThat(visitor.locator(".is-verified .freshness-outdated"))
                .containsText("Verified for 4.2 — may be outdated for 4.3");
        Browser.screenshot(visitor, "versions-outdated-answer");

        admin.locator(".staff-menu summary").click();
        admin.locator(".staff-menu a.reverify-link").click();
        Locator row = admin.locator("table.reverify-queue tbody tr[id^=answer-]",
                new Page.LocatorOptions().setHasText("keeps dropping the Bluetooth"));
        assertThat(row).containsText("Verified for 4.2 — may be outdated for 4.3");
        Browser.screenshot(admin, "versions-queue");
        row.locator("button", new Locator.LocatorOptions().setHasText("Still true for 4.3")).click();
        assertThat(admin.locator("[role=status]")).containsText("Marked still true");
        assertThat(admin.locator("table.reverify-queue tbody tr[id^=answer-]",
                new Page.LocatorOptions().setHasText("keeps dropping the Bluetooth"))).hasCount(0);

        visitor.navigate(question);
        assertThat(visitor.locator(".is-verified .freshness")).containsText("Verified for 4.2, 4.3");

        // staff verifying another answer there: the current version is ticked, a review date may be set
        admin.navigate(question);
        assertThat(admin.locator(".verify-form .verify-versions input[type=checkbox]:checked").first()
                .locator("xpath=..")).containsText("4.3");
        Browser.screenshot(admin, "versions-verify-form");
    }
}
