package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.ASSIGNMENTS;
import static townhall.db.schema.Tables.MODERATION_LOG;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Staff assign questions with a state and a private note, list their assignments, and escalate to the helpdesk. */
class AssignmentsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void staffAssignAQuestionWithANoteTheAssigneeHearsAndListsIt() {
        WebClient customer = community.member("customer");
        long question = community.ask(customer, "My order arrived with a cracked charging case");
        WebClient lead = community.staff("lead");
        WebClient agent = community.staff("agent");
        String agentName = community.usernameOf(agent);
        Response assigned = lead.post("/assignments/q/" + question,
                Map.of("assignee", agentName, "state", "waiting", "note", "Order 4411, asked for photos"));
        assertThat(assigned.status()).isEqualTo(303);
        assertThat(agent.page("/notifications").text()).contains("assigned “My order arrived with a cracked charging case” to you");
        assertThat(agent.page("/assignments").select("table").text())
                .contains("My order arrived").contains("waiting").contains("Order 4411, asked for photos");
        assertThat(lead.page("/assignments").select("table").text()).doesNotContain("My order arrived");
        assertThat(lead.page("/assignments?who=all").select("table").text()).contains("My order arrived");
        // the note is staff's: the question's page does not show it to its asker or to visitors
        assertThat(customer.page("/q/" + question + "/x").text()).doesNotContain("Order 4411");

        lead.post("/assignments/q/" + question, Map.of("assignee", "support", "state", "resolved", "note", "Replaced"));
        assertThat(agent.page("/assignments").select("table").text()).doesNotContain("My order arrived");
        assertThat(lead.page("/assignments?who=support&resolved=1").select("table").text()).contains("Replaced");

        Response escalated = lead.post("/assignments/q/" + question + "/escalate", Map.of("escalateNote", "Needs a refund decision"));
        assertThat(escalated.status()).isEqualTo(303);
        assertThat(lead.page("/assignments/q/" + question).text()).contains("escalated to the helpdesk");
        assertThat(lead.page("/admin/log?action=escalate").text()).contains("Needs a refund decision");
    }

    @Test
    void aWrongAssigneeIsRefusedWithTheFormKept() {
        long question = community.ask(community.member("asker"), "The app forgets my equaliser settings daily");
        WebClient lead = community.staff("lead");
        Response refused = lead.post("/assignments/q/" + question,
                Map.of("assignee", community.usernameOf(community.member("notstaff")), "state", "open", "note", "Kept"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#note").text()).isEqualTo("Kept");
        assertThat(server.components().database.dsl().fetchExists(ASSIGNMENTS, ASSIGNMENTS.QUESTION_ID.eq(question)))
                .isFalse();
    }

    @Test
    void nobodyButStaffSeesOrChangesAssignments() {
        long question = community.ask(community.member("asker"), "Can I pair two speakers for stereo sound?");
        int log = server.components().database.dsl().fetchCount(MODERATION_LOG);
        for (WebClient who : List.of(server.newClient(), community.newcomer("newbie"), community.member("plainmember"),
                community.helper("aide"))) {
            assertThat(who.get("/assignments/q/" + question).status()).isIn(303, 403);
            assertThat(who.get("/assignments").status()).isIn(303, 403);
            assertThat(who.post("/assignments/q/" + question, Map.of("assignee", "support", "state", "open")).status())
                    .isIn(303, 403);
            assertThat(who.post("/assignments/q/" + question + "/escalate", Map.of()).status()).isIn(303, 403);
        }
        assertThat(server.components().database.dsl().fetchExists(ASSIGNMENTS, ASSIGNMENTS.QUESTION_ID.eq(question)))
                .isFalse();
        assertThat(server.components().database.dsl().fetchCount(MODERATION_LOG)).isEqualTo(log);
    }
}
