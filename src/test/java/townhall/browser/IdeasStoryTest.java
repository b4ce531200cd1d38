package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.ideas.Ideas;
import townhall.search.Searching;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The story of the "Ideas, announcements and polls" issue, in a real Chromium: a customer types an idea and is shown
 * a similar one, posts theirs anyway; others vote; staff mark it planned with a response; it shows on the roadmap;
 * when it ships the voters hear it; an event downloads as a calendar entry. Screenshots go to target/screenshots/.
 */
class IdeasStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "a long enough password";
    static final String TITLE = "Let the headphones announce the battery level by voice";

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void aCustomersIdeaFromVotesToRoadmapToShippedAndAnEventInTheCalendar() throws Exception {
        Community community = new Community(server);
        String base = server.baseUrl();
        WebClient staffClient = community.staff("productteam");
        long board = Ideas.board(server, staffClient, "product", "");
        WebClient earlier = community.member("earlier");
        Ideas.propose(earlier, board, "Battery level shown on the headphones themselves");
        Searching.awaitSearch(earlier, "battery level headphones",
                t -> t.contains("Battery level shown on the headphones themselves"));

        // A customer proposes an idea; a similar one is suggested while typing
        WebClient customerClient = community.member("customer");
        Page customer = browser.newPage(1280, 900);
        signIn(customer, base, community.usernameOf(customerClient));
        customer.navigate(base + "/ideas/new");
        customer.getByLabel("Idea board").selectOption(String.valueOf(board));
        customer.getByLabel("Your idea in one sentence").pressSequentially("Battery level by voice in the headphones",
                new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
        assertThat(customer.locator(".similar-ideas-list")).containsText("Battery level shown on the headphones themselves");
        screenshots(customer, "idea-new");
        customer.getByLabel("Your idea in one sentence").fill(TITLE);
        customer.getByLabel("Describe it").fill("When I put them on, a voice could say how much battery is left.");
        customer.getByLabel("Tags").fill("battery voice");
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Propose idea")).click();
        assertThat(customer.locator("h1")).hasText(TITLE);
        long idea = Long.parseLong(customer.url().replaceAll("^.*/idea/(\\d+).*$", "$1"));

        // Others vote for it
        WebClient voter = community.member("voter");
        Page voterPage = browser.newPage(1280, 900);
        signIn(voterPage, base, community.usernameOf(voter));
        voterPage.navigate(base + "/ideas/product");
        voterPage.locator("#idea-" + idea).getByRole(AriaRole.BUTTON).click();
        assertThat(voterPage.locator("#idea-" + idea + " .idea-vote-count")).hasText("1");
        Ideas.vote(community.member("secondvoter"), idea);
        screenshots(voterPage, "ideas-board");

        // Staff mark it planned with an official response; it shows on the roadmap
        Page staff = browser.newPage(1280, 900);
        signIn(staff, base, community.usernameOf(staffClient));
        staff.navigate(base + "/idea/" + idea);
        staff.getByLabel("Status").selectOption("planned");
        staff.getByLabel("Official response").fill("Good one: voice prompts are **planned** for the next firmware.");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save status")).click();
        assertThat(staff.locator(".idea-status").first()).hasText("Planned");
        assertThat(staff.locator(".official-response")).containsText("planned for the next firmware");
        screenshots(staff, "idea");
        Page visitor = browser.newPage(1280, 900);
        visitor.navigate(base + "/roadmap");
        assertThat(visitor.locator(".roadmap-planned")).containsText(TITLE);
        screenshots(visitor, "roadmap");

        // When it ships, the voters hear it
        staff.getByLabel("Status").selectOption("shipped");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save status")).click();
        assertThat(staff.locator(".idea-status").first()).hasText("Shipped");
        Assertions.assertThat(Searching.eventually(() -> voter.get("/notifications").body().contains("is now: Shipped")))
                .isTrue();
        voterPage.navigate(base + "/notifications");
        assertThat(voterPage.locator("main")).containsText("The idea “" + TITLE + "” is now: Shipped");
        visitor.navigate(base + "/roadmap");
        assertThat(visitor.locator(".roadmap-shipped")).containsText(TITLE);

        // An event announcement downloads as a calendar entry
        String day = LocalDate.now().plusDays(7).toString();
        WebClient.Response event = staffClient.post("/announcements/new", Map.of("title", "Live Q&A with the product team",
                "body", "Ask us anything about the roadmap.", "category", "", "pinnedUntil", day, "startsAt", day + "T18:00",
                "endsAt", day + "T19:00", "timeZone", "Europe/Prague", "place", "", "link", "https://meet.example.com/qa"));
        Assertions.assertThat(event.status()).isEqualTo(303);
        visitor.navigate(base + "/");
        assertThat(visitor.locator(".upcoming-events")).containsText("Live Q&A with the product team");
        screenshots(visitor, "home-with-event");
        visitor.locator(".upcoming-events a", new Page.LocatorOptions().setHasText("Live Q&A")).click();
        Download download = visitor.waitForDownload(() -> visitor.getByText("Add to calendar (.ics)").click());
        String ics = Files.readString(download.path());
        Assertions.assertThat(ics).contains("BEGIN:VEVENT").contains("SUMMARY:Live Q&A with the product team")
                .contains("DTSTART:" + java.time.LocalDateTime.parse(day + "T18:00").atZone(java.time.ZoneId.of("Europe/Prague"))
                        .withZoneSameInstant(java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        screenshots(visitor, "event");
    }

    private static void signIn(Page page, String base, String username) {
        Browser.signIn(page, base, username, PASSWORD);
        assertThat(page.locator(".who")).containsText(username);
    }

    private static void screenshots(Page page, String name) {
        var size = page.viewportSize();
        page.setViewportSize(1280, 900);
        Browser.screenshot(page, name + "-desktop");
        page.setViewportSize(360, 800);
        Browser.screenshot(page, name + "-phone");
        page.setViewportSize(size.width, size.height);
    }
}
