package townhall.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** premoderation=first: a member's first posts wait for review, visible to their author and to reviewers only. */
class PreModerationTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.PREMODERATION, "first").with(Setting.PREMODERATION_POSTS, "1");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void aNewcomersFirstPostIsHeldTheNextIsNot() {
        WebClient fresh = community.newcomer("fresh");
        long first = community.ask(fresh, "My very first question on this community");
        assertThat(server.newClient().get("/q/" + first).status()).isEqualTo(404);
        assertThat(fresh.page("/q/" + first).select(".banner-held").text()).contains("Waiting for review");
        assertThat(server.newClient().page("/questions").text()).doesNotContain("My very first question");
        WebClient helper = community.helper("reviewer");
        assertThat(helper.page("/review").select("[data-review-item]").text())
                .contains("My very first question").contains("One of the member's first posts");
        long second = community.ask(fresh, "My second question goes straight through");
        assertThat(server.newClient().get("/q/" + second).status()).isEqualTo(301);
    }

    @Test
    void staffAndHelpersAreNotPreModerated() {
        long byStaff = community.ask(community.staff("boss"), "An announcement from the staff of the brand");
        assertThat(server.newClient().get("/q/" + byStaff).status()).isEqualTo(301);
        long byHelper = community.ask(community.helper("aide"), "A question from a Helper, not held at all");
        assertThat(server.newClient().get("/q/" + byHelper).status()).isEqualTo(301);
    }

    @Test
    void aNewMembersEditGoesToTheReviewQueue() {
        WebClient fresh = community.newcomer("editor");
        community.ask(fresh, "A first question that waits for pre-moderation");
        long question = community.ask(fresh, "A second question that the member edits later");
        assertThat(fresh.post("/posts/" + question + "/edit", java.util.Map.of("title", "A second question, edited with a link",
                "body", "Now with a different body that says rather more than before.", "tags", "headphones",
                "reason", "")).status()).isEqualTo(303);
        assertThat(community.staff("watcher").page("/review").select("[data-review-item]").text())
                .contains("Edited by a new member").contains("A second question, edited with a link");
    }
}
