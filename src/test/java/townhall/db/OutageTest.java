package townhall.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.qa.PageCache;
import townhall.support.Community;
import townhall.support.DatabaseLink;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * The database goes away (an external MariaDB whose network is cut, or that stalls): requests fail fast with a 503
 * and Retry-After, visitors keep reading kept pages, a refused form keeps what was typed, and Townhall serves again
 * by itself once the database is back.
 */
class OutageTest {
    static final DatabaseLink link = new DatabaseLink();

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.DB_STATEMENT_SECONDS, "2")
            .with(Setting.PAGE_CACHE_SECONDS, "1") // copies older than 2 s are served only during an outage
            .reachingTheDatabaseThrough(link::route);
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @AfterEach
    void heal() {
        link.heal();
        Eventually.await(() -> server.newClient().get("/health").status() == 200);
    }

    @AfterAll
    static void closeLink() {
        link.close();
    }

    @Test
    void whileTheDatabaseIsGoneVisitorsReadKeptPagesMembersAre503dAndNothingTypedIsLost() {
        WebClient member = community.member("outage");
        long question = community.ask(member, "Headphones crackle at high volume", "Only on the left side, since May.",
                "audio");
        WebClient visitor = server.newClient();
        String page = visitor.get("/q/" + question).location();
        assertThat(visitor.get(page).status()).isEqualTo(200);

        link.cut();

        long started = System.nanoTime();
        Response refused = member.get(page);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).matches("\\d+");
        assertThat(refused.html().select("h1").text()).isEqualTo("We will be right back");
        assertThat(System.nanoTime() - started).as("refused without waiting out a 10 s timeout").isLessThan(8_000_000_000L);
        Eventually.await(() -> server.newClient().get("/health").status() == 503);
        assertThat(server.newClient().get("/health").body()).contains("\"status\":\"down\"", "unreachable");
        // a liveness probe still sees the process answer; a readiness probe takes it out of the load balancer
        assertThat(server.newClient().get("/health/live").status()).isEqualTo(200);
        assertThat(server.newClient().get("/health/ready").status()).isEqualTo(503);

        sleep(2_100); // the visitor's copy is now past its time, kept only for an outage
        Response kept = visitor.get(page);
        assertThat(kept.status()).as("a visitor still reads the kept copy").isEqualTo(200);
        assertThat(kept.header(PageCache.HEADER)).isEqualTo(PageCache.STALE);
        assertThat(kept.html().select("h1").text()).contains("Headphones crackle at high volume");
        assertThat(visitor.get("/tags").status()).as("a page never kept has nothing to show").isEqualTo(503);

        String answer = "Try the other cable first: mine crackled until I swapped it.";
        Response lost = member.post("/q/" + question + "/answers", Map.of("body", answer));
        assertThat(lost.status()).isEqualTo(503);
        Document refusedForm = lost.html();
        assertThat(refusedForm.select("textarea#typed").text()).isEqualTo(answer);
        Element resend = refusedForm.selectFirst("form[method=post]:has(button)");
        assertThat(resend.attr("action")).endsWith("/q/" + question + "/answers");

        link.heal();
        Eventually.await(() -> member.get(page).status() == 200);
        assertThat(member.get(page).body()).doesNotContain(answer);

        Map<String, String> fields = new LinkedHashMap<>();
        resend.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        assertThat(member.postRaw(resend.attr("action").replaceFirst("^.*?(/q/)", "$1"), fields).status())
                .as("sent again as it was typed").isEqualTo(303);
        assertThat(member.get(page).body()).contains(answer);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStatementPastItsTimeLimitIsEndedByTheServer() {
        long started = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> server.components().database.dsl().resultQuery("SELECT SLEEP(6)").fetch())
                .matches(Availability::isOutage, "a time-out, shown as the 503 page");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ended at the 2 s limit").isLessThan(5_000);
        assertThat(server.newClient().get("/health").status()).as("a slow statement is no outage").isEqualTo(200);
    }

    @Test
    void aStalledDatabaseCannotHoldARequestForever() {
        WebClient member = community.member("stalled");
        assertThat(member.get("/questions").status()).isEqualTo(200);

        link.freeze();
        long started = System.nanoTime();
        Response refused = member.get("/questions");
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).isEqualTo(503);
        assertThat(waited).as("ended by the time limits (2 s statements + 5 s), not after the stall").isLessThan(12_000);

        link.heal();
        Eventually.await(() -> member.get("/questions").status() == 200);
    }
}
