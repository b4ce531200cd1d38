package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Votes, comments, edits with revisions, closing as duplicate and deleting, through HTTP. */
class PostRulesTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static Document page(WebClient browser, long questionId) {
        return browser.page("/q/" + questionId);
    }

    private static String score(Document page, long postId) {
        String scope = page.getElementById("a" + postId) != null ? "#a" + postId + " " : ".question ";
        return page.select(scope + ".score").first().text();
    }

    @Test
    void oneVotePerMemberPerPostWhichCanBeChangedOrWithdrawn() {
        WebClient asker = community.member("asker");
        WebClient voter = community.member("voter");
        long question = community.ask(asker, "How long does the Northwind One battery last?");
        assertThat(voter.post("/posts/" + question + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        assertThat(voter.post("/posts/" + question + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        assertThat(score(page(voter, question), question)).isEqualTo("1");
        voter.post("/posts/" + question + "/vote", Map.of("value", "down"));
        assertThat(score(page(voter, question), question)).isEqualTo("-1");
        voter.post("/posts/" + question + "/vote", Map.of("value", "none"));
        assertThat(score(page(voter, question), question)).isEqualTo("0");
    }

    @Test
    void nobodyVotesOnTheirOwnPost() {
        WebClient asker = community.member("selfish");
        long question = community.ask(asker, "Why does my speaker hum when charging?");
        Response response = asker.post("/posts/" + question + "/vote", Map.of("value", "up"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.html().text()).contains("cannot vote on your own post");
        Document page = page(asker, question);
        assertThat(score(page, question)).isEqualTo("0");
        assertThat(page.select(".question .vote-up")).isEmpty();
    }

    @Test
    void votingWithScriptGetsTheNewScoreWithoutAReload() {
        WebClient asker = community.member("asker");
        WebClient voter = community.member("clicker");
        long question = community.ask(asker, "Is the Northwind app available for tablets?");
        Response json = voter.postJson("/posts/" + question + "/vote", Map.of("value", "up"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).contains("\"score\":1").contains("\"vote\":1");
    }

    @Test
    void visitorsAreSentToSignInBeforeVotingOrAnswering() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Where do I find the serial number of my speaker?");
        WebClient visitor = server.newClient();
        Response vote = visitor.post("/posts/" + question + "/vote", Map.of("value", "up"));
        assertThat(vote.status()).isEqualTo(303);
        assertThat(vote.location()).startsWith("/signin");
        assertThat(score(page(asker, question), question)).isEqualTo("0");
        assertThat(page(visitor, question).select(".your-answer a[href^=/signin]")).isNotEmpty();
    }

    @Test
    void commentsAppearUnderThePostAndBadOnesAreRefused() {
        WebClient asker = community.member("asker");
        WebClient commenter = community.member("commenter");
        long question = community.ask(asker, "Can I use the speaker outdoors in the rain?");
        assertThat(commenter.post("/posts/" + question + "/comments",
                Map.of("comment", "Which model exactly? See https://northwind.example/models")).status()).isEqualTo(303);
        Document page = page(asker, question);
        assertThat(page.select(".question .comment-list li").text()).contains("Which model exactly?");
        assertThat(page.select(".question .comment-list a").attr("rel")).contains("nofollow");
        Response tooShort = commenter.post("/posts/" + question + "/comments", Map.of("comment", "?"));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.html().select(".field-error").text()).contains("3 to 600 characters");
        assertThat(page(asker, question).select(".question .comment-list li")).hasSize(1);
    }

    @Test
    void anEditKeepsTheOldRevisionAndTheHistoryShowsTheDifference() {
        WebClient asker = community.member("editor");
        long question = community.ask(asker, "Bluetooth drops out with my laptop every minute",
                "The connection drops every minute on my laptop.", "bluetooth");
        Response edited = asker.post("/posts/" + question + "/edit", Map.of("title",
                "Bluetooth drops out with my Windows laptop every minute", "body",
                "The connection drops every minute on my Windows 11 laptop.", "tags", "bluetooth windows",
                "reason", "added the operating system"));
        assertThat(edited.status()).isEqualTo(303);
        assertThat(edited.location()).contains("bluetooth-drops-out-with-my-windows-laptop-every-minute");

        Document page = page(asker, question);
        assertThat(page.select("h1").text()).isEqualTo("Bluetooth drops out with my Windows laptop every minute");
        assertThat(page.select(".question .post-body").text()).contains("Windows 11");

        Document history = asker.get("/posts/" + question + "/revisions").html();
        assertThat(history.select(".revision")).hasSize(2);
        assertThat(history.select(".revision").first().text()).contains("added the operating system");
        assertThat(history.select(".revision").first().select("ins").eachText())
                .contains("Windows").anyMatch(text -> text.contains("11"));
        assertThat(history.select(".revision").last().select(".diff").text())
                .contains("The connection drops every minute on my laptop.");

        // the old title's link still finds the question
        Response oldLink = asker.get("/q/" + question + "/bluetooth-drops-out-with-my-laptop-every-minute");
        assertThat(oldLink.status()).isEqualTo(301);
        assertThat(oldLink.location()).endsWith("bluetooth-drops-out-with-my-windows-laptop-every-minute");
    }

    @Test
    void membersCannotEditOthersPostsButStaffCan() {
        WebClient asker = community.member("owner");
        long question = community.ask(asker, "What is the warranty period in the EU?");
        Map<String, String> edit = Map.of("title", "What is the warranty period in the EU? (hijacked)",
                "body", "Something else entirely, long enough.", "tags", "warranty", "reason", "");
        WebClient stranger = community.member("stranger");
        assertThat(stranger.get("/posts/" + question + "/edit").status()).isEqualTo(403);
        assertThat(stranger.post("/posts/" + question + "/edit", edit).status()).isEqualTo(403);
        assertThat(page(asker, question).select("h1").text()).isEqualTo("What is the warranty period in the EU?");
        assertThat(community.staff("mod").post("/posts/" + question + "/edit", edit).status()).isEqualTo(303);
        assertThat(page(asker, question).select("h1").text()).contains("(hijacked)");
    }

    @Test
    void aDuplicatesPageLinksItsOriginalAndTakesNoAnswers() {
        WebClient asker = community.member("asker");
        long original = community.ask(asker, "How do I reset the Northwind One to factory settings?");
        long duplicate = community.ask(community.member("again"), "Factory reset for the Northwind One headphones?");
        WebClient staff = community.staff("closer");
        assertThat(asker.post("/q/" + duplicate + "/close", Map.of("duplicateOf", String.valueOf(original))).status())
                .isEqualTo(403);
        Response closed = staff.post("/q/" + duplicate + "/close", Map.of("duplicateOf", "/q/" + original));
        assertThat(closed.status()).isEqualTo(303);
        Document page = page(asker, duplicate);
        assertThat(page.select(".banner-duplicate a.duplicate-of").attr("href")).startsWith("/q/" + original + "/");
        assertThat(page.select(".banner-duplicate").text()).contains("How do I reset the Northwind One");
        assertThat(asker.post("/q/" + duplicate + "/answers", Map.of("body", "Hold both buttons for ten seconds.")).status())
                .isEqualTo(403);

        assertThat(staff.post("/q/" + duplicate + "/reopen", Map.of()).status()).isEqualTo(303);
        assertThat(page(asker, duplicate).select(".banner-duplicate")).isEmpty();
    }

    @Test
    void closingNeedsAReasonOrAnExistingOriginal() {
        WebClient staff = community.staff("closer");
        long question = community.ask(community.member("asker"), "Does the speaker support AirPlay 2 streaming?");
        Response noReason = staff.post("/q/" + question + "/close", Map.of("reason", "", "duplicateOf", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.html().select("#close-reason-error").text()).contains("Say why");
        Response missing = staff.post("/q/" + question + "/close", Map.of("reason", "", "duplicateOf", "999999"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.html().select("#duplicateOf").val()).isEqualTo("999999");
        assertThat(page(staff, question).select(".banner-closed, .banner-duplicate")).isEmpty();
    }

    @Test
    void aMemberCannotDeleteAnothersPost() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Can I charge the case with a USB-C laptop charger?");
        assertThat(community.member("vandal").post("/posts/" + question + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(page(asker, question).select(".banner-deleted")).isEmpty();
    }

    @Test
    void authorsDeleteTheirOwnQuestionOnlyWhileItHasNoAnswers() {
        WebClient asker = community.member("asker");
        long answered = community.ask(asker, "Which app version added the custom EQ?");
        community.answer(community.member("helper"), answered, "Version 3.1 added the custom equaliser.");
        Response refused = asker.post("/posts/" + answered + "/delete", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().text()).contains("has answers");

        long lonely = community.ask(asker, "Never mind, I found the answer in the manual");
        assertThat(asker.post("/posts/" + lonely + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(asker.get("/q/" + lonely).status()).isEqualTo(404);
    }

    @Test
    void aDeletedPostIsHiddenFromMembersAndVisibleToStaffWhoCanRestoreIt() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Spam question about cheap knock-off headphones");
        long answer = community.answer(community.member("helper"), question, "An answer that will be deleted soon.");
        WebClient staff = community.staff("mod");
        assertThat(staff.post("/posts/" + answer + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(page(asker, question).select("#a" + answer)).isEmpty();
        assertThat(page(staff, question).select("#a" + answer + ".is-deleted")).isNotEmpty();

        assertThat(staff.post("/posts/" + question + "/delete", Map.of()).status()).isEqualTo(303);
        WebClient member = community.member("reader");
        assertThat(member.get("/q/" + question).status()).isEqualTo(404);
        assertThat(member.get("/questions?sort=newest").html().select("a[href^=/q/" + question + "/]")).isEmpty();
        assertThat(page(staff, question).select(".question .banner-deleted")).isNotEmpty();

        assertThat(staff.post("/posts/" + question + "/restore", Map.of()).status()).isEqualTo(303);
        assertThat(member.get("/q/" + question).status()).isEqualTo(301);
    }
}
