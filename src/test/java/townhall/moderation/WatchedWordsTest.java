package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.REVIEW_ITEMS;
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

    // ---- comments and edits pass the same words

    private static long openItemOf(long postId, long commentId) {
        return server.components().database.dsl().select(REVIEW_ITEMS.ID).from(REVIEW_ITEMS)
                .where(REVIEW_ITEMS.POST_ID.eq(postId)).and(REVIEW_ITEMS.COMMENT_ID.eq(commentId))
                .and(REVIEW_ITEMS.DECIDED_AT.isNull()).fetchOne(REVIEW_ITEMS.ID);
    }

    private static long commentIdOf(long postId, String text) {
        return server.components().database.dsl().select(COMMENTS.ID).from(COMMENTS)
                .where(COMMENTS.POST_ID.eq(postId)).and(COMMENTS.BODY.eq(text)).fetchOne(COMMENTS.ID);
    }

    @Test
    void aBlockedWordRefusesACommentWithItsMessageKeepsWhatWasTypedAndWritesNothing() {
        WebClient asker = community.member("shopper");
        long id = ask(asker, "Which case fits the over-ear model?", "The one in the box broke after a week of use.");
        int comments = server.components().database.dsl().fetchCount(COMMENTS);
        String typed = "Honestly this whole shop feels like a scam to me.";
        Response refused = community.member("grumpy").post("/posts/" + id + "/comments", Map.of("comment", typed));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().text()).contains("Please do not call anyone a scammer here.");
        assertThat(refused.html().select("textarea[name=comment]").text()).isEqualTo(typed);
        assertThat(server.components().database.dsl().fetchCount(COMMENTS)).isEqualTo(comments);
    }

    @Test
    void aRussianInflectedFormHoldsACommentForReviewUntilApproved() {
        WebClient asker = community.member("olga");
        long id = ask(asker, "Сколько ждать ответа поддержки?", "Написала в поддержку неделю назад, ответа нет.");
        String text = "Я тоже жду возврата денег уже месяц.";
        Response held = community.member("pyotr").post("/posts/" + id + "/comments", Map.of("comment", text));
        assertThat(held.status()).isEqualTo(303);
        assertThat(held.location()).contains("held=comment");
        assertThat(server.newClient().page("/q/" + id + "/x").text()).doesNotContain(text);
        long comment = commentIdOf(id, text);
        assertThat(staff.page("/review").text()).contains("Contains a watched word held for review: возврат")
                .contains("A comment waiting for review");
        assertThat(staff.post("/review/" + openItemOf(id, comment), Map.of("action", "approve")).status())
                .isEqualTo(303);
        assertThat(server.newClient().page("/q/" + id + "/x").text()).contains(text);
    }

    @Test
    void aCzechInflectedFormInACommentQueuesItForReviewAndItStaysInView() {
        long id = ask(community.member("petr"), "Kam poslat sluchátka na opravu?", "Levé sluchátko nehraje, co dělat?");
        String text = "Já jsem reklamaci podával přes e-shop, trvalo to týden.";
        assertThat(community.member("jiri").post("/posts/" + id + "/comments", Map.of("comment", text)).status())
                .isEqualTo(303);
        assertThat(server.newClient().page("/q/" + id + "/x").text()).contains(text);
        assertThat(openItemOf(id, commentIdOf(id, text))).isPositive();
    }

    @Test
    void aBlockedWordRefusesAnEditWithItsMessageKeepsTheTypedTextAndChangesNothing() {
        WebClient author = community.member("editor");
        long id = ask(author, "Does the charging case support wireless charging?", "Mine never charges on the pad.");
        String typed = "Mine never charges on the pad. Is the whole thing a scam?";
        Response refused = author.post("/posts/" + id + "/edit", Map.of("title",
                "Does the charging case support wireless charging?", "body", typed, "tags", "support", "reason", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".error-summary").text()).contains("Please do not call anyone a scammer here.");
        assertThat(refused.html().select("#body").text()).isEqualTo(typed);
        assertThat(server.newClient().page("/q/" + id + "/x").text()).contains("Mine never charges on the pad.")
                .doesNotContain("scam");
    }

    @Test
    void aRussianInflectedFormInAnEditHoldsThePostForReviewAndApprovingShowsItAgain() {
        WebClient author = community.member("nina");
        long id = ask(author, "Наушники не заряжаются от кейса", "Кейс заряжен, а наушники не заряжаются.");
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(301);
        Response edited = author.post("/posts/" + id + "/edit", Map.of("title", "Наушники не заряжаются от кейса",
                "body", "Кейс заряжен, а наушники не заряжаются. Хочу оформить возврата заявку.", "tags", "support",
                "reason", ""));
        assertThat(edited.status()).isEqualTo(303);
        assertThat(server.newClient().get("/q/" + id + "/x").status()).isEqualTo(404);
        assertThat(author.get("/q/" + id).status()).isIn(200, 301); // its author still sees it, waiting
        assertThat(staff.page("/review").text()).contains("Contains a watched word held for review: возврат");
        assertThat(staff.post("/review/" + openItemOf(id, 0), Map.of("action", "approve")).status()).isEqualTo(303);
        assertThat(server.newClient().page("/q/" + id + "/x").text()).contains("Хочу оформить возврата заявку");
    }

    @Test
    void aCzechInflectedFormInAnEditOfAnAnswerQueuesItAndAReplacedWordIsReplaced() {
        long id = ask(community.member("eva"), "Jak dlouho trvá oprava?", "Poslala jsem sluchátka do servisu minulý týden.");
        WebClient answerer = community.member("karel");
        long answer = community.answer(answerer, id, "Obvykle to trvá dva týdny, někdy i déle.");
        assertThat(answerer.post("/posts/" + answer + "/edit", Map.of("body",
                "Obvykle to trvá dva týdny. U reklamací je to darn pomalé.", "reason", "")).status()).isEqualTo(303);
        String page = server.newClient().page("/q/" + id + "/x").text();
        assertThat(page).contains("U reklamací je to d*rn pomalé.");
        assertThat(openItemOf(answer, 0)).isPositive();
        assertThat(staff.page("/review").text()).contains("Contains a watched word flagged for review: reklamace");
    }
}
