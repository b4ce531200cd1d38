package townhall.account;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.ACCOUNT_TOKENS;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.Mailbox;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;



/** Confirming an address, a forgotten password and changing address or password, through HTTP and real mail. */
class AccountEmailTest {
    private static final Mailbox mail = Mailbox.onFreePort();

    @RegisterExtension
    static final GreenMailExtension smtp = mail.server();

    @RegisterExtension
    static final TownhallServer server = mail.townhall()
            .with(Setting.RESET_PER_ACCOUNT, "3")
            .with(Setting.RESET_PER_ADDRESS, "100");

    private static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static String tokenOf(String path) {
        return path.substring(path.indexOf("?t=") + 3);
    }

    @Test
    void aNewMemberConfirmsTheirAddressByTheMailedLinkOnceAndIsWelcomed() throws Exception {
        WebClient browser = server.newClient();
        assertThat(browser.register("confirmer", "a long enough password").status()).isEqualTo(303);
        assertThat(browser.page("/settings/account").select("#email-heading + p").text()).contains("not confirmed yet");

        String link = Mailbox.linkPath(mail.await("confirmer@example.com", "Confirm your email address"));
        assertThat(browser.page(link).select("main form button").text()).isEqualTo("Confirm my address");
        Response confirmed = browser.post("/account/confirm", Map.of("t", tokenOf(link)));
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(browser.visit(confirmed.location()).html().select("[role=status]").text())
                .contains("your email address is confirmed");
        assertThat(browser.page("/settings/account").select("#email-heading + p").text()).contains("confirmed")
                .doesNotContain("not confirmed");

        Response again = browser.post("/account/confirm", Map.of("t", tokenOf(link)));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.html().select("[role=alert]").text()).contains("does not work any more");

