package townhall.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.i18n.Text;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** A member downloads everything kept about them, or deletes their account; staff delete accounts too. */
class YourDataTest {
    private static final String PASSWORD = "a long enough password";

    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void theExportHoldsMyAccountProfilePostsCommentsVotesAndNotificationsAndNothingOfAnyoneElse() throws Exception {
        WebClient me = community.member("exporter");
        WebClient other = community.member("neighbour");
        me.postMultipart("/settings/profile", Map.of("displayName", "Ex Porter", "bio", "I keep copies.", "website", ""),
                Map.of(), true);
        long mine = community.ask(me, "How do I pair the speaker with two phones?");
        long theirs = community.ask(other, "Why does the left earbud sound quieter?");
        long myAnswer = community.answer(me, theirs, "Clean the mesh of the left earbud with a dry brush.");
        community.answer(other, mine, "Hold the pairing button for five seconds, then pair the second phone.");
        assertThat(me.post("/posts/" + theirs + "/comments", Map.of("comment", "Which model do you have exactly?"))
                .status()).isEqualTo(303);
        assertThat(me.post("/posts/" + theirs + "/vote", Map.of("value", "up")).status()).isEqualTo(303);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        server.components().notifications.add(community.idOf(me), Text.of("notifications.helper"), "/helpers/queue", now);
        server.components().notifications.add(community.idOf(other), Text.of("notifications.helper"), "/elsewhere", now);

        Document page = me.page("/settings/data");
        assertThat(page.select("a[href=/settings/data/export.json]").text()).isEqualTo("Download my data (JSON)");

        Response export = me.get("/settings/data/export.json");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/json");
        assertThat(export.header("Content-Disposition")).startsWith("attachment;");
        JsonNode data = new ObjectMapper().readTree(export.body());
        assertThat(data.at("/account/username").asText()).isEqualTo(community.usernameOf(me));
        assertThat(data.at("/account/email").asText()).isEqualTo(community.usernameOf(me) + "@example.com");
        assertThat(data.at("/account/role").asText()).isEqualTo("member");
        assertThat(data.at("/account/createdAt").asText()).isNotBlank();
        assertThat(data.at("/profile/displayName").asText()).isEqualTo("Ex Porter");
        assertThat(data.get("questionsAndAnswers").findValuesAsText("title"))
                .contains("How do I pair the speaker with two phones?")
                .doesNotContain("Why does the left earbud sound quieter?");
        assertThat(data.get("questionsAndAnswers").findValuesAsText("bodyMarkdown"))
                .contains("Clean the mesh of the left earbud with a dry brush.")
                .doesNotContain("Hold the pairing button for five seconds, then pair the second phone.");
        assertThat(data.get("questionsAndAnswers").findValuesAsText("id"))
                .contains(String.valueOf(mine), String.valueOf(myAnswer));
        assertThat(data.get("comments").findValuesAsText("body")).containsExactly("Which model do you have exactly?");
        assertThat(data.get("votes").get(0).get("postId").asLong()).isEqualTo(theirs);
        assertThat(data.get("votes").get(0).get("value").asInt()).isEqualTo(1);
        assertThat(data.get("notifications").findValuesAsText("message")).contains(
                "You are now a Helper! You can edit and retag posts, close duplicates, and see newcomers' unanswered questions first.");
        assertThat(data.get("notifications").findValuesAsText("link")).contains("/helpers/queue").doesNotContain("/elsewhere");
        assertThat(export.body()).doesNotContain(community.usernameOf(other) + "@example.com");

        assertThat(server.newClient().get("/settings/data/export.json").status()).isEqualTo(303);
    }

