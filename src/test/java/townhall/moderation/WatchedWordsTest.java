package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.WATCHED_WORDS;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.AccountService;
import townhall.account.Role;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Each watched word acts on the posts that contain it, however inflected, in English, Russian and Czech. */
class WatchedWordsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.WATCHED_NOTIFY, "brandlistener");
    static Community community;
    static WebClient staff;
    static WebClient listener;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("wordsmith");
        server.components().accounts.register(new AccountService.Registration("brandlistener",
                "brandlistener@example.com", "a long enough password"), Role.STAFF);
        listener = server.newClient();
        listener.signIn("brandlistener", "a long enough password");
        for (String[] word : new String[][] {{"refund", "listen", "", ""}, {"возврат", "hold", "", ""},
                {"reklamace", "flag", "", ""}, {"scam", "block", "", "Please do not call anyone a scammer here."},
                {"darn", "replace", "d*rn", ""}, {"/\\bcoupon\\s*code\\b/", "hold", "", ""}}) {
            Response added = staff.post("/admin/watched-words",
                    Map.of("pattern", word[0], "action", word[1], "replacement", word[2], "message", word[3]));
            assertThat(added.status()).as(added.body()).isEqualTo(303);
        }
    }

    private static long ask(WebClient asker, String title, String body) {
        return community.ask(asker, title, body, "support");
    }

    @Test
    void aListenedWordShowsInTheMentionsFeedInAnyFormAndNotifiesTheChosenStaff() {
        WebClient member = community.member("customer");
        long id = ask(member, "How long do refunds take for the headphones?", "I sent them back two weeks ago already.");
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(301); // no effect on the post
        assertThat(staff.page("/admin/mentions").select(".mentions").text())
                .contains("refund").contains("How long do refunds take");
        assertThat(listener.page("/notifications").text()).contains("“refund” was mentioned in “How long do refunds take");
    }

    @Test
    void aRussianInflectedFormIsHeldForReview() {
        WebClient member = community.member("ivan");
        long id = ask(member, "Как оформить возврат наушников?", "Прошу помочь с оформлением возврата денег за наушники.");
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(404);
        assertThat(staff.page("/review").text()).contains("Contains a watched word held for review: возврат");
    }

    @Test
    void aCzechInflectedFormIsPublishedAndFlaggedForReview() {
        WebClient member = community.member("jana");
        long id = ask(member, "Jak podat reklamaci sluchátek?", "Sluchátka přestala fungovat, chci podat reklamaci.");
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(301);
        assertThat(staff.page("/review").text()).contains("Contains a watched word flagged for review: reklamace");
    }

    @Test
    void aBlockedWordRefusesThePostWithItsMessageWritesNothingAndKeepsTheForm() {
        WebClient member = community.member("angry");
        int posts = server.components().database.dsl().fetchCount(POSTS);
        Response refused = member.post("/ask", Map.of("title", "Is this shop a scam or not?",
                "body", "They never answered my emails about the order.", "tags", "shop", "category", "general"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".error-summary").text()).contains("Please do not call anyone a scammer here.");
        assertThat(refused.html().select("#title").attr("value")).isEqualTo("Is this shop a scam or not?");
        assertThat(server.components().database.dsl().fetchCount(POSTS)).isEqualTo(posts);
    }

    @Test
    void aReplacedWordIsReplacedInEveryForm() {
        WebClient member = community.member("mild");
        long id = ask(member, "Why does the darned case not close?", "The case is darn loose since the update.");
        String page = server.newClient().page("/q/" + id + "/x").text();
        assertThat(page).contains("Why does the d*rn case not close?").contains("The case is d*rn loose");
        assertThat(page).doesNotContain("darn");
    }

    @Test
    void aRegularExpressionHoldsThePost() {
        long id = ask(community.member("deals"), "Where do I enter the promo code", "Is there a Coupon Code for students?");
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(404);
    }

    @Test
    void onlyStaffSeeOrChangeTheWatchedWordsAndMentions() {
        WebClient helper = community.helper("aide");
        int words = server.components().database.dsl().fetchCount(WATCHED_WORDS);
        for (WebClient who : new WebClient[] {server.newClient(), community.newcomer("newbie"), community.member("plainmember"), helper}) {
            assertThat(who.get("/admin/watched-words").status()).isIn(303, 403);
            assertThat(who.get("/admin/mentions").status()).isIn(303, 403);
            assertThat(who.post("/admin/watched-words", Map.of("pattern", "x", "action", "listen")).status()).isIn(303, 403);
        }
        assertThat(server.components().database.dsl().fetchCount(WATCHED_WORDS)).isEqualTo(words);
        Response bad = staff.post("/admin/watched-words", Map.of("pattern", "/[unclosed/", "action", "hold"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.html().select("#pattern").attr("value")).isEqualTo("/[unclosed/");
        assertThat(server.components().database.dsl().fetchCount(WATCHED_WORDS)).isEqualTo(words);
    }
}