        MimeMessage welcome = mail.await("confirmer@example.com", "Welcome to");
        assertThat(Mailbox.text(welcome)).contains("/guidelines");
        assertThat(browser.page("/notifications").select(".notifications").text()).contains("Welcome to");
    }

    @Test
    void untilTheAddressIsConfirmedAMemberMayAskOneQuestionButNotAnswer() {
        WebClient browser = server.newClient();
        browser.register("hasty", "a long enough password");
        Map<String, String> question = Map.of("title", "First question before confirming", "body",
                "This is the body of the question, long enough.", "tags", "first", "category", "general");
        assertThat(browser.post("/ask", question).status()).isEqualTo(303);
        Response second = browser.post("/ask", Map.of("title", "Second question before confirming", "body",
                "This is the body of the question, long enough.", "tags", "second", "category", "general"));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.html().text()).contains("Confirm your email address first").contains("hasty@example.com");
        long other = community.ask(community.member("asker"), "Somebody else's question to answer");
        assertThat(browser.post("/q/" + other + "/answers", Map.of("body", "An answer before confirming.")).status())
                .isEqualTo(403);
    }

    @Test
    void aForgottenPasswordIsResetByAOneHourSingleUseLinkThatSignsOutEveryOtherSession() throws Exception {
        WebClient member = server.newClient();
        member.register("forgetful", "the old password here");
        WebClient elsewhere = server.newClient();
        assertThat(elsewhere.signIn("forgetful", "the old password here").status()).isEqualTo(303);

        WebClient stranger = server.newClient();
        Response known = stranger.post("/password/forgot", Map.of("login", "forgetful"));
        Response unknown = stranger.post("/password/forgot", Map.of("login", "nobody-here"));
        assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(known.html().select("main").text()).isEqualTo(unknown.html().select("main").text())
                .contains("If that is an account here");

        MimeMessage resetMail = mail.await("forgetful@example.com", "Set a new password");
        String link = Mailbox.linkPath(resetMail);
        assertThat(Mailbox.text(resetMail)).contains("60 minutes");

        WebClient resetter = server.newClient();
        assertThat(resetter.page(link).select("#password")).hasSize(1);
        Response tooShort = resetter.post("/password/reset", Map.of("t", tokenOf(link), "password", "short"));
        assertThat(tooShort.status()).isEqualTo(422);
        Response reset = resetter.post("/password/reset", Map.of("t", tokenOf(link), "password", "the new password here"));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(resetter.visit(reset.location()).html().select("[role=status]").text()).contains("new password is saved");

        assertThat(elsewhere.get("/settings/account").status()).isEqualTo(303); // signed out: sent to sign in
        assertThat(server.newClient().signIn("forgetful", "the old password here").status()).isEqualTo(422);
        assertThat(server.newClient().signIn("forgetful", "the new password here").status()).isEqualTo(303);

        Response reused = server.newClient().post("/password/reset", Map.of("t", tokenOf(link), "password", "a third password"));
        assertThat(reused.status()).isEqualTo(410);
        Response forged = server.newClient().post("/password/reset", Map.of("t", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "password", "a third password"));
        assertThat(forged.status()).isEqualTo(410);
        assertThat(server.newClient().signIn("forgetful", "a third password").status()).isEqualTo(422);
    }

    @Test
    void anExpiredResetLinkIsRefused() throws Exception {
        server.newClient().register("slowpoke", "the old password here");
        server.newClient().post("/password/forgot", Map.of("login", "slowpoke@example.com"));
        String link = Mailbox.linkPath(mail.await("slowpoke@example.com", "Set a new password"));
        server.components().database.dsl().update(ACCOUNT_TOKENS)
                .set(ACCOUNT_TOKENS.EXPIRES_AT, LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1))
                .where(ACCOUNT_TOKENS.PURPOSE.eq("reset")).execute();
        WebClient browser = server.newClient();
        assertThat(browser.page(link).select("[role=alert]").text()).contains("does not work any more");
        assertThat(browser.post("/password/reset", Map.of("t", tokenOf(link), "password", "the new password here"))
                .status()).isEqualTo(410);
        assertThat(server.newClient().signIn("slowpoke", "the old password here").status()).isEqualTo(303);
    }

    @Test
    void resetRequestsForOneAccountAreLimitedWithoutSayingSo() {
        server.newClient().register("popular", "the old password here");
        for (int i = 0; i < 5; i++) {
            Response asked = server.newClient().post("/password/forgot", Map.of("login", "popular"));
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.html().text()).contains("If that is an account here");
        }
        mail.await("popular@example.com", "Set a new password");
        Eventually.pause(1500);
        assertThat(mail.to("popular@example.com").stream().filter(m -> Mailbox.subject(m).startsWith("Set a new password")))
                .hasSize(3);
    }

    @Test
    void aNewAddressIsConfirmedByItsOwnLinkAndTheOldAddressIsTold() throws Exception {
        WebClient browser = community.member("mover");
        String username = community.usernameOf(browser);
        Response wrong = browser.post("/settings/email", Map.of("email", "moved@example.org", "current", "not my password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().select("#current-error").text()).isEqualTo("That is not your current password.");
        assertThat(wrong.html().select("#email-email").attr("value")).isEqualTo("moved@example.org");

        Response asked = browser.post("/settings/email", Map.of("email", "moved@example.org", "current",
                "a long enough password"));
        assertThat(asked.status()).isEqualTo(303);
        MimeMessage told = mail.await(username + "@example.com", "Your email address at");
        assertThat(Mailbox.text(told)).contains("moved@example.org");
        String link = Mailbox.linkPath(mail.await("moved@example.org", "Confirm your new email address"));
        assertThat(server.newClient().signIn("moved@example.org", "a long enough password").status()).isEqualTo(422);

        assertThat(browser.post("/account/confirm", Map.of("t", tokenOf(link))).status()).isEqualTo(303);
        assertThat(browser.page("/settings/account").select("#email-heading + p strong").text())
                .isEqualTo("moved@example.org");
        assertThat(server.newClient().signIn("moved@example.org", "a long enough password").status()).isEqualTo(303);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsOutOtherDevices() {
        WebClient browser = community.member("changer");
        String username = community.usernameOf(browser);
        WebClient other = server.newClient();
        other.signIn(username, "a long enough password");
        Response wrong = browser.post("/settings/password", Map.of("current", "guess", "password", "a brand new password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(browser.post("/settings/password", Map.of("current", "a long enough password",
                "password", "a brand new password")).status()).isEqualTo(303);
        assertThat(browser.get("/settings/account").status()).isEqualTo(200);
        assertThat(other.get("/settings/account").status()).isEqualTo(303);
        assertThat(server.newClient().signIn(username, "a brand new password").status()).isEqualTo(303);
    }

    @Test
    void accountChangesWithoutTheCsrfTokenAreRefused() {
        WebClient browser = community.member("guarded");
        assertThat(browser.postRaw("/settings/password", Map.of("current", "a long enough password",
                "password", "a brand new password")).status()).isEqualTo(403);
        assertThat(browser.postRaw("/settings/email", Map.of("current", "a long enough password",
                "email", "elsewhere@example.org")).status()).isEqualTo(403);
    }
}
