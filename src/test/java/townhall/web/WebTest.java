package townhall.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

class WebTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    @Test
    void withoutAMetricsTokenThereIsNoMetricsEndpoint() {
        assertThat(server.newClient().get("/metrics").status()).isEqualTo(404);
        assertThat(server.newClient().get("/metrics", java.util.Map.of("Authorization", "Bearer ")).status()).isEqualTo(404);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Response home = server.newClient().get("/");
        assertThat(home.status()).isEqualTo(200);
        String csp = home.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(home.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(home.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void noPageHasInlineScript() {
        Document home = server.newClient().get("/").html();
        assertThat(home.select("script:not([src])")).isEmpty();
        assertThat(home.select("[onclick], [onload]")).isEmpty();
    }

    @Test
    void anUnknownAddressGetsAFriendlyNotFoundPage() {
        Response response = server.newClient().get("/no/such/page");
        assertThat(response.status()).isEqualTo(404);
        Document page = response.html();
        assertThat(page.select("h1").text()).isEqualTo("Page not found");
        assertThat(page.select("a[href=/]")).isNotEmpty();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at townhall.");
    }

    @Test
    void aFormFarOverAnyLimitIsRefusedWithAShortPageThatDoesNotEchoIt() {
        WebClient browser = server.newClient();
        browser.get("/");
        String huge = "x".repeat(2_000_000);
        Response refused = browser.post("/q/1/answers", java.util.Map.of("body", huge));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body().length()).isLessThan(50_000);
        assertThat(refused.body()).doesNotContain("xxxxxxxxxx").contains("far longer than any form");
        assertThat(refused.header("Content-Security-Policy")).isNotNull();
    }

    @Test
    void healthReportsTheDatabase() {
        Response health = server.newClient().get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"database\":{\"status\":\"ok\"");
    }

    @Test
    void staticFilesHaveFingerprintedNamesAndAreCachedForAYear() {
        WebClient browser = server.newClient();
        String stylesheet = browser.get("/").html().select("link[rel=stylesheet]").attr("href");
        assertThat(stylesheet).matches("/static/css/site\\.[0-9a-f]{10}\\.css");
        Response css = browser.get(stylesheet);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(browser.get("/static/css/site.css").header("Cache-Control")).isEqualTo("no-cache");
        assertThat(browser.get("/static/../pom.xml").status()).isEqualTo(404);
    }

    @Test
    void theLayoutOffersSignInAndRegisterToVisitors() {
        Document home = server.newClient().get("/").html();
        assertThat(home.select("a[href=/signin]")).isNotEmpty();
        assertThat(home.select("a[href=/register]")).isNotEmpty();
        assertThat(home.select("a.skip-link[href=#main]")).isNotEmpty();
    }

    @Test
    void requestsJettyRefusesGetAShortPageWithTheSecurityHeadersThatNeverEchoesTheRequest() throws IOException {
        String hugeHeader = "X-Big: " + "b".repeat(64 * 1024) + "\r\n";
        Map<String, String> requests = Map.of(
                "400", "GET /q/%zz<script>echo</script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "414", "GET /" + "echo".repeat(25_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "431", "GET /echo HTTP/1.1\r\nHost: localhost\r\n" + hugeHeader + "Connection: close\r\n\r\n");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String response = rawExchange(request.getValue());
            assertThat(response).as(request.getKey()).startsWith("HTTP/1.1 " + request.getKey());
            assertThat(response).as(request.getKey())
                    .contains("Content-Security-Policy: default-src 'self'").contains("X-Content-Type-Options: nosniff")
                    .doesNotContain("echo").doesNotContain("<script>").doesNotContain("Jetty");
            assertThat(response.length()).as(request.getKey()).isLessThan(4_000);
        }
    }

    /** One request written as raw bytes, which no HTTP client would send; the whole answer as text. */
    private static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            throw new AssertionError("connection dropped instead of an error page", reset);
        }
    }
}
