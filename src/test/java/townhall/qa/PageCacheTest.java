package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import townhall.config.Setting;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Anonymous visitors get kept copies of the busiest pages; members and changed questions get fresh ones. */
class PageCacheTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.PAGE_CACHE_SECONDS, "2");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void aVisitorGetsAKeptQuestionPageUntilTheQuestionChanges() {
        WebClient asker = community.member("cache_asker");
        long id = community.ask(asker, "Why does the left earbud lose its charge overnight?");
        String path = server.newClient().get("/q/" + id).location();
        WebClient visitor = server.newClient();

        assertThat(visitor.get(path).header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(visitor.get(path).header(PageCache.HEADER)).isEqualTo("hit");

        community.answer(community.member("cache_helper"), id, "Clean the charging contacts with a dry cotton swab.");
        Response afterAnswer = visitor.get(path);
        assertThat(afterAnswer.header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(afterAnswer.html().select(".answers .answer").text()).contains("dry cotton swab");

        asker.post("/posts/" + id + "/comments", Map.of("comment", "It happens in the case too, lid closed."));
        Response afterComment = visitor.get(path);
        assertThat(afterComment.header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(afterComment.body()).contains("It happens in the case too");
    }

    @Test
    void signedInMembersAlwaysGetAFreshPage() {
        WebClient member = community.member("cache_member");
        long id = community.ask(member, "Can the charging case be used as a power bank?");
        String path = member.get("/q/" + id).location();
        assertThat(member.get(path).header(PageCache.HEADER)).isNull();
        assertThat(member.get("/").header(PageCache.HEADER)).isNull();
    }

    @Test
    void aNewQuestionShowsInTheListsAtOnceOtherChangesWithinTheTimeToLive() throws InterruptedException {
        WebClient asker = community.member("cache_lister");
        WebClient visitor = server.newClient();
        visitor.get("/questions");
        long id = community.ask(asker, "Does the speaker support stereo pairing with an older model?");
        Response afterAsking = visitor.get("/questions");
        assertThat(afterAsking.header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(afterAsking.body()).contains("stereo pairing with an older model");

        community.answer(community.member("cache_answerer"), id, "Yes, through the app's Party mode, on firmware 2 or later.");
        Response kept = visitor.get("/questions");
        assertThat(kept.header(PageCache.HEADER)).isEqualTo("hit");
        assertThat(kept.html().select(".question-list li:contains(stereo pairing) .has-answers")).isEmpty();

        Thread.sleep(2_200); // the time to live this server was given
        Response fresh = visitor.get("/questions");
        assertThat(fresh.header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(fresh.html().select(".question-list li:contains(stereo pairing) .has-answers")).hasSize(1);
    }

    @Test
    void aKeptPageCarriesEachVisitorsOwnFormToken() {
        long id = community.ask(community.member("cache_token"), "Where do I find the serial number of the soundbar?");
        String path = server.newClient().get("/q/" + id).location();
        WebClient first = server.newClient();
        first.get(path);
        WebClient second = server.newClient();
        Response served = second.get(path);
        assertThat(served.header(PageCache.HEADER)).isEqualTo("hit");

        Document page = served.html();
        String token = page.select("input[name=_csrf]").first().val();
        assertThat(token).isEqualTo(second.csrfToken()).isNotEqualTo(first.csrfToken());
        Response chosen = second.postRaw("/language", Map.of("_csrf", token, "language", "cs", "next", path));
        assertThat(chosen.status()).isEqualTo(303);
    }

    @Test
    void viewsServedFromTheCacheAreCounted() {
        long id = community.ask(community.member("cache_views"), "How long does a firmware update of the headphones take?");
        String path = server.newClient().get("/q/" + id).location();
        for (int i = 0; i < 3; i++) {
            server.newClient().get(path);
        }
        server.app().viewCounter().flush();
        Document page = community.member("cache_reader").get(path).html();
        assertThat(page.select(".question-meta").text()).contains("3 views");
    }
}
