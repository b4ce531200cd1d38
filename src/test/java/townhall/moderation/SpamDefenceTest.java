package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * Each defence of the spam defence and pre-moderation catches its post, which is written, held out of view (its
 * author sees it waiting), and lands in the review queue with why; an established member's post goes through.
 */
class SpamDefenceTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.SPAM_FORM_SECONDS, "3")
            .with(Setting.SPAM_PAUSE_SECONDS, "30")
            .with(Setting.SPAM_QUESTIONS_DAY, "2")
            .with(Setting.SPAM_ANSWERS_DAY, "5")
            .with(Setting.SPAM_DUPLICATES, "true")
            .with(Setting.SPAM_BLOCKED_DOMAINS, "spam.example")
            .with(Setting.PREMODERATION, "links");
    static Community community;
    static WebClient staff;
    static long question;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("moderator");
        question = community.ask(community.member("asker"), "How do I reset the Northwind One to factory settings?");
    }

    private static long ask(WebClient asker, String title, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(Map.of("title", title, "body",
                "Here are the details of my question, with enough words: " + title, "tags", "reset", "category", "general"));
        form.putAll(extra);
        Response response = asker.post("/ask", form);
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*?/q/(\\d+).*$", "$1"));
    }

    /** Caught: hidden from others, waiting for its author, in the queue with the reason. */
    private static void assertHeld(WebClient author, long questionId, String reason) {
        assertThat(server.newClient().get("/q/" + questionId).status()).isEqualTo(404);
        assertThat(community.member("someone").get("/q/" + questionId).status()).isEqualTo(404);
        Document own = author.page("/q/" + questionId);
        assertThat(own.select(".banner-held").text()).contains("Waiting for review");
        String queue = staff.page("/review").select("[data-review-item]").text();
        assertThat(queue).contains(own.select("#question-title").text()).contains(reason);
    }

    @Test
    void aFilledHoneypotHoldsThePost() {
        WebClient bot = community.member("bot");
        long id = ask(bot, "Cheap watches from the honeypot bot", Map.of("website", "http://bot.example"));
        assertHeld(bot, id, "A field people never see was filled in");
    }

    @Test
    void aFormSentTooQuicklyHoldsThePost() {
        WebClient bot = community.member("quick");
        long id = ask(bot, "Posted a moment after the form was shown",
                Map.of("shown", String.valueOf(System.currentTimeMillis())));
        assertHeld(bot, id, "too quickly");
    }

    @Test
    void aNewMembersTooManyQuestionsAndTooQuickPostsAreHeld() throws Exception {
        WebClient fresh = community.newcomer("eager");
        long first = ask(fresh, "My first question about the speaker battery", Map.of());
        assertThat(server.newClient().get("/q/" + first).status()).isEqualTo(301);
        long second = ask(fresh, "My second question right after the first one", Map.of());
        assertHeld(fresh, second, "Posted too soon after");
        long third = ask(fresh, "My third question of the day about the case", Map.of());
        assertHeld(fresh, third, "More questions in a day");
    }

    @Test
    void theSameTextTwiceIsHeld() {
        WebClient member = community.member("parrot");
        String body = "Try holding the power button for ten seconds, it resets everything.";
        long other = community.ask(community.member("asker"), "Why does the speaker not turn on after charging?");
        community.answer(member, question, body);
        long repeat = community.answer(member, other, body);
        assertThat(server.newClient().page("/q/" + other).getElementById("a" + repeat)).isNull();
        assertThat(member.page("/q/" + other).select("#a" + repeat + " .banner-held").text()).contains("Waiting for review");
        assertThat(staff.page("/review").text()).contains("The same text as the member's earlier post");
    }

    @Test
    void aLinkToABlockedDomainIsHeld() {
        WebClient member = community.member("linker");
        long id = ask(member, "Where can I buy spare ear cushions cheaply",
                Map.of("body", "I found them at https://shop.spam.example/cushions but are they any good?"));
        assertHeld(member, id, "A link to a blocked domain: shop.spam.example");
    }

    @Test
    void aNewMembersPostWithALinkWaitsForPreModerationAndApprovalPublishesIt() {
        WebClient fresh = community.newcomer("linknew");
        long id = ask(fresh, "Is this the right manual for my headphones",
                Map.of("body", "I read https://example.org/manual.pdf and it says to hold the button."));
        assertHeld(fresh, id, "A new member's post with links");
        long item = server.components().database.dsl().select(townhall.db.schema.Tables.REVIEW_ITEMS.ID)
                .from(townhall.db.schema.Tables.REVIEW_ITEMS).where(townhall.db.schema.Tables.REVIEW_ITEMS.POST_ID.eq(id))
                .fetchOne(townhall.db.schema.Tables.REVIEW_ITEMS.ID);
        assertThat(staff.post("/review/" + item, Map.of("action", "approve")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(301);
        assertThat(fresh.page("/notifications").text()).contains("was approved and is now public");
    }

    @Test
    void anEstablishedMembersOrdinaryPostGoesStraightThrough() {
        WebClient member = community.member("regular");
        long id = ask(member, "Does the charging case support wireless charging", Map.of());
        assertThat(server.newClient().get("/q/" + id).status()).isEqualTo(301);
        assertThat(member.page("/q/" + id).select(".banner-held")).isEmpty();
    }

    @Test
    void aLinkToABlockedDomainHoldsACommentAndAnEditForReview() {
        WebClient member = community.member("linker");
        String text = "Cheaper parts at [this shop](https://shop.spam.example/parts) for everyone.";
        Response commented = member.post("/posts/" + question + "/comments", Map.of("comment", text));
        assertThat(commented.status()).isEqualTo(303);
        assertThat(commented.location()).contains("held=comment");
        assertThat(server.newClient().page("/q/" + question).text()).doesNotContain("Cheaper parts");
        assertThat(staff.page("/review").select("[data-review-item]").text())
                .contains("A link to a blocked domain: shop.spam.example");

        long own = community.ask(member, "Which ear tips fit the Northwind One best?");
        Response edited = member.post("/posts/" + own + "/edit", Map.of("title", "Which ear tips fit the Northwind One best?",
                "body", "Here are the details, and [a link](https://spam.example/tips) to where I looked.",
                "tags", "tips", "reason", ""));
        assertThat(edited.status()).isEqualTo(303);
        assertHeld(member, own, "A link to a blocked domain: spam.example");
    }
}
