package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.OUTBOX;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * Category permissions: a staff-only category never leaks to visitors, members or a group's members; a
 * members-only one shows to members and not to visitors; a group's category to the group's members only. Every
 * page and channel that lists or shows questions is asked, as each reader.
 */
class CategoryPermissionsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient admin;
    static WebClient staff;
    static WebClient member;
    static WebClient partner;
    static WebClient anonymous;
    static WebClient tagFollower;
    static long staffOnly;
    static long membersOnly;
    static long partnersOnly;
    static long everyone;
    static String staffName;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("keeper");
        staff = community.staff("insider");
        staffName = community.usernameOf(staff);
        member = community.member("reader");
        partner = community.member("partner");
        tagFollower = community.member("follower");
        anonymous = server.newClient();
        for (String name : List.of("Staff room", "Members lounge", "Partner program")) {
            assertThat(admin.post("/admin/categories", Map.of("name", name, "description", "")).status()).isEqualTo(303);
        }
        Response group = admin.post("/admin/groups", Map.of("name", "Partners"));
        assertThat(group.status()).as(group.body()).isEqualTo(303);
        String groupPath = group.location().replaceAll("^.*(/admin/groups/\\d+)$", "$1");
        String groupId = groupPath.replaceAll("^.*/", "");
        assertThat(admin.post(groupPath + "/members", Map.of("username", community.usernameOf(partner))).status())
                .isEqualTo(303);
        setVisibility("staff-room", "staff", "");
        setVisibility("members-lounge", "members", "");
        setVisibility("partner-program", "group", groupId);
        assertThat(tagFollower.post("/watch", Map.of("target", "tag", "key", "zebracorn", "level", "watch", "back", "/"))
                .status()).isIn(303, 404); // the tag does not exist yet: watched below once it does

        staffOnly = ask(staff, "Zebracorn launch plan for the spring", "staff-room", "zebracorn zebrasecret");
        tagFollowerWatchesZebracorn();
        long hidden = ask(staff, "Zebracorn pricing review before the announcement", "staff-room", "zebracorn");
        everyone = ask(member, "Zebracorn headphones pairing with a laptop", "general", "zebracorn");
        membersOnly = ask(member, "Quokkaberry lounge rules for members", "members-lounge", "quokkaberry");
        partnersOnly = ask(partner, "Wombatine partner discount codes", "partner-program", "wombatine");
        fannedOut();
        assertThat(noticesOf(tagFollower, everyone)).as("the public question reaches the tag's follower").isNotEmpty();
        assertThat(noticesOf(tagFollower, hidden)).as("the staff-only one does not").isEmpty();
        Eventually.await(() -> staff.page("/search?q=wombatine").text().contains("Wombatine partner discount"));
    }

    private static void tagFollowerWatchesZebracorn() {
        assertThat(tagFollower.post("/watch", Map.of("target", "tag", "key", "zebracorn", "level", "watch", "back", "/"))
                .status()).isEqualTo(303);
    }

    private static void setVisibility(String slug, String visibility, String group) {
        long id = server.components().categories.all().stream().filter(c -> c.slug().equals(slug)).findFirst()
                .orElseThrow().id();
        Response saved = admin.post("/admin/categories/" + id + "/visibility", Map.of("visibility", visibility,
                "group", group));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
    }

    private static long ask(WebClient asker, String title, String category, String tags) {
        Response response = asker.post("/ask", Map.of("title", title,
                "body", "Here are the details of the question, with enough words in them.", "tags", tags,
                "category", category));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*?/q/(\\d+).*$", "$1"));
    }

    private static void fannedOut() {
        Eventually.await(() -> server.components().database.dsl().fetchCount(OUTBOX, OUTBOX.TOPIC.eq("notify")) == 0);
    }

    private static List<String> noticesOf(WebClient reader, long questionId) {
        return server.components().database.dsl().select(NOTIFICATIONS.KIND).from(NOTIFICATIONS)
                .where(NOTIFICATIONS.MEMBER_ID.eq(community.idOf(reader)))
                .and(NOTIFICATIONS.QUESTION_ID.eq(questionId)).fetch(NOTIFICATIONS.KIND);
    }

    /** Everything a reader can reach that lists or shows questions, as one text. */
    private static String everywhere(WebClient reader, String word) {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/", "/questions", "/questions?sort=newest", "/tags", "/tags/" + word,
                "/search?q=" + word, "/search/instant?q=" + word, "/feeds/rss/questions", "/feeds/atom/questions",
                "/feeds/rss/tags/" + word, "/feeds/rss/unanswered", "/sitemap.xml", "/api/v1/questions",
                "/api/v1/search?q=" + word, "/api/v1/tags", "/api/v1/categories", "/u/" + staffName)) {
            Response response = reader.get(path);
            all.append(path).append(": ").append(response.body()).append('\n');
        }
        return all.toString();
    }

    @Test
    void aStaffOnlyQuestionIsNotFoundByVisitorsMembersOrAGroupsMembersAndNoLinkPointsToIt() {
        for (WebClient reader : List.of(anonymous, member, partner)) {
            assertThat(reader.get("/q/" + staffOnly).status()).isEqualTo(404);
            assertThat(reader.get("/q/" + staffOnly + "/zebracorn-launch-plan-for-the-spring").status()).isEqualTo(404);
            assertThat(reader.get("/c/staff-room").status()).isEqualTo(404);
            assertThat(reader.get("/feeds/rss/c/staff-room").status()).isEqualTo(404);
            assertThat(reader.get("/feeds/rss/q/" + staffOnly).status()).isEqualTo(404);
            assertThat(reader.get("/api/v1/questions/" + staffOnly).status()).isEqualTo(404);
            if (reader != anonymous) { // a visitor is sent to sign in first, whatever the question
                assertThat(reader.get("/posts/" + staffOnly + "/flag").status()).isEqualTo(404);
                assertThat(reader.post("/posts/" + staffOnly + "/flag", Map.of("reason", "spam")).status()).isEqualTo(404);
                assertThat(reader.post("/watch", Map.of("target", "question", "key", String.valueOf(staffOnly),
                        "level", "watch", "back", "/")).status()).isEqualTo(404);
                assertThat(reader.post("/watch", Map.of("target", "category", "key", "staff-room",
                        "level", "watch", "back", "/")).status()).isEqualTo(404);
                assertThat(reader.post("/q/" + staffOnly + "/answers", Map.of("body", "An answer to a question I cannot see."))
                        .status()).isEqualTo(404);
            }
            String seen = everywhere(reader, "zebracorn");
            assertThat(seen).contains("Zebracorn headphones pairing"); // the public one is there
            assertThat(seen).doesNotContain("Zebracorn launch plan").doesNotContain("Zebracorn pricing review")
                    .doesNotContain("/q/" + staffOnly).doesNotContain("staff-room").doesNotContain("Staff room")
                    .doesNotContain("zebrasecret");
        }
    }

    @Test
    void searchNeverOffersAWordOnlyAHiddenQuestionUsesAsDidYouMean() {
        Eventually.await(() -> staff.page("/search?q=zebrasekret").text().contains("zebrasecret")); // staff: offered
        assertThat(member.page("/search?q=zebrasekret").text()).doesNotContain("zebrasecret");
        assertThat(anonymous.page("/search?q=zebrasekret").text()).doesNotContain("zebrasecret");
    }

    @Test
    void staffSeeTheStaffOnlyQuestionEverywhereTheyLook() {
        assertThat(staff.get("/q/" + staffOnly).status()).isEqualTo(301);
        assertThat(staff.page("/c/staff-room").text()).contains("Zebracorn launch plan")
                .contains("Only staff see this category");
        assertThat(staff.page("/q/" + staffOnly).select(".badge").text()).contains("staff only");
        assertThat(staff.page("/questions").text()).contains("Zebracorn launch plan");
        assertThat(staff.page("/tags/zebracorn").text()).contains("Zebracorn launch plan");
        Eventually.await(() -> staff.page("/search?q=zebracorn").text().contains("Zebracorn launch plan"));
        assertThat(staff.get("/api/v1/questions/" + staffOnly).status()).isEqualTo(200);
    }

    @Test
    void theAskPageSuggestsNoStaffOnlyQuestionToAMember() {
        Eventually.await(() -> member.post("/ask/suggestions", Map.of("title", "zebracorn launch plan", "body", ""))
                .body().contains("Zebracorn headphones pairing"));
        assertThat(member.post("/ask/suggestions", Map.of("title", "zebracorn launch plan", "body", "")).body())
                .doesNotContain("Zebracorn launch plan");
        assertThat(staff.post("/ask/suggestions", Map.of("title", "zebracorn launch plan", "body", "")).body())
                .contains("Zebracorn launch plan");
        assertThat(member.page("/ask").select("#category option").eachAttr("value"))
                .contains("general", "members-lounge").doesNotContain("staff-room", "partner-program");
        assertThat(member.post("/ask", Map.of("title", "Can I post into the staff room anyway?",
                "body", "Trying to file a question under a category I cannot see.", "tags", "test",
                "category", "staff-room")).status()).isEqualTo(422);
    }

    @Test
    void aMembersOnlyQuestionShowsToMembersAndNotToVisitors() {
        assertThat(anonymous.get("/q/" + membersOnly).status()).isEqualTo(404);
        assertThat(anonymous.get("/c/members-lounge").status()).isEqualTo(404);
        assertThat(everywhere(anonymous, "quokkaberry")).doesNotContain("Quokkaberry lounge rules");
        assertThat(member.get("/q/" + membersOnly).status()).isEqualTo(301);
        assertThat(member.page("/c/members-lounge").text()).contains("Quokkaberry lounge rules");
        assertThat(member.page("/questions").text()).contains("Quokkaberry lounge rules");
        Eventually.await(() -> member.page("/search?q=quokkaberry").text().contains("Quokkaberry lounge rules"));
    }

    @Test
    void aGroupsCategoryShowsToItsMembersOnly() {
        assertThat(partner.get("/q/" + partnersOnly).status()).isEqualTo(301);
        assertThat(partner.page("/c/partner-program").text()).contains("Wombatine partner discount");
        Eventually.await(() -> partner.page("/search?q=wombatine").text().contains("Wombatine partner discount"));
        for (WebClient reader : List.of(anonymous, member)) {
            assertThat(reader.get("/q/" + partnersOnly).status()).isEqualTo(404);
            assertThat(reader.get("/c/partner-program").status()).isEqualTo(404);
            assertThat(everywhere(reader, "wombatine")).doesNotContain("Wombatine partner discount")
                    .doesNotContain("partner-program");
        }
    }

    @Test
    void anIdeaBoardInAStaffOnlyCategoryIsHiddenWithItsIdeas() {
        long room = categoryId("staff-room");
        assertThat(staff.post("/ideas/boards", Map.of("category", String.valueOf(room), "budget", "")).status())
                .isEqualTo(303);
        Response proposed = staff.post("/ideas/new", Map.of("board", String.valueOf(room),
                "title", "Zebracorn internal tooling idea", "body", "An idea for staff only, with enough words in it.",
                "tags", "zebracorn"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(303);
        String idea = proposed.location().replaceAll("^.*?(/idea/\\d+).*$", "$1");
        assertThat(staff.page("/ideas").text()).contains("Zebracorn internal tooling idea");
        for (WebClient reader : List.of(anonymous, member, partner)) {
            assertThat(reader.get(idea).status()).isEqualTo(404);
            assertThat(reader.get("/ideas/staff-room").status()).isEqualTo(404);
            assertThat(reader.page("/ideas").text()).doesNotContain("Zebracorn internal tooling idea")
                    .doesNotContain("Staff room");
            assertThat(reader.get("/roadmap").body()).doesNotContain("Zebracorn internal tooling idea");
            assertThat(reader.get("/sitemap.xml").body()).doesNotContain(idea).doesNotContain("/ideas/staff-room");
        }
        assertThat(member.post(idea + "/vote", Map.of()).status()).isEqualTo(404);
        assertThat(member.post("/ideas/new", Map.of("board", String.valueOf(room), "title", "Sneaking into the staff board",
                "body", "An idea filed where I cannot see, with enough words.", "tags", "")).status()).isEqualTo(422);
    }

    @Test
    void makingAPublicCategoryStaffOnlyTakesItsQuestionsOutOfKeptPagesAndSearchAtOnce() {
        assertThat(admin.post("/admin/categories", Map.of("name", "Soon private", "description", "")).status())
                .isEqualTo(303);
        long question = ask(member, "Ocelotron firmware rollback steps", "soon-private", "ocelotron");
        String path = "/q/" + question + "/ocelotron-firmware-rollback-steps";
        assertThat(anonymous.get(path).status()).isEqualTo(200);
        assertThat(anonymous.get(path).header("X-Townhall-Cache")).isEqualTo("hit"); // kept for visitors
        assertThat(anonymous.get("/questions").body()).contains("Ocelotron firmware rollback");
        Eventually.await(() -> anonymous.page("/search?q=ocelotron").text().contains("Ocelotron firmware rollback"));
        long neighbour = ask(member, "Ocelotron firmware update stops halfway", "general", "ocelotron");
        Eventually.await(() -> member.page("/q/" + neighbour).text().contains("Ocelotron firmware rollback"));

        setVisibility("soon-private", "staff", "");

        assertThat(anonymous.get(path).status()).isEqualTo(404);
        assertThat(anonymous.get("/questions").body()).doesNotContain("Ocelotron firmware rollback");
        assertThat(member.get(path).status()).isEqualTo(404);
        Eventually.await(() -> !anonymous.page("/search?q=ocelotron").text().contains("Ocelotron firmware rollback"));
        assertThat(member.page("/search?q=ocelotron").text()).doesNotContain("Ocelotron firmware rollback");
        assertThat(staff.page("/search?q=ocelotron").text()).contains("Ocelotron firmware rollback");
        Eventually.await(() -> !member.page("/q/" + neighbour).text().contains("Ocelotron firmware rollback"));
    }

    @Test
    void theModerationLogRecordsWhoChangedAGroupOrACategory() {
        String log = admin.page("/admin/log").select("table.moderation-log tbody").text();
        assertThat(log).contains("changed a member group").contains("Partners + " + community.usernameOf(partner))
                .contains("changed a category").contains("Staff room: staff").contains("Partner program: group Partners");
    }

    @Test
    void onlyAnAdministratorManagesCategoriesAndGroups() {
        long room = categoryId("general");
        for (WebClient reader : List.of(member, staff)) {
            assertThat(reader.get("/admin/categories").status()).isEqualTo(403);
            assertThat(reader.get("/admin/groups").status()).isEqualTo(403);
            assertThat(reader.post("/admin/categories", Map.of("name", "Not allowed", "description", "")).status())
                    .isEqualTo(403);
            assertThat(reader.post("/admin/categories/" + room + "/visibility", Map.of("visibility", "staff",
                    "group", "")).status()).isEqualTo(403);
            assertThat(reader.post("/admin/groups", Map.of("name", "Not allowed")).status()).isEqualTo(403);
        }
        assertThat(anonymous.get("/admin/categories").status()).isEqualTo(303); // to sign in
        assertThat(server.components().categories.all()).noneMatch(c -> c.name().equals("Not allowed"));
        assertThat(server.components().categories.byId(room).orElseThrow().visibility())
                .isEqualTo(CategoryVisibility.PUBLIC);
        assertThat(server.components().groups.store().all()).noneMatch(g -> g.name().equals("Not allowed"));
    }

    @Test
    void aGroupCategoryWithoutAGroupIsRefusedAndNothingChanges() {
        long room = categoryId("general");
        Response refused = admin.post("/admin/categories/" + room + "/visibility", Map.of("visibility", "group",
                "group", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".error-summary").text()).contains("Choose the group");
        assertThat(refused.html().select("#visibility-" + room + " option[selected]").attr("value")).isEqualTo("group");
        assertThat(server.components().categories.byId(room).orElseThrow().visibility())
                .isEqualTo(CategoryVisibility.PUBLIC);
        Response unknown = admin.post("/admin/groups/" + 999999 + "/members", Map.of("username", "nobody"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    private static long categoryId(String slug) {
        return server.components().categories.all().stream().filter(c -> c.slug().equals(slug)).findFirst()
                .orElseThrow().id();
    }
}
