package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Staff publish announcements pinned until a date, and events that calendars and search engines understand. */
class AnnouncementsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.PAGE_CACHE_SECONDS, "0");
    static Community community;
    static WebClient staff;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("communitymanager");
    }

    static long publish(Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(Map.of("title", "", "body", "", "category", "", "pinnedUntil", "",
                "startsAt", "", "endsAt", "", "timeZone", "UTC", "place", "", "link", ""));
        form.putAll(fields);
        WebClient.Response response = staff.post("/announcements/new", form);
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*/announcement/(\\d+).*$", "$1"));
    }

    @Test
    void anAnnouncementIsPinnedOnTheHomePageUntilItsDay() {
        String tomorrow = LocalDate.now(ZoneId.of("UTC")).plusDays(1).toString();
        long id = publish(Map.of("title", "New firmware 2.1 is out", "body", "Update from the app: it fixes pairing.",
                "pinnedUntil", tomorrow));
        Document home = server.newClient().page("/");
        assertThat(home.select(".pinned-announcements a").text()).isEqualTo("New firmware 2.1 is out");
        assertThat(home.select(".pinned-announcements a").attr("href")).endsWith("/announcement/" + id + "/new-firmware-2-1-is-out");

        // pinned on a category: shown there, not on the home page
        long category = server.components().categories.ensure("speakers", "Speakers", "Speakers", 5);
        publish(Map.of("title", "Speaker trade-in week", "body", "Bring your old speaker to any shop.",
                "category", String.valueOf(category), "pinnedUntil", tomorrow));
        assertThat(server.newClient().page("/c/speakers").select(".pinned-announcements a").text())
                .isEqualTo("Speaker trade-in week");
        assertThat(server.newClient().page("/").select(".pinned-announcements").text()).doesNotContain("Speaker trade-in");

        // once its day is over, it is no longer pinned
        server.components().database.dsl().update(townhall.db.schema.Tables.ANNOUNCEMENTS)
                .set(townhall.db.schema.Tables.ANNOUNCEMENTS.PINNED_UNTIL, LocalDateTime.now().minusHours(1))
                .where(townhall.db.schema.Tables.ANNOUNCEMENTS.ID.eq(id)).execute();
        assertThat(server.newClient().page("/").select(".pinned-announcements").text()).doesNotContain("firmware");
        assertThat(server.newClient().page("/announcements").select("section[aria-labelledby=news-heading] a").eachText())
                .contains("New firmware 2.1 is out");
    }

    @Test
    void anEventDownloadsAsACalendarEntryInItsTimeZoneAndCarriesSchemaOrgData() throws Exception {
        String start = LocalDate.now().plusDays(10) + "T18:30";
        long id = publish(Map.of("title", "Ask the engineers: live Q&A", "body", "Our audio team answers your questions.",
                "startsAt", start, "endsAt", LocalDate.now().plusDays(10) + "T20:00", "timeZone", "Europe/Prague",
                "link", "https://meet.example.com/engineers"));
        Document page = server.newClient().page("/announcement/" + id);
        assertThat(page.select(".event-when").text()).contains(start.replace('T', ' ') + " (Europe/Prague)");

        WebClient.Response ics = server.newClient().get("/announcement/" + id + "/event.ics");
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.header("Content-Type")).startsWith("text/calendar");
        ICalendar calendar = Biweekly.parse(ics.body()).first();
        VEvent event = calendar.getEvents().get(0);
        assertThat(event.getSummary().getValue()).isEqualTo("Ask the engineers: live Q&A");
        ZonedDateTime expected = LocalDateTime.parse(start).atZone(ZoneId.of("Europe/Prague"));
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(expected.toInstant());
        assertThat(event.getLocation().getValue()).isEqualTo("https://meet.example.com/engineers");

        JsonNode data = new ObjectMapper().readTree(page.select("script[type=application/ld+json]").first().data());
        assertThat(data.get("@type").asText()).isEqualTo("Event");
        assertThat(data.get("startDate").asText()).isEqualTo(expected.toOffsetDateTime().toString());
        assertThat(data.get("eventAttendanceMode").asText()).endsWith("OnlineEventAttendanceMode");
        assertThat(data.get("location").get("url").asText()).isEqualTo("https://meet.example.com/engineers");

        // upcoming on the home page and the list; once over, archived among past events
        assertThat(server.newClient().page("/").select(".upcoming-events a").eachText()).contains("Ask the engineers: live Q&A");
        long past = publish(Map.of("title", "Spring meetup in Brno", "body", "Thanks to everyone who came along!",
                "startsAt", LocalDate.now().minusDays(3) + "T17:00", "timeZone", "Europe/Prague", "place", "Brno, Moravian Square 1"));
        Document list = server.newClient().page("/announcements");
        assertThat(list.select("section[aria-labelledby=upcoming-heading] a").eachText()).contains("Ask the engineers: live Q&A")
                .doesNotContain("Spring meetup in Brno");
        assertThat(list.select("section[aria-labelledby=past-heading] a").eachText()).contains("Spring meetup in Brno");
        assertThat(server.newClient().page("/announcement/" + past).select(".banner").text()).contains("This event is over.");
        assertThat(server.newClient().get("/announcement/" + past + "/event.ics").status()).isEqualTo(200);
    }

    @Test
    void onlyStaffPublishAndMistakesKeepWhatWasTyped() {
        WebClient member = community.member("wannabe");
        assertThat(member.get("/announcements/new").status()).isEqualTo(403);
        assertThat(member.post("/announcements/new", Map.of("title", "Fake announcement", "body", "Not from the team at all."))
                .status()).isEqualTo(403);
        assertThat(server.newClient().page("/announcements").text()).doesNotContain("Fake announcement");

        WebClient.Response response = staff.post("/announcements/new", Map.of("title", "Webinar on firmware updates",
                "body", "Join us for a walkthrough.", "category", "", "pinnedUntil", "", "startsAt", "next tuesday",
                "endsAt", "", "timeZone", "Mars/Olympus", "place", "", "link", "javascript:alert(1)"));
        assertThat(response.status()).isEqualTo(422);
        Document form = response.html();
        assertThat(form.select(".error-summary li")).hasSize(3);
        assertThat(form.select("#title").val()).isEqualTo("Webinar on firmware updates");
        assertThat(form.select("#startsAt").val()).isEqualTo("next tuesday");
        assertThat(form.select("#timeZone").val()).isEqualTo("Mars/Olympus");
        assertThat(server.newClient().page("/announcements").text()).doesNotContain("Webinar on firmware");
    }
}
