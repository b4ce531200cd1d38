package townhall.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.Member;
import townhall.account.Role;
import townhall.config.Setting;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * Single sign-on against a real OpenID provider started in the test (mock-oauth2-server: discovery, authorize,
 * token and keys endpoints, RS256-signed ID tokens): the whole browser round trip, and every way it must fail.
 */
class SsoTest {
    static final String CLIENT = "townhall-test";
    static final ForgedTokens forger = new ForgedTokens();
    static final MockOAuth2Server provider = started();

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.SSO_ISSUER, provider.issuerUrl("brand").toString())
            .with(Setting.SSO_CLIENT_ID, CLIENT)
            .with(Setting.SSO_CLIENT_SECRET, "a client secret")
            .with(Setting.SSO_NAME, "Northwind ID")
            .with(Setting.SSO_STAFF_GROUP, "community-staff");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server(forger);
        server.start();
        return server;
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Test
    void theFirstSignInCreatesTheMemberFromVerifiedClaimsAndLaterOnesFindThemByTheirSubject() {
        WebClient browser = server.newClient();
        assertThat(browser.get("/signin").html().select("form[action$=/sso/start] button").text())
                .isEqualTo("Sign in with Northwind ID");

        provider.enqueueCallback(callback("sub-olga", List.of(CLIENT), Map.of("preferred_username", "olga.k",
                "email", "olga@northwind.example", "email_verified", true, "locale", "cs",
                "groups", List.of("community-staff")), 3600));
        Response signedIn = signIn(browser, "/questions");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).endsWith("/questions");

        Member olga = server.components().accountStore.findByUsername("olga.k").orElseThrow();
        assertThat(olga.email()).isEqualTo("olga@northwind.example");
        assertThat(olga.emailConfirmed()).as("the provider verified it").isTrue();
        assertThat(olga.language()).isEqualTo("cs");
        assertThat(olga.role()).as("the staff group maps to staff").isEqualTo(Role.STAFF);
        assertThat(browser.get("/settings/account").status()).as("signed in").isEqualTo(200);

        browser.post("/signout", Map.of());
        assertThat(browser.get("/settings/account").status()).as("signed out").isNotEqualTo(200);

        // the same subject with another (unverified) address and no staff group: the same member, no longer staff
        provider.enqueueCallback(callback("sub-olga", List.of(CLIENT), Map.of("preferred_username", "someone",
                "email", "other@elsewhere.example", "email_verified", false, "groups", List.of()), 3600));
        assertThat(signIn(browser, "/").status()).isEqualTo(303);
        Member again = server.components().accountStore.findById(olga.id()).orElseThrow();
        assertThat(again.email()).isEqualTo("olga@northwind.example");
        assertThat(again.role()).isEqualTo(Role.MEMBER);
        assertThat(server.components().accountStore.findByUsername("someone")).isEmpty();
    }

    @Test
    void aCallbackCarriedToAnotherBrowserOrUsedTwiceIsRefused() {
        provider.enqueueCallback(callback("sub-mallory", List.of(CLIENT), Map.of("preferred_username", "mallory",
                "email", "mallory@example.com", "email_verified", true), 3600));
        WebClient attacker = server.newClient();
        String callback = callbackFromProvider(attacker, "/");

        WebClient victim = server.newClient();
        Response refused = victim.get(callback);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("main p").first().text()).contains("started in another browser");
        assertThat(victim.cookie("th_session")).isNull();

        assertThat(attacker.get(callback).status()).as("the starting browser may use it once").isEqualTo(303);
        assertThat(attacker.get(callback).status()).as("but not twice").isEqualTo(400);
    }

    @Test
    void anExpiredOrForgedIdTokenIsRefused() {
        WebClient browser = server.newClient();
        provider.enqueueCallback(callback("sub-late", List.of(CLIENT), Map.of("email", "late@example.com",
                "email_verified", true), -600));
        Response expired = signIn(browser, "/");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("could not be trusted");

        // an ID token for the right issuer, client and nonce, but signed by a key that is not the provider's
        Response start = browser.post("/sso/start", Map.of("next", "/"));
        URI authorize = URI.create(start.location());
        String callback = followProvider(authorize);
        forger.answerNextTokenRequest("{\"access_token\":\"forged\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + forgedIdToken(queryParam(authorize, "nonce")) + "\"}");
        Response forged = browser.get(callback);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("could not be trusted");
        assertThat(browser.cookie("th_session")).isNull();
        assertThat(server.components().accountStore.findCredentials("late@example.com")).isEmpty();
        assertThat(server.components().accountStore.findCredentials("forged@example.com")).isEmpty();
    }

    private static String forgedIdToken(String nonce) {
        try {
            var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("forger").generate();
            var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .issuer(provider.issuerUrl("brand").toString()).audience(CLIENT).subject("sub-forged")
                    .claim("nonce", nonce).claim("email", "forged@example.com").claim("email_verified", true)
                    .issueTime(new java.util.Date()).expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000))
                    .build();
            var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.RS256).keyID("forger").build(), claims);
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + uri);
    }

    @Test
    void anUnverifiedAddressNeverTakesOverAnExistingAccount() {
        WebClient owner = server.newClient();
        assertThat(owner.register("ownerofaddress", "a long enough password").status()).isEqualTo(303);

        WebClient impostor = server.newClient();
        provider.enqueueCallback(callback("sub-impostor", List.of(CLIENT), Map.of("preferred_username", "impostor",
                "email", "ownerofaddress@example.com", "email_verified", false), 3600));
        Response refused = signIn(impostor, "/");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("already uses your email address");
        assertThat(impostor.cookie("th_session")).isNull();
    }

    /** The browser's whole trip: the sign-in button, the provider, and back to Townhall. */
    private Response signIn(WebClient browser, String next) {
        return browser.get(callbackFromProvider(browser, next));
    }

    /** Starts a sign-in and lets the provider answer; returns the callback path (with its query) to follow. */
    private String callbackFromProvider(WebClient browser, String next) {
        Response start = browser.post("/sso/start", Map.of("next", next));
        assertThat(start.status()).as(start.body()).isEqualTo(303);
        URI authorize = URI.create(start.location());
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256", "nonce=", "state=");
        return followProvider(authorize);
    }

    /** The provider's answer to the authorize request: the callback path (with code and state) to follow. */
    private String followProvider(URI authorize) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(authorize).build(),
                    HttpResponse.BodyHandlers.ofString());
            URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
            assertThat(back.getPath()).endsWith("/sso/callback");
            return "/sso/callback?" + back.getRawQuery();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A route of the provider that, when armed, answers its token endpoint once with a forged response. */
    static final class ForgedTokens implements no.nav.security.mock.oauth2.http.Route {
        private final java.util.concurrent.atomic.AtomicReference<String> next = new java.util.concurrent.atomic.AtomicReference<>();

        void answerNextTokenRequest(String json) {
            next.set(json);
        }

        @Override
        public boolean match(no.nav.security.mock.oauth2.http.OAuth2HttpRequest request) {
            return next.get() != null && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public no.nav.security.mock.oauth2.http.OAuth2HttpResponse invoke(
                no.nav.security.mock.oauth2.http.OAuth2HttpRequest request) {
            return new no.nav.security.mock.oauth2.http.OAuth2HttpResponse(
                    okhttp3.Headers.of("Content-Type", "application/json"), 200, next.getAndSet(null), null);
        }
    }

    private static DefaultOAuth2TokenCallback callback(String subject, List<String> audience, Map<String, Object> claims,
                                                       long expirySeconds) {
        return new DefaultOAuth2TokenCallback("brand", subject, "JWT", audience, claims, expirySeconds);
    }
}
