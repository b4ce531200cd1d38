package townhall.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** With single sign-on only, no local password signs anyone in, up, or back in. */
class SsoOnlyTest {
    static final MockOAuth2Server provider = SsoTest.started();

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.SSO_ISSUER, provider.issuerUrl("brand").toString())
            .with(Setting.SSO_CLIENT_ID, SsoTest.CLIENT)
            .with(Setting.SSO_CLIENT_SECRET, "a client secret")
            .with(Setting.SSO_ONLY, "true");

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Test
    void theOnlyWayInIsTheProvider() {
        server.components().accounts.register(new townhall.account.AccountService.Registration(
                "localpriya", "localpriya@example.com", "a long enough password"), townhall.account.Role.MEMBER);
        WebClient browser = server.newClient();
        for (String page : new String[] {"/signin", "/register"}) {
            Document shown = browser.get(page).html();
            assertThat(shown.select("form[action$=/sso/start] button").text()).isEqualTo("Sign in with your company account");
            assertThat(shown.select("input[type=password]")).as(page).isEmpty();
        }
        assertThat(browser.post("/signin", Map.of("login", "localpriya", "password", "a long enough password")).status())
                .isEqualTo(403);
        assertThat(browser.cookie("th_session")).isNull();
        assertThat(browser.post("/register", Map.of("username", "newlocal", "email", "newlocal@example.com",
                "password", "a long enough password")).status()).isEqualTo(403);
        assertThat(server.components().accountStore.findByUsername("newlocal")).isEmpty();
        assertThat(browser.get("/password/forgot").status()).isEqualTo(403);
        assertThat(browser.post("/sso/start", Map.of()).status()).as("the provider's way is open").isEqualTo(303);
    }
}
