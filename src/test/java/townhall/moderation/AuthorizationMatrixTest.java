package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.ASSIGNMENTS;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.FLAGS;
import static townhall.db.schema.Tables.FRESHNESS_CHECKS;
import static townhall.db.schema.Tables.FRESHNESS_VERSIONS;
import static townhall.db.schema.Tables.MEMBER_GROUPS;
import static townhall.db.schema.Tables.MEMBER_GROUP_MEMBERS;
import static townhall.db.schema.Tables.MODERATION_LOG;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.PRODUCT_LINES;
import static townhall.db.schema.Tables.PRODUCT_VERSIONS;
import static townhall.db.schema.Tables.REVIEW_ITEMS;
import static townhall.db.schema.Tables.SANCTIONS;
import static townhall.db.schema.Tables.WATCHED_WORDS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * The authorization matrix: every moderation and access route (flags, the review queue, sanctions, warnings, watched
 * words and mentions, the moderation log, assignments, category permissions and member groups, product versions and
 * re-verification) asked by a visitor, a
 * new member, a member, a Helper, staff and an administrator. Whoever may not is refused (a visitor is sent to sign
 * in, a member is told no) and nothing is written; whoever may is shown the page.
 */
class AuthorizationMatrixTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    /** From the least to the most trusted. */
    enum Role { VISITOR, NEW_MEMBER, MEMBER, HELPER, STAFF, ADMIN }

    record Route(String method, String path, Map<String, String> form, Role lowest) {}

    static Community community;
    static Map<Role, WebClient> browsers = new LinkedHashMap<>();
    static List<Route> routes;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        browsers.put(Role.VISITOR, server.newClient());
        browsers.put(Role.NEW_MEMBER, community.newcomer("fresh"));
        browsers.put(Role.MEMBER, community.member("plain"));
        browsers.put(Role.HELPER, community.helper("aide"));
        browsers.put(Role.STAFF, community.staff("mod"));
        browsers.put(Role.ADMIN, community.admin("root"));
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Why does the right earbud keep disconnecting?");
        long answer = community.answer(community.member("answerer"), question, "Reset the pairing on both devices.");
        assertThat(asker.post("/posts/" + question + "/comments", Map.of("comment", "It happens every morning."))
                .status()).isEqualTo(303);
        long comment = server.components().database.dsl().select(townhall.db.schema.Tables.COMMENTS.ID)
                .from(townhall.db.schema.Tables.COMMENTS).where(townhall.db.schema.Tables.COMMENTS.POST_ID.eq(question))
                .fetchOne(townhall.db.schema.Tables.COMMENTS.ID);
        assertThat(community.member("flagger").post("/posts/" + answer + "/flag", Map.of("reason", "rude")).status())
                .isEqualTo(303);
        long item = server.components().database.dsl().select(REVIEW_ITEMS.ID).from(REVIEW_ITEMS)
                .where(REVIEW_ITEMS.POST_ID.eq(answer)).fetchOne(REVIEW_ITEMS.ID);
        WebClient admin = browsers.get(Role.ADMIN);
        assertThat(admin.post("/admin/watched-words", Map.of("pattern", "refund", "action", "listen")).status())
                .isEqualTo(303);
        long word = server.components().database.dsl().select(WATCHED_WORDS.ID).from(WATCHED_WORDS)
                .fetchOne(WATCHED_WORDS.ID);
        Response group = admin.post("/admin/groups", Map.of("name", "Beta testers"));
        String groupPath = group.location().replaceAll("^.*(/admin/groups/\\d+)$", "$1");
        long victim = community.idOf(asker);
        assertThat(admin.post(groupPath + "/members", Map.of("username", community.usernameOf(asker))).status())
                .isEqualTo(303);
        long category = server.components().categories.all().getFirst().id();
        // a product line with 1.0 and 1.1: the answer verified for 1.0 waits for re-verification
        assertThat(admin.post("/admin/versions/lines", Map.of("lineName", "Earbud firmware", "category",
                String.valueOf(category))).status()).isEqualTo(303);
        long line = server.components().versions.lines().getFirst().id();
        assertThat(admin.post("/admin/versions", Map.of("line", String.valueOf(line), "versionName", "1.0")).status())
                .isEqualTo(303);
        assertThat(admin.post("/posts/" + answer + "/verify", Map.of()).status()).isEqualTo(303);
        assertThat(admin.post("/admin/versions", Map.of("line", String.valueOf(line), "versionName", "1.1")).status())
                .isEqualTo(303);
        routes = List.of(
                new Route("get", "/posts/" + question + "/flag", Map.of(), Role.MEMBER),
                new Route("post", "/posts/" + question + "/flag", Map.of("reason", "spam"), Role.MEMBER),
                new Route("get", "/comments/" + comment + "/flag", Map.of(), Role.MEMBER),
                new Route("post", "/comments/" + comment + "/flag", Map.of("reason", "rude"), Role.MEMBER),
                new Route("get", "/review", Map.of(), Role.HELPER),
                new Route("post", "/review/" + item, Map.of("action", "approve"), Role.HELPER),
                new Route("post", "/review/" + item, Map.of("action", "spam"), Role.HELPER),
                new Route("post", "/members/" + victim + "/sanctions", Map.of("kind", "warn", "reason", "x"), Role.HELPER),
                new Route("post", "/members/" + victim + "/sanctions",
                        Map.of("kind", "silence", "days", "3", "reason", "x"), Role.STAFF),
                new Route("post", "/members/" + victim + "/sanctions",
                        Map.of("kind", "suspend", "days", "3", "reason", "x"), Role.STAFF),
                new Route("post", "/members/" + victim + "/sanctions/lift", Map.of(), Role.STAFF),
                new Route("get", "/warnings", Map.of(), Role.NEW_MEMBER),
                new Route("get", "/admin/log", Map.of(), Role.STAFF),
                new Route("get", "/admin/log.csv", Map.of(), Role.STAFF),
                new Route("get", "/admin/watched-words", Map.of(), Role.STAFF),
                new Route("post", "/admin/watched-words", Map.of("pattern", "cancel", "action", "hold"), Role.STAFF),
                new Route("post", "/admin/watched-words/" + word + "/delete", Map.of(), Role.STAFF),
                new Route("get", "/admin/mentions", Map.of(), Role.STAFF),
                new Route("get", "/assignments", Map.of(), Role.STAFF),
                new Route("get", "/assignments/q/" + question, Map.of(), Role.STAFF),
                new Route("post", "/assignments/q/" + question, Map.of("assignee", "support", "state", "open"), Role.STAFF),
                new Route("post", "/assignments/q/" + question + "/escalate", Map.of(), Role.STAFF),
                new Route("get", "/admin/categories", Map.of(), Role.ADMIN),
                new Route("post", "/admin/categories", Map.of("name", "Forbidden room", "description", ""), Role.ADMIN),
                new Route("post", "/admin/categories/" + category + "/visibility",
                        Map.of("visibility", "staff", "group", ""), Role.ADMIN),
                new Route("get", "/admin/groups", Map.of(), Role.ADMIN),
                new Route("post", "/admin/groups", Map.of("name", "Forbidden group"), Role.ADMIN),
                new Route("get", groupPath, Map.of(), Role.ADMIN),
                new Route("post", groupPath + "/members", Map.of("username", community.usernameOf(browsers.get(Role.MEMBER))),
                        Role.ADMIN),
                new Route("post", groupPath + "/members/" + victim + "/remove", Map.of(), Role.ADMIN),
                new Route("get", "/admin/versions", Map.of(), Role.STAFF),
                new Route("post", "/admin/versions/lines", Map.of("lineName", "Forbidden line", "category",
                        String.valueOf(category)), Role.STAFF),
                new Route("post", "/admin/versions", Map.of("line", String.valueOf(line), "versionName", "9.9"),
                        Role.STAFF),
                new Route("get", "/admin/reverify", Map.of(), Role.STAFF),
                new Route("post", "/admin/reverify/answer/" + question, Map.of("how", "still"), Role.STAFF),
                new Route("post", "/admin/reverify/answer/" + question, Map.of("how", "reverified"), Role.STAFF));
    }

    /** What a forbidden request must leave as it was. */
    private static List<Object> written() {
        DSLContext db = server.components().database.dsl();
        List<Object> state = new ArrayList<>();
        for (org.jooq.Table<?> table : List.of(FLAGS, SANCTIONS, MODERATION_LOG, WATCHED_WORDS, ASSIGNMENTS,
                MEMBER_GROUPS, MEMBER_GROUP_MEMBERS, CATEGORIES, NOTIFICATIONS, PRODUCT_LINES, PRODUCT_VERSIONS,
                FRESHNESS_VERSIONS)) {
            state.add(table.getName() + "=" + db.fetchCount(table));
        }
        state.add("decided=" + db.fetchCount(REVIEW_ITEMS, REVIEW_ITEMS.DECIDED_AT.isNotNull()));
        state.add("checked=" + db.select(FRESHNESS_CHECKS.CHECKED_AT, FRESHNESS_CHECKS.HOW).from(FRESHNESS_CHECKS)
                .fetch().toString());
        state.add("visibility=" + db.select(CATEGORIES.VISIBILITY).from(CATEGORIES).orderBy(CATEGORIES.ID)
                .fetch(CATEGORIES.VISIBILITY));
        return state;
    }

    @Test
    void everyForbiddenRequestIsRefusedAndWritesNothingAndWhoeverMaySeesThePages() {
        List<Object> before = written();
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            for (Map.Entry<Role, WebClient> who : browsers.entrySet()) {
                Role role = who.getKey();
                boolean allowed = role.ordinal() >= route.lowest().ordinal();
                if (allowed && route.method().equals("post")) {
                    continue; // what each may do is the features' own tests; here, only refusals write nothing
                }
                Response response = route.method().equals("get") ? who.getValue().get(route.path())
                        : who.getValue().post(route.path(), route.form());
                int expected = allowed ? 200 : role == Role.VISITOR ? 303 : 403;
                if (response.status() != expected) {
                    wrong.add(route.method() + " " + route.path() + " " + route.form() + " as " + role + ": "
                            + response.status() + ", expected " + expected);
                }
                if (!allowed && role == Role.VISITOR) {
                    assertThat(response.location()).as(route.path()).contains("/signin");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(written()).isEqualTo(before);
    }
}
