package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The story of the "Trust and safety" issue, in a real Chromium: a spammer's first post is held; flagged content
 * disappears after enough flags; a Helper clears the review queue with the keyboard; a listening word shows the
 * mention to staff. Screenshots of the queue go to target/screenshots/.
 */
class ModerationStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.PREMODERATION, "first").with(Setting.PREMODERATION_POSTS, "1");
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    private static Page signedIn(String username) {
        Page page = browser.signedIn(server.baseUrl(), username, PASSWORD, 1280, 900);
        assertThat(page.locator(".who")).containsText(username);
        return page;
    }

    @Test
    void aSpammerIsHeldFlagsHideAPostAHelperClearsTheQueueByKeyboardAndStaffHearAMention() {
        Community community = new Community(server);
        String base = server.baseUrl();
        WebClient regular = community.member("regular");
        community.ask(regular, "A first question so that the regular is past pre-moderation");
        long question = community.ask(regular, "Which ear tips fit the Northwind One best?");

        // A spammer's first post is held: they see it waiting, visitors do not see it at all
        WebClient spammerClient = community.newcomer("spammer");
        Page spammer = signedIn(community.usernameOf(spammerClient));
        spammer.navigate(base + "/ask");
        spammer.getByLabel("Title").fill("Cheap replica headphones, best prices online");
        spammer.getByLabel("Details").fill("Visit my shop for the cheapest replica headphones anywhere, free shipping.");
        spammer.getByLabel("Tags").fill("deals");
        spammer.getByLabel("Category").selectOption("general");
        spammer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post your question")).click();
        assertThat(spammer.locator(".banner-held")).containsText("Waiting for review");
        String heldUrl = spammer.url();
        Page visitor = browser.newPage(1280, 900);
        visitor.navigate(heldUrl);
        assertThat(visitor.locator("main")).not().containsText("Cheap replica headphones");

        // Flagged content disappears after enough flags: two by HTTP, the third in the browser
        WebClient rude = community.member("rude");
        community.ask(rude, "Where is the manual of the Northwind One?"); // held: rude's first post
        long answer = community.answer(rude, question, "Only an idiot would ask this, read the manual yourself.");
        community.member("flagger").post("/posts/" + answer + "/flag", Map.of("reason", "rude"));
        community.member("flagger").post("/posts/" + answer + "/flag", Map.of("reason", "rude"));
        WebClient thirdClient = community.member("flagger");
        Page third = signedIn(community.usernameOf(thirdClient));
        third.navigate(base + "/q/" + question);
        third.locator("#a" + answer).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Flag")).click();
        third.getByLabel("Rude or abusive").check();
        third.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Flag")).click();
        assertThat(third.locator("main")).containsText("enough members flagged it");
        visitor.navigate(base + "/q/" + question);
        assertThat(visitor.locator("main")).not().containsText("Only an idiot");

        // A Helper clears the queue with the keyboard: spam, approve, then reject with a reason
        WebClient helperClient = community.helper("helper");
        Page helper = signedIn(community.usernameOf(helperClient));
        assertThat(helper.locator(".review-link .count")).containsText("4");
        helper.locator(".staff-menu summary").click(); // the header's menu for Helpers and staff
        helper.locator(".review-link").click();
        assertThat(helper.locator("[data-review-item]")).hasCount(4);
        Browser.screenshot(helper, "review-queue");
        assertThat(helper.locator("[data-review-item]").first()).containsText("A first question so that the regular");
        helper.locator("body").press("a");
        assertThat(helper.locator("[data-review-item]")).hasCount(3);
        assertThat(helper.locator("[data-review-item]").first()).containsText("Cheap replica headphones");
        helper.locator("body").press("s");
        assertThat(helper.locator("[data-review-item]")).hasCount(2);
        helper.locator("body").press("a");
        assertThat(helper.locator("[data-review-item]")).hasCount(1);
        helper.locator("body").press("r");
        helper.keyboard().type("Please be kind to other members.");
        helper.keyboard().press("Enter");
        assertThat(helper.locator("main")).containsText("The queue is empty");
        assertThat(helper.locator(".review-link .count")).hasCount(0);
        spammer.navigate(heldUrl);
        assertThat(spammer.locator("main")).not().containsText("Cheap replica headphones");

        // A listening word shows the mention to staff
        WebClient staffClient = community.staff("brandteam");
        Page staff = signedIn(community.usernameOf(staffClient));
        staff.navigate(base + "/admin/watched-words");
        staff.getByLabel("Word, phrase or /expression/").fill("refund");
        staff.getByLabel("Action").selectOption("listen");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a watched word")).click();
        assertThat(staff.locator("table")).containsText("refund");
        community.ask(regular, "Can I get refunds for ear tips that do not fit?");
        staff.navigate(base + "/admin/mentions");
        assertThat(staff.locator(".mentions")).containsText("Can I get refunds for ear tips");
        Browser.screenshot(staff, "mentions");
        List.of(spammer, visitor, third, helper, staff).forEach(p -> p.context().close());
    }
}
