package townhall.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.FRESHNESS_CHECKS;
import static townhall.db.schema.Tables.PRODUCT_LINES;
import static townhall.db.schema.Tables.PRODUCT_VERSIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
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

/** Answers that stay true: staff record a new product version, and answers verified for an older one ask for review. */
class ProductVersionsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    /** A question tagged {@code tag} with one answer; returns {question id, answer id}. */
    private static long[] answeredQuestion(String tag, String title) {
        long question = community.ask(community.member("owner"), title,
                "The earbuds stopped pairing after the update, what should I do now?", tag);
        long answer = community.answer(community.member("expert"), question,
                "Hold both buttons for ten seconds to reset the pairing, then pair again.");
        return new long[] {question, answer};
    }

    private static long lineNamed(WebClient staff, String name) {
        Document page = staff.page("/admin/versions");
        return page.select("select#line option").stream().filter(o -> o.text().startsWith(name + " ")
                        || o.text().equals(name))
                .mapToLong(o -> Long.parseLong(o.val())).findFirst().orElseThrow();
    }

    private static long createLine(WebClient staff, String name, String tag) {
        Response created = staff.post("/admin/versions/lines", Map.of("lineName", name, "tag", tag, "category", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        return lineNamed(staff, name);
    }

    private static Response record(WebClient staff, long line, String version) {
        return staff.post("/admin/versions", Map.of("line", String.valueOf(line), "versionName", version, "released", ""));
    }

    private static String versionId(WebClient staff, long question, String version) {
        Element box = staff.page("/q/" + question).select(".verify-versions label:contains(" + version + ") input").first();
        assertThat(box).as("a box for version " + version).isNotNull();
        return box.val();
    }

    private static Response verify(WebClient staff, long answer, List<String> versionIds, String reviewBy) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(Map.entry("note", ""),
                Map.entry("versionsShown", "1"), Map.entry("reviewBy", reviewBy)));
        versionIds.forEach(id -> fields.add(Map.entry("versions", id)));
        return staff.postPairs("/posts/" + answer + "/verify", fields);
    }

    private static String freshness(long question) {
        return server.newClient().page("/q/" + question).select(".is-verified .freshness").text();
    }

    private static Element queueRow(WebClient staff, long question) {
        return staff.page("/admin/reverify").getElementById("answer-" + question);
    }

    @Test
    void recordingVersion43ShowsAnswersVerifiedFor42AsNeedingReviewUntilStaffSayTheyStillHold() throws Exception {
        WebClient admin = community.admin("ops");
        WebClient staff = community.staff("support");
        long[] qa = answeredQuestion("fw-one", "Earbuds stopped pairing after the firmware update");
        long line = createLine(admin, "Firmware One", "fw-one");
        assertThat(record(admin, line, "4.2").status()).isEqualTo(303);

        // verifying offers the line's versions, the current one ticked
        Element current = staff.page("/q/" + qa[0]).select(".verify-versions input[checked]").first();
        assertThat(current.parent().text()).contains("4.2");
        assertThat(verify(staff, qa[1], List.of(current.val()), "").status()).isEqualTo(303);
        assertThat(freshness(qa[0])).contains("Verified for 4.2").contains("checked");
        assertThat(queueRow(staff, qa[0])).isNull();

        Response recorded = record(admin, line, "4.3");
        assertThat(recorded.status()).isEqualTo(303);
        assertThat(admin.get(recorded.location()).html().select("[role=status]").text()).contains("4.3 is now current");

        // a visitor is told; staff find it in the queue, counted in their menu
        assertThat(freshness(qa[0])).contains("Verified for 4.2 — may be outdated for 4.3");
        Element row = queueRow(staff, qa[0]);
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("Earbuds stopped pairing").contains("Verified for 4.2 — may be outdated for 4.3")
                .contains("Firmware One").contains(community.usernameOf(staff));
        assertThat(staff.page("/questions").select(".staff-menu summary .count-reverify").text()).isNotEmpty();
        assertThat(admin.page("/admin/log").select("table.moderation-log tbody").text())
                .contains("recorded a product version").contains("Firmware One 4.3");

        // "still true for 4.3": it holds for both, leaves the queue, and the page says when it was checked
        Response still = staff.post("/admin/reverify/answer/" + qa[0], Map.of("how", "still", "reviewBy", ""));
        assertThat(still.status()).isEqualTo(303);
        assertThat(staff.get(still.location()).html().select("[role=status]").text()).contains("still true");
        assertThat(freshness(qa[0])).contains("Verified for 4.2, 4.3").doesNotContain("outdated");
        assertThat(queueRow(staff, qa[0])).isNull();
        assertThat(admin.page("/admin/log").select("table.moderation-log tbody").text())
                .contains("marked an answer still true");

        // the page's structured data says when it was last checked
        JsonNode ld = new ObjectMapper().readTree(server.newClient().page("/q/" + qa[0])
                .select("script[type=application/ld+json]").first().data());
        String checked = ld.at("/mainEntity/dateModified").asText();
        assertThat(checked).startsWith(LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(ld.at("/mainEntity/suggestedAnswer/0/dateModified").asText()).isEqualTo(checked);
    }

    @Test
    void reVerifyingForTheNewVersionClearsItAndDropsTheOlderVersions() {
        WebClient staff = community.staff("checker");
        long[] qa = answeredQuestion("fw-two", "Does the charging case support wireless charging now");
        long line = createLine(staff, "Firmware Two", "fw-two");
        record(staff, line, "1.0");
        verify(staff, qa[1], List.of(versionId(staff, qa[0], "1.0")), "");
        record(staff, line, "2.0");
        assertThat(queueRow(staff, qa[0]).text()).contains("Verified for 1.0 — may be outdated for 2.0");
        assertThat(staff.page("/q/" + qa[0]).select(".recheck-form button").eachText())
                .containsExactly("Re-verify for 2.0", "Still true for 2.0");

        Response reverified = staff.post("/admin/reverify/answer/" + qa[0],
                Map.of("how", "reverified", "back", "/q/" + qa[0]));
        assertThat(reverified.status()).isEqualTo(303);
        assertThat(reverified.location()).endsWith("/q/" + qa[0]);
        assertThat(freshness(qa[0])).contains("Verified for 2.0").doesNotContain("1.0");
        assertThat(queueRow(staff, qa[0])).isNull();
    }

    @Test
    void anAnswerPastItsReviewDateWaitsInTheQueueUntilChecked() {
        WebClient staff = community.staff("reviewer");
        long[] qa = answeredQuestion("fw-three", "How long does the battery last with noise cancelling on");
        String inAMonth = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        assertThat(verify(staff, qa[1], List.of(), inAMonth).status()).isEqualTo(303);
        assertThat(queueRow(staff, qa[0])).isNull();
        assertThat(staff.page("/q/" + qa[0]).select(".is-verified .verified-note").text()).contains(inAMonth);

        // a month and a day pass
        server.components().database.dsl().update(FRESHNESS_CHECKS)
                .set(FRESHNESS_CHECKS.REVIEW_BY, LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1))
                .where(FRESHNESS_CHECKS.SUBJECT_ID.eq(qa[0])).execute();
        Element row = queueRow(staff, qa[0]);
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("Review was due");

        assertThat(staff.post("/admin/reverify/answer/" + qa[0], Map.of("how", "still")).status()).isEqualTo(303);
        assertThat(queueRow(staff, qa[0])).isNull();
    }

    @Test
    void onlyStaffManageVersionsAndRecheckAndARefusalWritesNothing() {
        WebClient staff = community.staff("keeper");
        long[] qa = answeredQuestion("fw-four", "Can I turn off the voice prompts on the earbuds");
        long line = createLine(staff, "Firmware Four", "fw-four");
        record(staff, line, "7.0");
        verify(staff, qa[1], List.of(versionId(staff, qa[0], "7.0")), "");
        record(staff, line, "7.1");
        int lines = server.components().database.dsl().fetchCount(PRODUCT_LINES);
        int versions = server.components().database.dsl().fetchCount(PRODUCT_VERSIONS);

        for (WebClient who : List.of(community.member("curious"), community.helper("trusted"))) {
            assertThat(who.post("/admin/versions/lines", Map.of("lineName", "Sneaky", "tag", "fw-four")).status())
                    .isEqualTo(403);
            assertThat(record(who, line, "9.9").status()).isEqualTo(403);
            assertThat(who.post("/admin/reverify/answer/" + qa[0], Map.of("how", "still")).status()).isEqualTo(403);
            assertThat(who.get("/admin/versions").status()).isEqualTo(403);
            assertThat(who.get("/admin/reverify").status()).isEqualTo(403);
        }
        assertThat(server.newClient().post("/admin/reverify/answer/" + qa[0], Map.of("how", "still")).status())
                .isIn(303, 401, 403);
        assertThat(server.components().database.dsl().fetchCount(PRODUCT_LINES)).isEqualTo(lines);
        assertThat(server.components().database.dsl().fetchCount(PRODUCT_VERSIONS)).isEqualTo(versions);
        assertThat(queueRow(staff, qa[0])).isNotNull();
    }

    @Test
    void badInputSaysWhatIsWrongKeepsWhatWasTypedAndWritesNothing() {
        WebClient staff = community.staff("typist");
        community.ask(community.member("tagger"), "Which codecs does the Northwind Five support",
                "Asking about codecs, with enough words in the body.", "fw-five");
        long line = createLine(staff, "Firmware Five", "fw-five");
        record(staff, line, "3.0");
        int versions = server.components().database.dsl().fetchCount(PRODUCT_VERSIONS);

        Response empty = staff.post("/admin/versions", Map.of("line", String.valueOf(line), "versionName", " ",
                "released", "2026-01-01"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.html().select("#versionName-error").text()).contains("Give the version a name");
        assertThat(empty.html().select("#released").val()).isEqualTo("2026-01-01");

        Response duplicate = record(staff, line, "3.0");
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.html().select("#versionName-error").text()).contains("3.0 is already recorded");
        assertThat(duplicate.html().select("#versionName").val()).isEqualTo("3.0");

        Response unknown = staff.post("/admin/versions", Map.of("line", "987654", "versionName", "3.1", "released", ""));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.html().select("#line-error").text()).contains("Choose a product line from the list");
        assertThat(unknown.html().select("#versionName").val()).isEqualTo("3.1");

        Response badDate = staff.post("/admin/versions", Map.of("line", String.valueOf(line), "versionName", "3.2",
                "released", "soon"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.html().select("#released-error").text()).contains("as a date");
        assertThat(server.components().database.dsl().fetchCount(PRODUCT_VERSIONS)).isEqualTo(versions);

        Response sameLine = staff.post("/admin/versions/lines", Map.of("lineName", "Firmware Five", "tag", "fw-five"));
        assertThat(sameLine.status()).isEqualTo(422);
        assertThat(sameLine.html().select("#lineName-error").text()).contains("already a product line called Firmware Five");
        Response noTag = staff.post("/admin/versions/lines", Map.of("lineName", "Firmware Six", "tag", "no-such-tag"));
        assertThat(noTag.status()).isEqualTo(422);
        assertThat(noTag.html().select("#scope-error").text()).contains("There is no tag no-such-tag");
        assertThat(noTag.html().select("#lineName").val()).isEqualTo("Firmware Six");
        Response noScope = staff.post("/admin/versions/lines", Map.of("lineName", "Firmware Seven"));
        assertThat(noScope.html().select("#scope-error").text()).contains("either a category or a tag");

        // verifying with a review date in the past: said on the form, and the answer is not verified
        long[] qa = answeredQuestion("fw-five", "Does the Northwind Five support aptX Adaptive");
        Response past = verify(staff, qa[1], List.of(), "2020-01-01");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.html().select("#verify-reviewBy-error").text()).contains("after today");
        assertThat(past.html().select("#review-" + qa[1]).val()).isEqualTo("2020-01-01");
        assertThat(server.newClient().page("/q/" + qa[0]).select(".is-verified")).isEmpty();
    }

    private static JsonNode freshnessCounts(WebClient staff) throws Exception {
        return new ObjectMapper().readTree(staff.get("/admin/insight.json").body()).get("verifiedAnswers");
    }

    @Test
    void theInsightDashboardCountsVerifiedAnswersThatAreCurrentAndThoseNeedingReview() throws Exception {
        WebClient staff = community.staff("analyst");
        JsonNode before = freshnessCounts(staff);
        long[] kept = answeredQuestion("fw-eight", "Does the app show the battery of each earbud");
        long[] stale = answeredQuestion("fw-eight", "Can the earbuds pair with two phones at once");
        long line = createLine(staff, "Firmware Eight", "fw-eight");
        record(staff, line, "1.0");
        String v1 = versionId(staff, kept[0], "1.0");
        verify(staff, kept[1], List.of(v1), "");
        verify(staff, stale[1], List.of(v1), "");
        record(staff, line, "2.0");
        staff.post("/admin/reverify/answer/" + kept[0], Map.of("how", "still"));

        JsonNode after = freshnessCounts(staff);
        assertThat(after.get("verified").asInt() - before.get("verified").asInt()).isEqualTo(2);
        assertThat(after.get("current").asInt() - before.get("current").asInt()).isEqualTo(1);
        assertThat(after.get("needingReview").asInt() - before.get("needingReview").asInt()).isEqualTo(1);
        assertThat(after.get("outdatedByVersion").asInt() - before.get("outdatedByVersion").asInt()).isEqualTo(1);
        Element table = staff.page("/admin/insight").getElementById("freshness-table");
        assertThat(table.select("tr[data-figure=needsReview] td").text())
                .isEqualTo(after.get("needingReview").asText());
    }

    @Test
    void anFaqEntrySaysWhichVersionsItHoldsForAndWaitsForReviewWhenANewOneShips() {
        WebClient staff = community.staff("curator");
        community.ask(community.member("faqasker"), "How do I reset the Northwind Nine to factory settings",
                "Resetting question with enough words in its body.", "fw-nine");
        long line = createLine(staff, "Firmware Nine", "fw-nine");
        record(staff, line, "5.0");
        long section = townhall.faq.Faqs.section(staff, "Firmware Nine care");
        Element box = staff.page("/faq/new?section=" + section)
                .select(".verify-versions:contains(Firmware Nine) label:contains(5.0) input").first();
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>(List.of(
                Map.entry("section", String.valueOf(section)),
                Map.entry("question", "How do I reset the Northwind Nine?"),
                Map.entry("answer", "Hold both buttons for fifteen seconds until the light blinks white."),
                Map.entry("sourceQuestion", ""), Map.entry("sourceAnswer", ""), Map.entry("versionsShown", "1"),
                Map.entry("versions", box.val()), Map.entry("reviewBy", "2020-02-02")));
        int entries = server.components().database.dsl().fetchCount(townhall.db.schema.Tables.FAQ_ENTRIES);
        Response refused = staff.postPairs("/faq/new", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#reviewBy-error").text()).contains("after today");
        assertThat(refused.html().select("#question").val()).isEqualTo("How do I reset the Northwind Nine?");
        assertThat(refused.html().select(".verify-versions input[checked]").val()).isEqualTo(box.val());
        assertThat(server.components().database.dsl().fetchCount(townhall.db.schema.Tables.FAQ_ENTRIES))
                .isEqualTo(entries);

        form.set(7, Map.entry("reviewBy", ""));
        Response created = staff.postPairs("/faq/new", form);
        assertThat(created.status()).isEqualTo(303);
        String entry = created.location().replaceAll("^.*(/faq/\\d+).*$", "$1");
        long entryId = Long.parseLong(entry.substring("/faq/".length()));
        assertThat(server.newClient().page(entry).select(".faq-entry .freshness").text())
                .contains("For Firmware Nine 5.0");

        record(staff, line, "5.1");
        assertThat(server.newClient().page(entry).select(".faq-entry .freshness-outdated").text())
                .contains("Verified for 5.0 — may be outdated for 5.1");
        assertThat(server.newClient().page("/faq").select("#faq-" + entryId + " .freshness-outdated")).hasSize(1);
        Element row = staff.page("/admin/reverify").getElementById("faq-" + entryId);
        assertThat(row.text()).contains("How do I reset the Northwind Nine?").contains("may be outdated for 5.1");

        assertThat(staff.post("/admin/reverify/faq/" + entryId, Map.of("how", "reverified")).status()).isEqualTo(303);
        assertThat(staff.page("/admin/reverify").getElementById("faq-" + entryId)).isNull();
        assertThat(server.newClient().page(entry).select(".faq-entry .freshness").text()).contains("For Firmware Nine 5.1");
    }

    private static long queriesOf(java.util.function.Supplier<Response> request) {
        long before = server.components().database.queryCount();
        Response response = request.get();
        assertThat(response.status()).isEqualTo(200);
        return server.components().database.queryCount() - before;
    }

    @Test
    void theQueueAndAVerifiedAnswersPageCostAFixedNumberOfQueriesHoweverManyRows() {
        WebClient staff = community.staff("counter");
        WebClient reader = community.member("reader");
        long[] first = answeredQuestion("fw-ten", "Does the Northwind Ten work with hearing aids");
        long line = createLine(staff, "Firmware Ten", "fw-ten");
        record(staff, line, "1.0");
        long unverified = answeredQuestion("fw-ten", "Is the Northwind Ten sweat resistant enough")[0];
        String v1 = versionId(staff, first[0], "1.0");
        verify(staff, first[1], List.of(v1), "");
        record(staff, line, "1.1");
        long queue = queriesOf(() -> staff.get("/admin/reverify"));
        long versionsPage = queriesOf(() -> staff.get("/admin/versions"));
        for (int i = 0; i < 4; i++) {
            long[] more = answeredQuestion("fw-ten", "Another Northwind Ten question number " + i + " for the queue");
            verify(staff, more[1], List.of(v1), "");
        }
        record(staff, line, "1.2");
        assertThat(staff.page("/admin/reverify").select("table.reverify-queue tbody tr").size()).isGreaterThanOrEqualTo(5);
        assertThat(queriesOf(() -> staff.get("/admin/reverify"))).isEqualTo(queue);
        assertThat(queriesOf(() -> staff.get("/admin/versions"))).isEqualTo(versionsPage);

        // a verified answer's freshness is one query on its page, for readers and staff alike
        long plain = queriesOf(() -> reader.get("/q/" + unverified + "/is-the-northwind-ten-sweat-resistant-enough"));
        long fresh = queriesOf(() -> reader.get("/q/" + first[0] + "/does-the-northwind-ten-work-with-hearing-aids"));
        assertThat(fresh).isLessThanOrEqualTo(plain + 1);
    }

    @Test
    void aProductLineMayCoverACategoryInsteadOfATag() {
        WebClient staff = community.staff("categorist");
        long general = server.components().categories.all().stream().filter(c -> c.slug().equals("general"))
                .findFirst().orElseThrow().id();
        Response created = staff.post("/admin/versions/lines", Map.of("lineName", "General app", "category",
                String.valueOf(general), "tag", ""));
        assertThat(created.status()).isEqualTo(303);
        assertThat(staff.page("/admin/versions").select("table.product-lines tr:contains(General app)").text())
                .contains("Category");
        record(staff, lineNamed(staff, "General app"), "9.0");
        long[] qa = answeredQuestion("anything-else", "Where do I find the app's settings page");
        assertThat(staff.page("/q/" + qa[0]).select(".verify-versions legend").eachText())
                .anySatisfy(legend -> assertThat(legend).contains("General app"));
    }
}