    @Test
    void afterDeletingMyAccountICannotSignInMyQuestionStaysByADeletedMemberAndMyEmailIsFreeAgain() {
        WebClient me = community.member("leaver");
        String username = community.usernameOf(me);
        long id = community.idOf(username);
        long question = community.ask(me, "Does the charger work with a 110 volt socket?");
        community.answer(community.member("helper"), question, "Yes, it accepts 100 to 240 volts.");
        WebClient visitor = server.newClient();
        Document before = visitor.page("/q/" + question);
        assertThat(before.select(".author-card").first().text()).contains(username);

        Response wrong = me.post("/settings/data/delete", Map.of("confirm", "not my password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().select("#confirm-error").text())
                .isEqualTo("That is neither your password nor your username. Nothing was deleted.");
        assertThat(me.get("/settings/data").status()).isEqualTo(200);

        Response deleted = me.post("/settings/data/delete", Map.of("confirm", PASSWORD));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).isEqualTo("/settings/data/deleted");
        assertThat(me.visit(deleted.location()).html().select("h1").text()).isEqualTo("Your account is deleted");
        assertThat(me.get("/settings/data").status()).isEqualTo(303); // signed out

        WebClient again = server.newClient();
        assertThat(again.signIn(username, PASSWORD).status()).isEqualTo(422);
        assertThat(again.signIn(username + "@example.com", PASSWORD).status()).isEqualTo(422);
        assertThat(server.newClient().get("/u/" + username).status()).isEqualTo(404);

        Document after = visitor.page("/q/" + question);
        assertThat(after.select("h1").text()).isEqualTo("Does the charger work with a 110 volt socket?");
        assertThat(after.select(".author-card").first().text()).contains("deleted member").doesNotContain(username);
        Document profile = server.newClient().page("/u/deleted-" + id);
        assertThat(profile.select(".profile-header h1").text()).isEqualTo("deleted member");

        WebClient newcomer = server.newClient();
        Response register = newcomer.post("/register",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        assertThat(register.status()).as(register.body()).isEqualTo(303);
    }

    @Test
    void typingMyUsernameAlsoConfirms() {
        WebClient me = community.member("typist");
        String username = community.usernameOf(me);
        assertThat(me.post("/settings/data/delete", Map.of("confirm", username)).status()).isEqualTo(303);
        assertThat(server.newClient().signIn(username, PASSWORD).status()).isEqualTo(422);
    }

    @Test
    void staffDeleteAMemberAndTheirPostsWhichVisitorsNoLongerSee() {
        WebClient spammer = community.member("spammer");
        String username = community.usernameOf(spammer);
        long id = community.idOf(username);
        long spam = community.ask(spammer, "Cheap watches here, click the link below now");
        long victim = community.ask(community.member("honest"), "Is the case waterproof to ten metres?");
        long spamAnswer = community.answer(spammer, victim, "Buy cheap watches at our shop today, best prices.");
        WebClient staff = community.staff("moderator");

        Document profile = staff.page("/u/" + username);
        assertThat(profile.select(".delete-member-form input[name=posts][value=keep]").hasAttr("checked")).isTrue();
        Response deleted = staff.post("/u/" + username + "/delete", Map.of("posts", "remove"));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).isEqualTo("/u/deleted-" + id);

        WebClient visitor = server.newClient();
        assertThat(visitor.get("/q/" + spam).status()).isEqualTo(404);
        Document question = visitor.page("/q/" + victim);
        assertThat(question.select("#a" + spamAnswer)).isEmpty();
        assertThat(question.text()).doesNotContain("cheap watches");
        assertThat(visitor.signIn(username, PASSWORD).status()).isEqualTo(422);
        assertThat(spammer.get("/settings/profile").status()).isEqualTo(303); // the spammer's session is gone
        assertThat(staff.page("/u/deleted-" + id).select(".profile-header h1").text()).isEqualTo("deleted member");
    }

    @Test
    void aMemberCannotDeleteSomeoneElseNorStaffAnAdministrator() {
        WebClient target = community.member("target");
        String username = community.usernameOf(target);
        WebClient member = community.member("vandal");
        assertThat(member.post("/u/" + username + "/delete", Map.of("posts", "remove")).status()).isEqualTo(403);
        assertThat(member.page("/u/" + username).select(".delete-member-form")).isEmpty();
        WebClient visitor = server.newClient();
        assertThat(visitor.post("/u/" + username + "/delete", Map.of()).location()).startsWith("/signin");

        WebClient admin = community.admin("chief");
        WebClient staff = community.staff("deputy");
        assertThat(staff.post("/u/" + community.usernameOf(admin) + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(staff.page("/u/" + community.usernameOf(admin)).select(".delete-member-form")).isEmpty();
        assertThat(server.newClient().signIn(username, PASSWORD).status()).isEqualTo(303);
        assertThat(server.newClient().signIn(community.usernameOf(admin), PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void deletingWithoutTheTokenIsRefusedAndDeletesNothing() {
        WebClient me = community.member("guarded");
        String username = community.usernameOf(me);
        assertThat(me.postRaw("/settings/data/delete", Map.of("confirm", PASSWORD)).status()).isEqualTo(403);
        WebClient staff = community.staff("tokenless");
        assertThat(staff.postRaw("/u/" + username + "/delete", Map.of("posts", "remove")).status()).isEqualTo(403);
        assertThat(me.get("/settings/data").status()).isEqualTo(200);
        assertThat(server.newClient().signIn(username, PASSWORD).status()).isEqualTo(303);
    }
}
