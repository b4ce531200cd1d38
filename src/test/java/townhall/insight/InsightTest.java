package townhall.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jooq.DSLContext;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/**
 * The dashboard against a community built here with known answers: four questions, answered after 3 h, 1 h (by staff,
 * after a member's answer that was deleted) and 5 h (in another category, accepted), and one unanswered for three days.
 */
class InsightTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient asker;
    static WebClient helper;
    static WebClient newcomer;
    static long answeredAfter3h;
    static long answeredByStaff;
    static long unanswered;
    static long billing;
    static long billingCategory;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void buildTheCommunity() {
        community = new Community(server);
        billingCategory = server.components().categories.ensure("billing", "Billing", "Invoices and payments", 2);
        staff = community.staff("manager");
        asker = community.member("asker");
        helper = community.member("helper");
        newcomer = community.member("rookie");
        DSLContext db = server.components().database.dsl();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);

        answeredAfter3h = community.ask(asker, "How do I pair the headphones with a laptop?");
        long helperAnswer = community.answer(helper, answeredAfter3h, "Hold the button for five seconds, then pick them.");
        setCreated(db, answeredAfter3h, now.minusHours(3));
        assertThat(staff.post("/posts/" + helperAnswer + "/verify", Map.of()).status()).isEqualTo(303);
        db.execute("UPDATE members SET helper = TRUE WHERE id = ?", community.idOf(helper));

        answeredByStaff = community.ask(asker, "Why does the left ear cushion squeak?");
        long deleted = community.answer(newcomer, answeredByStaff, "No idea really, but maybe it is broken somehow.");
        community.answer(staff, answeredByStaff, "A loose clip: press it back in until it clicks.");
        setCreated(db, answeredByStaff, now.minusHours(1));
        setCreated(db, deleted, now.minusMinutes(50));
        db.execute("UPDATE posts SET deleted_at = ? WHERE id = ?", now.minusMinutes(40), deleted);

        unanswered = community.ask(asker, "Is there a firmware update for the case?");
        setCreated(db, unanswered, now.minusDays(3));

        var response = asker.post("/ask", Map.of("title", "Why was I charged twice this month?", "body",
                "Two identical charges on my card for one order.", "tags", "invoice", "category", "billing"));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        billing = Long.parseLong(response.location().replaceAll("^.*?/q/(\\d+).*$", "$1"));
        long billingAnswer = community.answer(newcomer, billing, "The second one is a hold that disappears in a few days.");
        setCreated(db, billing, now.minusHours(5));
        assertThat(asker.post("/posts/" + billingAnswer + "/accept", Map.of()).status()).isEqualTo(303);

        // what the daily roll-ups hold for the past days, counted again after the test moved posts back in time
        for (int d = 1; d <= 40; d++) {
            db.execute("INSERT IGNORE INTO insight_dirty_days (day) VALUES (?)", LocalDate.now(ZoneOffset.UTC).minusDays(d));
        }
        server.components().insight.rollUp();
    }

    private static void setCreated(DSLContext db, long postId, LocalDateTime at) {
        db.execute("UPDATE posts SET created_at = ? WHERE id = ?", at, postId);
    }

    private static Map<String, String> figures(Document page, String section) {
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        for (Element row : page.select("#" + section + "-table tbody tr")) {
            figures.put(row.attr("data-figure"), row.select("td").first().text());
        }
        return figures;
    }

    @Test
    void engagementFiguresMatchTheCommunityBuiltInTheTest() {
        Document page = staff.page("/admin/insight");
        Map<String, String> engagement = figures(page, "engagement");
        assertThat(engagement).containsEntry("questions", "4")
                .containsEntry("answers", "3") // the deleted answer does not count
                .containsEntry("answered", "75 %")
                .containsEntry("accepted", "25 %")
                .containsEntry("verified", "25 %")
                .containsEntry("firstAnswerMedian", "3 h") // 1 h, 3 h, 5 h: the deleted answer after 10 minutes is no answer
                .containsEntry("firstAnswerP90", "5 h")
                .containsEntry("unanswered48", "1")
                .containsEntry("helperAnswers", "33.3 %")
                .containsEntry("communityFirst", "66.7 %");
        assertThat(page.select("#unanswered-heading + ul a").eachText())
                .containsExactly("Is there a firmware update for the case?");
        Map<String, String> growth = figures(page, "growth");
        assertThat(growth).containsEntry("newMembers", "4").containsEntry("firstPosters", "4");
    }

    @Test
    void categoryAndTagFiltersNarrowTheFigures() {
        Map<String, String> billingOnly = figures(staff.page("/admin/insight?category=" + billingCategory), "engagement");
        assertThat(billingOnly).containsEntry("questions", "1").containsEntry("answered", "100 %")
                .containsEntry("accepted", "100 %").containsEntry("firstAnswerMedian", "5 h");
        Map<String, String> tagged = figures(staff.page("/admin/insight?tag=invoice"), "engagement");
        assertThat(tagged).containsEntry("questions", "1").containsEntry("answers", "1");
    }

    @Test
    void thePreviousPeriodIsComparedAndEmptyPeriodsShowDashes() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Document page = staff.page("/admin/insight?from=" + today.minusDays(1) + "&to=" + today);
        // the question of three days ago falls in neither this period nor the previous one (two days)
        assertThat(figures(page, "engagement").get("questions")).isEqualTo("3");
        Document past = staff.page("/admin/insight?from=2020-01-01&to=2020-01-31");
        assertThat(figures(past, "engagement")).containsEntry("questions", "0").containsEntry("answered", "—");
    }

    @Test
    void badDatesAreRefusedOnTheFormWhichKeepsWhatWasTyped() {
        WebClient.Response response = staff.get("/admin/insight?from=yesterday&to=2026-01-01");
        assertThat(response.status()).isEqualTo(422);
        Document page = response.html();
        assertThat(page.select("#from-error").text()).contains("YYYY-MM-DD");
        assertThat(page.select("#from").val()).isEqualTo("yesterday");
        assertThat(staff.get("/admin/insight?from=2026-02-01&to=2026-01-01").html().select("#from-error").text())
                .isNotBlank();
    }

    @Test
    void onlyStaffSeeTheDashboardAndItsData() {
        assertThat(helper.get("/admin/insight").status()).isEqualTo(403);
        assertThat(helper.get("/admin/insight.json").status()).isEqualTo(403);
        assertThat(helper.get("/admin/insight.csv").status()).isEqualTo(403);
        assertThat(server.newClient().get("/admin/insight").location()).contains("/signin");
        assertThat(helper.post("/admin/insight/thank", Map.of("member", "" + community.idOf(newcomer))).status())
                .isEqualTo(403);
    }

    @Test
    void theJsonHasTheSameFiguresAsThePage() throws Exception {
        JsonNode figures = json.readTree(staff.get("/admin/insight.json").body());
        assertThat(figures.at("/engagement/questions/value").asDouble()).isEqualTo(4.0);
        assertThat(figures.at("/engagement/firstAnswerMedian/value").asDouble()).isEqualTo(3.0);
        assertThat(figures.at("/engagement/answered/value").asDouble()).isEqualTo(75.0);
        assertThat(figures.at("/unansweredAfter48h/0/id").asLong()).isEqualTo(unanswered);
        assertThat(figures.at("/people/top/0/username").asText()).isNotBlank();
    }

    @Test
    void theCsvOfTheDaysEqualsTheTableOnThePage() throws Exception {
        Document page = staff.page("/admin/insight");
        List<List<String>> table = new ArrayList<>();
        for (Element row : page.select("#days-table tr")) {
            table.add(row.select("th, td").eachText());
        }
        WebClient.Response csv = staff.get("/admin/insight.csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(parse(csv.body())).isEqualTo(table);
        assertThat(csv.body()).contains(LocalDate.now(ZoneOffset.UTC).toString());

        List<List<String>> figureRows = new ArrayList<>();
        for (String section : List.of("growth", "engagement", "satisfaction")) {
            String heading = page.select("#" + section + "-heading").text();
            for (Element row : page.select("#" + section + "-table tbody tr")) {
                figureRows.add(List.of(heading, row.select("th").text()));
            }
        }
        List<List<String>> csvFigures = parse(staff.get("/admin/insight.csv?table=figures").body()).stream()
                .skip(1).map(r -> r.subList(0, 2)).toList();
        assertThat(csvFigures).isEqualTo(figureRows);
    }

    private static List<List<String>> parse(String csv) throws java.io.IOException {
        List<List<String>> rows = new ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVParser.parse(csv.replace("\uFEFF", ""),
                org.apache.commons.csv.CSVFormat.RFC4180)) {
            parser.forEach(r -> rows.add(r.toList()));
        }
        return rows;
    }

    @Test
    void eachChartIsAnSvgWithATitleAndItsNumbersAsATable() {
        Document page = staff.page("/admin/insight");
        assertThat(page.select("svg.insight-chart")).hasSize(2);
        assertThat(page.select("svg.insight-chart title").eachText())
                .contains("Questions, answers and comments per day");
        assertThat(page.select("svg.insight-chart polyline")).hasSize(6);
        assertThat(page.select("#days-table tbody tr")).hasSize(30);
    }

    @Test
    void readersSayOncePerVisitorWhetherAnAnswerSolvedTheirProblem() {
        WebClient visitor = server.newClient();
        Document question = visitor.page("/q/" + answeredAfter3h);
        assertThat(question.select("#satisfaction button[value=yes]")).hasSize(1);
        assertThat(visitor.page("/q/" + unanswered).select("#satisfaction")).isEmpty();

        Map<String, String> firefox = Map.of("User-Agent", "Firefox on a test machine");
        assertThat(visitor.post("/insight/solved/" + answeredAfter3h, Map.of("solved", "yes"), firefox).body())
                .contains("Thank you");
        // the same visitor again, even without cookies: counted once
        WebClient sameVisitorNoCookies = server.newClient();
        sameVisitorNoCookies.get("/");
        assertThat(sameVisitorNoCookies.post("/insight/solved/" + answeredAfter3h, Map.of("solved", "yes"), firefox)
                .body()).contains("already answered");
        // another visitor (another browser), and a member who says no, with a reason
        assertThat(server.newClient().post("/insight/solved/" + answeredAfter3h, Map.of("solved", "yes"),
                Map.of("User-Agent", "Another browser")).body()).contains("Thank you");
        assertThat(newcomer.post("/insight/solved/" + answeredAfter3h, Map.of("solved", "no",
                "reason", "My laptop has no Bluetooth")).body()).contains("Thank you");
        assertThat(newcomer.post("/insight/solved/" + answeredAfter3h, Map.of("solved", "yes")).body())
                .contains("already answered");
        // a question without an accepted or verified answer cannot be rated; a missing choice is a message
        assertThat(newcomer.post("/insight/solved/" + unanswered, Map.of("solved", "yes")).status()).isEqualTo(403);
        WebClient.Response missing = newcomer.post("/insight/solved/" + billing, Map.of("reason", "typed text"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.html().select("#solved-error").text()).contains("Choose Yes or No");
        assertThat(missing.html().select("#reason").text()).isEqualTo("typed text");

        // nothing that names the visitor is stored raw
        List<String> voters = server.components().database.dsl()
                .fetch("SELECT voter FROM insight_satisfaction").getValues(0, String.class);
        assertThat(voters).hasSize(3).noneMatch(v -> v.contains("127.0.0.1") || v.contains("Firefox"));

        Document page = staff.page("/admin/insight");
        assertThat(figures(page, "satisfaction")).containsEntry("solved", "66.7 %").containsEntry("ratings", "3");
        assertThat(page.select("#satisfaction-categories tbody tr").first().select("th, td").eachText())
                .containsExactly("General", "2", "1", "67 %");
        assertThat(page.text()).contains("My laptop has no Bluetooth");
    }

    @Test
    void visitorsAreCountedWithoutCookiesAndOnlyAsHashes() {
        WebClient reader = server.newClient();
        reader.get("/q/" + answeredAfter3h);
        reader.get("/questions");
        server.app().visitors().flush();
        List<String> visitors = server.components().database.dsl()
                .fetch("SELECT visitor FROM insight_visits").getValues(0, String.class);
        assertThat(visitors).isNotEmpty().allMatch(v -> v.matches("[0-9a-f]{32}"));
        assertThat(Integer.parseInt(figures(staff.page("/admin/insight"), "growth").get("visitors")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void staffThankAMemberWhoGetsANotification() {
        long member = community.idOf(newcomer);
        WebClient.Response thanked = staff.post("/admin/insight/thank", Map.of("member", "" + member, "back",
                "/admin/insight"));
        assertThat(thanked.status()).isEqualTo(303);
        assertThat(newcomer.page("/notifications").text()).contains("thanks you for your answers");
    }

    @Test
    void peopleToThankAndToWatchAreListed() {
        Document page = staff.page("/admin/insight");
        assertThat(page.select("#people").text()).contains(community.usernameOf(helper), community.usernameOf(newcomer));
        assertThat(page.select("#people form[action$=/admin/insight/thank]")).isNotEmpty();
    }

    @Test
    void theWeeklyReportGoesOnceAWeekToStaffWhoAskedForIt() {
        assertThat(staff.post("/admin/insight/report", Map.of("weekly", "on")).status()).isEqualTo(303);
        assertThat(staff.page("/admin/insight").select("#weekly").hasAttr("checked")).isTrue();
        DSLContext db = server.components().database.dsl();
        // the roll-up job may have sent this week's report already, once the staff member asked for it
        int before = db.fetchCount(db.selectFrom("mail_messages").where("template = 'insight_weekly'"));
        server.components().siteSettings.put(WeeklyReport.SENT_WEEK, "2000-01-03");
        assertThat(server.components().insightReport.sendIfDue()).isEqualTo(1);
        assertThat(server.components().insightReport.sendIfDue()).isZero();
        assertThat(db.fetchCount(db.selectFrom("mail_messages").where("template = 'insight_weekly'"))).isEqualTo(before + 1);
    }

    @Test
    void theDashboardSpeaksRussianAndCzech() {
        long id = community.idOf(staff);
        DSLContext db = server.components().database.dsl();
        try {
            db.execute("UPDATE members SET language = 'ru' WHERE id = ?", id);
            Document ru = staff.page("/admin/insight");
            assertThat(ru.select("h1").text()).isEqualTo("Аналитика сообщества");
            assertThat(ru.select("#engagement-table tr[data-figure=firstAnswerMedian] td").first().text())
                    .isEqualTo("3 ч");
            assertThat(ru.select("#unanswered-heading").text()).isEqualTo("1 вопрос периода без ответа дольше 48 часов");
            db.execute("UPDATE members SET language = 'cs' WHERE id = ?", id);
            Document cs = staff.page("/admin/insight");
            assertThat(cs.select("h1").text()).isEqualTo("Přehled komunity");
            assertThat(cs.select("#engagement-table tr[data-figure=helperAnswers] td").first().text())
                    .isEqualTo("33,3 %");
        } finally {
            db.execute("UPDATE members SET language = NULL WHERE id = ?", id);
        }
    }

    @Test
    void theDashboardCostsABoundedNumberOfQueriesHoweverManyRowsItLists() {
        DSLContext db = server.components().database.dsl();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 12; i++) { // results opened from twelve searches: each listed with its title
            db.execute("INSERT INTO search_log (token, browser, query, result_count, shown, created_at)"
                    + " VALUES (?, 'b', 'pairing', 3, '', ?)", String.format("tok%019d", i), now);
            db.execute("INSERT INTO search_opens (search_token, target, position, created_at) VALUES (?, ?, 1, ?)",
                    String.format("tok%019d", i), "q" + (i % 2 == 0 ? answeredAfter3h : billing), now);
        }
        long before = server.components().database.queryCount();
        Document page = staff.page("/admin/insight");
        long month = server.components().database.queryCount() - before;
        assertThat(page.select("#deflectors-heading + ol li")).hasSize(2);
        before = server.components().database.queryCount();
        staff.page("/admin/insight?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(364));
        long year = server.components().database.queryCount() - before;
        assertThat(month).isLessThanOrEqualTo(MAX_QUERIES);
        assertThat(year).isLessThanOrEqualTo(MAX_QUERIES);
    }

    static final int MAX_QUERIES = 50;
}
