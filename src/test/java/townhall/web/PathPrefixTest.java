package townhall.web;

import static org.assertj.core.api.Assertions.assertThat;

import townhall.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Townhall served under a path prefix, as behind https://brand.example/community/. */
class PathPrefixTest {
    static final String PREFIX = "/community";
    static final String BASE = "http://brand.example/community";

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.BASE_URL, BASE + "/");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    /** Every address a page links, posts or loads from, as the browser reads it. */
    private static List<String> addressesOf(Document page) {
        List<String> addresses = new ArrayList<>();
        for (Element element : page.select("[href], [src], [action]")) {
            for (String attribute : List.of("href", "src", "action")) {
                if (element.hasAttr(attribute)) {
                    addresses.add(element.tagName() + " " + attribute + "=" + element.attr(attribute));
                }
            }
        }
        return addresses;
    }

    private static void assertAllInsideThePrefix(Document page) {
        List<String> addresses = addressesOf(page);
        assertThat(addresses).isNotEmpty();
        for (String address : addresses) {
            String value = address.substring(address.indexOf('=') + 1);
            assertThat(value.startsWith("#") || value.startsWith(PREFIX + "/") || value.startsWith(BASE + "/")
                    || value.equals(BASE))
                    .as("%s stays inside %s", address, PREFIX).isTrue();
        }
        assertThat(page.select("html").attr("data-base")).isEqualTo(PREFIX);
    }

    @Test
    void everyLinkFormAndAssetOfTheMainPagesStartsWithThePrefix() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Which cable do I need for the studio monitors?");
        community.answer(community.member("answerer"), question, "The XLR one, with a balanced output.");

        Response home = asker.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertAllInsideThePrefix(home.html());

        Response moved = asker.get("/q/" + question);
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.location()).startsWith(PREFIX + "/q/" + question + "/");
        Response page = asker.visit(moved.location());
        assertThat(page.status()).isEqualTo(200);
        assertAllInsideThePrefix(page.html());
        assertThat(page.html().select("link[rel=canonical]").attr("href")).isEqualTo(BASE + moved.location().substring(PREFIX.length()));

        Response ask = asker.get("/ask");
        assertThat(ask.status()).isEqualTo(200);
        assertAllInsideThePrefix(ask.html());

        for (String path : new String[] {"/search?q=cable", "/faq", "/tags", "/leaderboard", "/privileges",
                "/u/" + community.usernameOf(asker), "/posts/" + question + "/revisions"}) {
            Response other = asker.get(path);
            assertThat(other.status()).as(path).isEqualTo(200);
            assertAllInsideThePrefix(other.html());
        }
        Response opened = asker.get("/search/go?s=x&to=q" + question + "&n=1");
        assertThat(opened.location()).startsWith(PREFIX + "/q/" + question);

        Document anonymousQuestion = server.newClient().visit(moved.location()).html();
        assertAllInsideThePrefix(anonymousQuestion);
        assertThat(anonymousQuestion.select(".your-answer a").first().attr("href"))
                .isEqualTo(PREFIX + "/signin?next=" + java.net.URLEncoder.encode(moved.location().substring(PREFIX.length()),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void assetsAndCookiesLiveUnderThePrefix() {
        WebClient visitor = server.newClient();
        Response home = visitor.get("/");
        assertThat(home.header("Set-Cookie")).contains("Path=" + PREFIX + ";");
        for (Element stylesheet : home.html().select("link[rel=stylesheet]")) {
            Response css = visitor.visit(stylesheet.attr("href"));
            assertThat(css.status()).as(stylesheet.attr("href")).isEqualTo(200);
            assertThat(css.header("Content-Type")).startsWith("text/css");
        }
        assertThat(visitor.visit(home.html().select("link[rel=icon]").attr("href")).status()).isEqualTo(200);
        String sitemap = visitor.get("/sitemap.xml").body();
        assertThat(sitemap).contains("<loc>" + BASE + "/questions</loc>");
        assertThat(visitor.get("/robots.txt").body()).contains("Disallow: " + PREFIX + "/ask")
                .contains("Sitemap: " + BASE + "/sitemap.xml");
    }

    @Test
    void aFullRoundTripWorksThroughThePrefixedAddresses() {
        WebClient browser = server.newClient();
        Response askFirst = browser.get("/ask");
        assertThat(askFirst.status()).isEqualTo(303);
        assertThat(askFirst.location()).isEqualTo(PREFIX + "/signin?next=%2Fask");

        Response registered = browser.register("prefixed", "a long enough password");
        assertThat(registered.status()).isEqualTo(303);
        assertThat(registered.location()).isEqualTo(PREFIX + "/?welcome=1");
        assertThat(browser.visit(registered.location()).html().select(".who").text()).contains("prefixed");

        Response asked = browser.post("/ask", Map.of("title", "Does the prefix survive a whole conversation?",
                "body", "Asking through the prefixed address, with enough words.", "tags", "prefix",
                "category", "general"));
        assertThat(asked.status()).isEqualTo(303);
        assertThat(asked.location()).matches(PREFIX + "/q/\\d+");
        String questionPath = browser.visit(asked.location()).location();
        assertThat(questionPath).startsWith(PREFIX + "/q/");
        long id = Long.parseLong(questionPath.replaceAll("^.*/q/(\\d+)/.*$", "$1"));

        WebClient helper = community.member("helper");
        Response answered = helper.post("/q/" + id + "/answers", Map.of("body", "Yes, every redirect keeps it."));
        assertThat(answered.status()).isEqualTo(303);
        assertThat(answered.location()).startsWith(questionPath + "#a");

        Document page = browser.visit(questionPath).html();
        assertThat(page.select(".answer .post-body").text()).contains("Yes, every redirect keeps it.");
        String accept = page.select("form[action$=/accept]").attr("action");
        assertThat(accept).startsWith(PREFIX + "/posts/");
        Response accepted = browser.post(accept.substring(PREFIX.length()), Map.of());
        assertThat(accepted.location()).startsWith(questionPath);
        assertThat(browser.visit(questionPath).html().select(".accepted-mark")).isNotEmpty();

        Response signedOut = browser.post("/signout", Map.of());
        assertThat(signedOut.location()).isEqualTo(PREFIX + "/");
        Response signedIn = browser.post("/signin", Map.of("login", "prefixed", "password", "a long enough password",
                "next", "/ask"));
        assertThat(signedIn.location()).isEqualTo(PREFIX + "/ask");
        assertThat(browser.visit(signedIn.location()).status()).isEqualTo(200);
    }
}
