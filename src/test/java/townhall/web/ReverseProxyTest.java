package townhall.web;

import static org.assertj.core.api.Assertions.assertThat;

import townhall.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Forwarded headers count only when they come from a configured proxy. */
class ReverseProxyTest {
    static final Map<String, String> PROXY_SAYS_HTTPS = Map.of(
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "community.brand.example",
            "X-Forwarded-For", "203.0.113.9");

    /** The tests reach the server from the loopback address, which this one does not trust. */
    @RegisterExtension
    static final TownhallServer direct = new TownhallServer()
            .with(Setting.TRUSTED_PROXIES, "10.1.2.3, 192.168.0.0/16")
            .with(Setting.SIGNIN_PER_ADDRESS, "3")
            .with(Setting.SIGNIN_PER_ACCOUNT, "100");

    /** This one trusts the loopback address: the tests play the reverse proxy. */
    @RegisterExtension
    static final TownhallServer proxied = new TownhallServer()
            .with(Setting.TRUSTED_PROXIES, "127.0.0.0/8, ::1")
            .with(Setting.SIGNIN_PER_ADDRESS, "3")
            .with(Setting.SIGNIN_PER_ACCOUNT, "100");

    private static String canonical(Response response) {
        return response.html().select("link[rel=canonical]").attr("href");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        Response page = direct.newClient().get("/questions", PROXY_SAYS_HTTPS);
        assertThat(page.status()).isEqualTo(200);
        assertThat(canonical(page)).isEqualTo("http://localhost:7070/questions");
        assertThat(page.header("Set-Cookie")).doesNotContain("Secure");
        assertThat(direct.newClient().get("/sitemap.xml", PROXY_SAYS_HTTPS).body())
                .contains("<loc>http://localhost:7070/questions</loc>").doesNotContain("community.brand.example");
    }

    @Test
    void forwardedHeadersFromATrustedProxyGiveHttpsAndTheHost() {
        Response page = proxied.newClient().get("/questions", PROXY_SAYS_HTTPS);
        assertThat(canonical(page)).isEqualTo("https://community.brand.example/questions");
        assertThat(page.html().select("meta[property=og:url]").attr("content"))
                .isEqualTo("https://community.brand.example/questions");
        assertThat(page.header("Set-Cookie")).contains("; Secure");
        assertThat(proxied.newClient().get("/sitemap.xml", PROXY_SAYS_HTTPS).body())
                .contains("<loc>https://community.brand.example/questions</loc>");

        Response rfc7239 = proxied.newClient().get("/questions",
                Map.of("Forwarded", "for=198.51.100.7;proto=https;host=forum.example"));
        assertThat(canonical(rfc7239)).isEqualTo("https://forum.example/questions");
        assertThat(rfc7239.header("Set-Cookie")).contains("; Secure");

        Response plain = proxied.newClient().get("/questions");
        assertThat(plain.header("Set-Cookie")).doesNotContain("Secure");
    }

    private static int failedSignIn(TownhallServer server, String clientAddress) {
        WebClient browser = server.newClient();
        return browser.post("/signin", Map.of("login", "nobody-" + clientAddress, "password", "wrong password"),
                Map.of("X-Forwarded-For", clientAddress)).status();
    }

    @Test
    void theSignInLimitCountsTheVisitorsAddressOnlyWhenAProxyWeTrustGivesIt() {
        for (int i = 0; i < 3; i++) {
            assertThat(failedSignIn(proxied, "203.0.113.1")).isEqualTo(422);
        }
        assertThat(failedSignIn(proxied, "203.0.113.1")).as("the fourth try from one visitor").isEqualTo(429);
        assertThat(failedSignIn(proxied, "203.0.113.2")).as("another visitor behind the same proxy").isEqualTo(422);
        assertThat(failedSignIn(proxied, "203.0.113.3, 127.0.0.1")).as("a chain through a second proxy").isEqualTo(422);

        for (int i = 0; i < 3; i++) {
            assertThat(failedSignIn(direct, "198.51.100." + i)).isEqualTo(422);
        }
        assertThat(failedSignIn(direct, "198.51.100.99"))
                .as("a made-up X-Forwarded-For does not escape the limit").isEqualTo(429);
    }
}
