package townhall.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

class SessionTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.SIGNIN_PER_ACCOUNT, "3")
            .with(Setting.SIGNIN_PER_ADDRESS, "100");

    @Test
    void aSessionSurvivesARestartOfTheApplication() {
        WebClient browser = server.newClient();
        browser.register("persistent", "persistent password");
        assertThat(browser.get("/").html().select(".who").text()).contains("persistent");

        server.restart();

        WebClient sameBrowserNewServer = server.newClient();
        // same cookie jar, new port: copy the session the way a browser keeps it across a server restart
        sameBrowserNewServer.adoptCookies(browser);
        assertThat(sameBrowserNewServer.get("/").html().select(".who").text()).contains("persistent");
    }

    @Test
    void signInAttemptsPerAccountAreLimited() {
        server.newClient().register("target", "target's password");
        WebClient attacker = server.newClient();
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.signIn("target", "guess " + i).status()).isEqualTo(422);
        }
        Response limited = attacker.signIn("target", "target's password");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.html().select(".error-summary").text()).contains("Too many sign-in attempts");
        assertThat(attacker.get("/").html().select(".who")).isEmpty();

        // another account from the same address is not locked out by it
        server.newClient().register("bystander", "bystander password");
        assertThat(server.newClient().signIn("bystander", "bystander password").status()).isEqualTo(303);
    }

    @Test
    void aLockedAccountStaysLockedWhateverSpellingOfItsLoginIsTried() {
        server.newClient().register("lockedout", "lockedout's password");
        WebClient attacker = server.newClient();
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.signIn("lockedout", "guess " + i).status()).isEqualTo(422);
        }
        for (String variant : new String[] {"lóckedout", "LOCKEDOUT", " LÓCKEDOUT ", "lockedout@example.com"}) {
            Response limited = attacker.signIn(variant, "lockedout's password");
            assertThat(limited.status()).as(variant).isEqualTo(429);
        }
        assertThat(attacker.get("/").html().select(".who")).isEmpty();
    }

    @Test
    void guessesAtAnUnknownLoginAreLimitedWhateverItsSpelling() {
        WebClient attacker = server.newClient();
        for (String variant : new String[] {"nobody-here", "NOBODY-HERE", "nóbody-here"}) {
            assertThat(attacker.signIn(variant, "a guess").status()).isEqualTo(422);
        }
        assertThat(attacker.signIn("Nöbody-Here", "a guess").status()).isEqualTo(429);
    }
}
