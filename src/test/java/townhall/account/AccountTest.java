package townhall.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

class AccountTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    private int members() {
        return server.components().accountStore.countMembers();
    }

    @Test
    void registeringSignsTheNewMemberIn() {
        WebClient browser = server.newClient();
        Response registered = browser.register("newcomer", "a long enough password");
        assertThat(registered.status()).isEqualTo(303);
        Document home = browser.get("/").html();
        assertThat(home.select(".who").text()).contains("newcomer");
    }

    @Test
    void badRegistrationShowsAnErrorPerFieldKeepsWhatWasTypedAndWritesNothing() {
        int before = members();
        Response response = server.newClient().post("/register",
                Map.of("username", "x!", "email", "not-an-email", "password", "short"));
        assertThat(response.status()).isEqualTo(422);
        Document page = response.html();
        assertThat(page.select("#username-error").text()).contains("3 to 32 letters");
        assertThat(page.select("#email-error").text()).contains("name@example.com");
        assertThat(page.select("#password-error").text()).contains("at least 10 characters");
        assertThat(page.select("#username").val()).isEqualTo("x!");
        assertThat(page.select("#email").val()).isEqualTo("not-an-email");
        assertThat(page.select("#password").val()).isEmpty();
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void aTakenUsernameOrEmailIsRefused() {
        server.newClient().register("original", "a long enough password");
        int before = members();
        Response sameName = server.newClient().post("/register",
                Map.of("username", "ORIGINAL", "email", "other@example.com", "password", "a long enough password"));
        assertThat(sameName.status()).isEqualTo(422);
        assertThat(sameName.html().select("#username-error").text()).contains("taken");
        Response sameEmail = server.newClient().post("/register",
                Map.of("username", "someoneelse", "email", "Original@Example.com", "password", "a long enough password"));
        assertThat(sameEmail.status()).isEqualTo(422);
        assertThat(sameEmail.html().select("#email-error").text()).contains("exists already");
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void signInAndSignOut() {
        server.newClient().register("walker", "walker's password");
        WebClient browser = server.newClient();
        Response signedIn = browser.signIn("walker", "walker's password");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/");
        assertThat(signedIn.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(browser.get("/").html().select(".who").text()).contains("walker");

        assertThat(browser.post("/signout", Map.of()).status()).isEqualTo(303);
        assertThat(browser.get("/").html().select(".who")).isEmpty();
    }

    @Test
    void signInByEmailReturnsToWhereTheMemberWas() {
        server.newClient().register("emailer", "emailer's password");
        WebClient browser = server.newClient();
        Response response = browser.post("/signin",
                Map.of("login", "emailer@example.com", "password", "emailer's password", "next", "/somewhere"));
        assertThat(response.location()).isEqualTo("/somewhere");
        Response offsite = browser.post("/signin",
                Map.of("login", "emailer", "password", "emailer's password", "next", "//evil.example/"));
        assertThat(offsite.location()).isEqualTo("/");
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearMessage() {
        server.newClient().register("careful", "the right password");
        WebClient browser = server.newClient();
        Response response = browser.signIn("careful", "the wrong password");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.html().select(".error-summary").text()).contains("username or password is not right");
        assertThat(response.html().select("#login").val()).isEqualTo("careful");
        assertThat(browser.get("/").html().select(".who")).isEmpty();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndWritesNothing() {
        int before = members();
        WebClient browser = server.newClient();
        browser.get("/register");
        Response response = browser.postRaw("/register",
                Map.of("username", "forged", "email", "forged@example.com", "password", "a long enough password"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.html().select("h1").text()).isEqualTo("You cannot do that");
        Response wrongToken = browser.postRaw("/register", Map.of("_csrf", "x".repeat(43),
                "username", "forged", "email", "forged@example.com", "password", "a long enough password"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void signingOutNeedsTheCsrfTokenToo() {
        WebClient browser = server.newClient();
        browser.register("stayer", "stayer's password");
        assertThat(browser.postRaw("/signout", Map.of()).status()).isEqualTo(403);
        assertThat(browser.get("/").html().select(".who").text()).contains("stayer");
    }

    @Test
    void createAdminMakesAnAdministratorWhoCanSignIn() {
        Member admin = server.components().accounts.createOrPromoteAdmin(
                new AccountService.Registration("chief", "chief@example.com", "chief's password"));
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        WebClient browser = server.newClient();
        assertThat(browser.signIn("chief", "chief's password").status()).isEqualTo(303);
        assertThat(browser.get("/").html().select(".who").text()).contains("chief").contains("staff");
    }

    @Test
    void signInReturnsOnlyToAPathOnThisSite() {
        for (String elsewhere : new String[] {"/\t/evil.example", "/\n/evil", "/\\evil", "//evil", "https://evil", "/\u3000/evil"}) {
            Document page = server.newClient().get("/signin?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8)).html();
            assertThat(page.select("input[name=next]").val()).as(elsewhere).isEmpty();
        }
        server.newClient().register("homebody", "homebody's password");
        WebClient browser = server.newClient();
        for (String elsewhere : new String[] {"/\t/evil.example", "//evil"}) {
            Response response = browser.post("/signin",
                    Map.of("login", "homebody", "password", "homebody's password", "next", elsewhere));
            assertThat(response.location()).as(elsewhere).isEqualTo("/");
        }
        Response back = browser.post("/signin",
                Map.of("login", "homebody", "password", "homebody's password", "next", "/q/1?x=1#a"));
        assertThat(back.location()).isEqualTo("/q/1?x=1#a");
    }

    @Test
    void aUsernameThatOnlyLooksLikeAnExistingOneIsRefused() {
        server.newClient().register("sam_staff", "a long enough password");
        int before = members();
        for (String lookalike : new String[] {"sam.staff", "sam-staff", "SamStaff", "samstaff", "S.A.M.staff"}) {
            Response response = server.newClient().register(lookalike, "a long enough password");
            assertThat(response.status()).as(lookalike).isEqualTo(422);
            assertThat(response.html().select("#username-error").text()).as(lookalike).contains("differs only by case");
        }
        assertThat(members()).isEqualTo(before);
    }

    @Test
    void aUsernameMayNotStartOrEndWithPunctuationNorDoubleIt() {
        int before = members();
        for (String odd : new String[] {"chief.", "chief_", "chief-", "a..", "_chief", "chi..ef", "chi._ef"}) {
            Response response = server.newClient().register(odd, "a long enough password");
            assertThat(response.status()).as(odd).isEqualTo(422);
            assertThat(response.html().select("#username-error").text()).as(odd).contains("3 to 32 letters");
        }
        assertThat(members()).isEqualTo(before);
        assertThat(server.newClient().register("chief.of-the_staff", "a long enough password").status()).isEqualTo(303);
    }
}
