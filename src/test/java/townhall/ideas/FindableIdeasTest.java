package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.awaitSearch;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.search.Searching;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Ideas and announcements are found by search, suggested while a new idea is typed, and listed in sitemap and feeds. */
class FindableIdeasTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient member;
    static long board;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("finder");
        member = community.member("seeker");
        board = Ideas.board(server, staff, "findable-ideas", "");
    }

    @Test
    void ideasAndAnnouncementsAreSearchableAndSimilarIdeasShowWhileTyping() {
        long idea = Ideas.propose(member, board, "Waterproof charging case for swimmers",
                "Swimmers need a charging case that survives the pool.", "swimming case");
        List<String> found = awaitSearch(member, "waterproof charging", t -> t.contains("Waterproof charging case for swimmers"));
        assertThat(found).contains("Waterproof charging case for swimmers");
        Document results = Searching.search(member, "waterproof charging");
        assertThat(results.select(".search-result:has(a:contains(Waterproof charging case)) .mark-idea").text())
                .startsWith("Idea");
        // opening the result leads to the idea
        String go = results.select(".search-result h2 a:contains(Waterproof charging case)").attr("href");
        assertThat(member.visit(go).location()).isEqualTo("/idea/" + idea);

        Document similar = member.post("/ideas/similar", Map.of("title", "a charging case that is waterproof")).html();
        assertThat(similar.select(".similar-ideas-list a").eachText()).contains("Waterproof charging case for swimmers");
        // questions do not suggest ideas
        assertThat(member.post("/ask/suggestions", Map.of("title", "Waterproof charging case for swimmers", "body", ""))
                .body()).doesNotContain("/idea/");

        WebClient.Response published = staff.post("/announcements/new", Map.of("title", "Pool party for the swimming community",
                "body", "Bring your waterproof earbuds to the pool party.", "category", "", "pinnedUntil", "",
                "startsAt", "", "endsAt", "", "timeZone", "UTC", "place", "", "link", ""));
        assertThat(published.status()).isEqualTo(303);
        assertThat(awaitSearch(member, "pool party", t -> t.contains("Pool party for the swimming community")))
                .contains("Pool party for the swimming community");

        // merged ideas leave search
        long duplicate = Ideas.propose(member, board, "Waterproof charger case for pool swimmers");
        awaitSearch(member, "charger pool swimmers", t -> t.contains("Waterproof charger case for pool swimmers"));
        assertThat(staff.post("/idea/" + duplicate + "/merge", Map.of("survivor", String.valueOf(idea))).status())
                .isEqualTo(303);
        assertThat(awaitSearch(member, "charger pool swimmers", t -> !t.contains("Waterproof charger case for pool swimmers")))
                .doesNotContain("Waterproof charger case for pool swimmers");
    }

    @Test
    void shippedIdeasHaveAnRssFeedAndTheRoadmapShowsEachColumn() throws Exception {
        long planned = Ideas.propose(member, board, "Dark mode for the companion app");
        long shipped = Ideas.propose(member, board, "Battery widget on the phone home screen");
        Ideas.vote(community.member("widgetfan"), shipped);
        Ideas.setStatus(staff, planned, "planned", "Coming this autumn.");
        Ideas.setStatus(staff, shipped, "shipped", "Out now in version **3.2**.");

        Document roadmap = server.newClient().page("/roadmap");
        assertThat(roadmap.select("#roadmap-planned ~ ul a").eachText()).contains("Dark mode for the companion app");
        assertThat(roadmap.select("#roadmap-shipped ~ ul a").eachText()).contains("Battery widget on the phone home screen");
        assertThat(roadmap.select("#roadmap-progress ~ ul a").eachText()).doesNotContain("Dark mode for the companion app");
        assertThat(roadmap.select("link[rel=alternate][type=application/rss+xml]").attr("href")).endsWith("/feeds/rss/shipped");

        WebClient.Response rss = server.newClient().get("/feeds/rss/shipped");
        assertThat(rss.status()).isEqualTo(200);
        SyndFeed feed = new SyndFeedInput().build(new StringReader(rss.body()));
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertThat(titles).contains("Battery widget on the phone home screen").doesNotContain("Dark mode for the companion app");
        assertThat(server.newClient().get("/feeds/atom/announcements").status()).isEqualTo(200);

        // the CSV export for product managers: every idea with its votes, staff only
        WebClient.Response csv = staff.get("/ideas/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        CSVRecord widget = rows.stream().filter(r -> r.get("id").equals(String.valueOf(shipped))).findFirst().orElseThrow();
        assertThat(widget.get("title")).isEqualTo("Battery widget on the phone home screen");
        assertThat(widget.get("status")).isEqualTo("shipped");
        assertThat(widget.get("votes")).isEqualTo("1");
        assertThat(widget.get("board")).isEqualTo("Board findable-ideas");
    }

    @Test
    void theSitemapListsIdeasBoardsAndAnnouncements() {
        long idea = Ideas.propose(member, board, "Replaceable ear tips in three sizes");
        String sitemap = server.newClient().get("/sitemap.xml").body();
        assertThat(sitemap).contains("/idea/" + idea + "/replaceable-ear-tips-in-three-sizes</loc>")
                .contains("/ideas/findable-ideas</loc>").contains("/roadmap</loc>").contains("/announcements</loc>");
    }

    @Test
    void everyNewFieldShowsScriptsAsText() {
        String xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        long idea = Ideas.propose(member, board, "Idea " + xss, "Body " + xss + " [link](javascript:alert(3))", "");
        Ideas.setStatus(staff, idea, "review", "Response " + xss);
        Ideas.poll(server, member, "idea", idea, "Poll " + xss, "One " + xss + "\nTwo", false);
        WebClient.Response event = staff.post("/announcements/new", Map.of("title", "Event " + xss,
                "body", "Text " + xss, "category", "", "pinnedUntil", LocalDate.now().plusDays(2).toString(),
                "startsAt", LocalDate.now().plusDays(3) + "T10:00", "endsAt", "", "timeZone", "UTC",
                "place", "Place " + xss, "link", ""));
        assertThat(event.status()).isEqualTo(303);
        for (String path : List.of("/idea/" + idea, "/ideas/findable-ideas", "/ideas", "/roadmap", "/",
                event.location(), "/announcements", "/ideas/export.csv")) {
            WebClient.Response response = staff.get(path);
            if (response.status() == 301) {
                response = staff.visit(response.location());
            }
            assertThat(response.status()).as(path).isEqualTo(200);
            if (path.endsWith(".csv")) {
                continue;
            }
            Document page = response.html();
            assertThat(page.select("script:not([src]):not([type=application/ld+json])").eachAttr("id")).as(path).isEmpty();
            assertThat(page.select("script").stream().filter(s -> s.data().contains("alert(1)"))
                    .filter(s -> !"application/ld+json".equals(s.attr("type")))).as(path).isEmpty();
            assertThat(page.select("[onerror]")).as(path).isEmpty();
            assertThat(page.select("a[href^=javascript]")).as(path).isEmpty();
        }
        // JSON-LD keeps "<" escaped, so the script element cannot be closed from inside
        String announcementPage = staff.visit(staff.get(event.location()).status() == 301
                ? staff.get(event.location()).location() : event.location()).body();
        assertThat(announcementPage).doesNotContain("<script>alert(1)");
        assertThat(staff.page("/idea/" + idea).select("h1").text()).isEqualTo("Idea " + xss);
        // a spreadsheet does not run a title as a formula
        assertThat(IdeaRoutes.spreadsheetSafe("=HYPERLINK(\"http://evil\")")).startsWith("'=");
    }
}
