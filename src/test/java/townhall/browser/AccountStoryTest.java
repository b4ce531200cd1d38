package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.Mailbox;
import townhall.support.TownhallServer;

/**
 * The story of the "Accounts and email" issue in a real Chromium with a real SMTP server: a newcomer registers,
 * confirms by mail, forgets and resets the password, edits the profile with an avatar, downloads their data and
 * deletes the account; the operator sees at /admin/mail what was sent.
 */
class AccountStoryTest {
    private static final Mailbox mail = Mailbox.onFreePort();

    @RegisterExtension
    static final GreenMailExtension smtp = mail.server();
    @RegisterExtension
    static final TownhallServer server = mail.townhall()
            .with(Setting.SITE_NAME, "Northwind Community");
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    /** The link of the newest mail with that subject, on the test server (mail links use the public base URL). */
    private static String linkInMail(String subjectStart) {
        return server.baseUrl() + Mailbox.linkPath(mail.await(subjectStart));
    }

    private static byte[] portrait() throws Exception {
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1d3557));
        g.fillRect(0, 0, 600, 400);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aNewcomerConfirmsResetsEditsDownloadsAndLeavesAndTheOperatorSeesTheMail() throws Exception {
        String base = server.baseUrl();
        Page page = browser.newPage(1280, 900);

        // registers...
        page.navigate(base + "/register");
        page.getByLabel("Username").fill("story_member");
        page.getByLabel("Email").fill("story.member@example.com");
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator("main")).containsText("We sent a link to story.member@example.com");

        // ...confirms by the mailed link...
        page.navigate(linkInMail("Confirm your email address"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm my address")).click();
        assertThat(page.locator("[role=status]")).containsText("your email address is confirmed");
        assertThat(Mailbox.text(mail.await("Welcome to Northwind Community"))).contains("/guidelines");

        // ...signs out, forgets the password and sets a new one by mail...
        page.locator(".account-menu summary").click(); // the account's menu in the header
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.navigate(base + "/signin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
        page.getByLabel("Username or email").fill("story.member@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the link")).click();
        assertThat(page.locator("[role=status]")).containsText("If that is an account here");
        page.navigate(linkInMail("Set a new password"));
        page.getByLabel("New password").fill("a brand new password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the new password")).click();
        assertThat(page.locator("[role=status]")).containsText("new password is saved");

        // ...edits the profile with an avatar...
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Profile").setExact(true)).click();
        page.getByLabel("Display name (optional)").fill("Story <b>Member</b>");
        page.getByLabel("About you (optional)").fill("I listen to records.");
        page.getByLabel("Upload a new picture").setInputFiles(new FilePayload("me.png", "image/png", portrait()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save profile")).click();
        assertThat(page.locator("[role=status]")).containsText("Your profile is saved");
        page.navigate(base + "/u/story_member");
        assertThat(page.locator("main")).containsText("Story <b>Member</b>");
        assertThat(page.locator("main")).containsText("I listen to records.");
        String avatar = page.locator("main img[src*='/u/story_member/avatar']").first().getAttribute("src");
        assertThat(page.request().get(base + avatar).headers().get("content-type")).isEqualTo("image/png");

        // ...downloads their data...
        page.locator(".account-menu summary").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings").setExact(true)).first().click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your data")).click();
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download my data (JSON)")).click());
        assertThat(Files.readString(download.path())).contains("story_member").contains("story.member@example.com");

        // The operator sees what was sent (deleting the account erases that mail too)
        Community community = new Community(server);
        Page operator = browser.signedIn(base, community.usernameOf(community.admin("mailroom")),
                "a long enough password", 1280, 900);
        operator.navigate(base + "/admin/mail");
        assertThat(operator.locator("tr.mail-sent")).not().hasCount(0);
        assertThat(operator.locator("table.mail-messages")).containsText("Set a new password for Northwind Community");

        // ...and deletes the account
        page.getByLabel("To confirm", new Page.GetByLabelOptions().setExact(false)).fill("story_member");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my account")).click();
        page.navigate(base + "/signin");
        page.getByLabel("Username or email").fill("story_member");
        page.getByLabel("Password").fill("a brand new password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("[role=alert]")).containsText("not right");

    }
}
