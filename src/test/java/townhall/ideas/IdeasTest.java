package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.NOTIFICATIONS;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Members propose ideas and vote once each within a board's budget; staff answer with statuses and merge duplicates. */
class IdeasTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static long board;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("productlead");
        board = Ideas.board(server, staff, "headphones-ideas", "");
    }

    @Test
    void aMemberVotesOnceAndMayWithdrawTheVote() {
        WebClient author = community.member("proposer");
        WebClient fan = community.member("fan");
        long idea = Ideas.propose(author, board, "Let the case charge the earbuds wirelessly");

        assertThat(Ideas.vote(fan, idea).status()).isEqualTo(303);
        assertThat(Ideas.vote(fan, idea).status()).isEqualTo(303);
        assertThat(Ideas.votes(fan, idea)).isEqualTo(1);
        assertThat(fan.page("/idea/" + idea).select(".idea-vote-box button[aria-pressed=true]").text())
                .isEqualTo("Withdraw my vote");

        assertThat(fan.post("/idea/" + idea + "/unvote", Map.of()).status()).isEqualTo(303);
        assertThat(fan.post("/idea/" + idea + "/unvote", Map.of()).status()).isEqualTo(303);
        assertThat(Ideas.votes(fan, idea)).isZero();

        // the board lists it, with the idea's status
        Document list = server.newClient().page("/ideas/headphones-ideas");
        assertThat(list.select(".idea-row .idea-title").eachText()).contains("Let the case charge the earbuds wirelessly");
        assertThat(list.select("#idea-" + idea + " .idea-status").text()).isEqualTo("New");
    }

    @Test
    void aBoardsVoteBudgetIsRespectedAndVotesComeBackWhenAnIdeaShips() {
        long small = Ideas.board(server, staff, "budget-board", "2");
        WebClient author = community.member("budgetauthor");
        WebClient voter = community.member("budgetvoter");
        long first = Ideas.propose(author, small, "First idea for the budget board");
        long second = Ideas.propose(author, small, "Second idea for the budget board");
        long third = Ideas.propose(author, small, "Third idea for the budget board");

        assertThat(Ideas.vote(voter, first).status()).isEqualTo(303);
        assertThat(Ideas.vote(voter, second).status()).isEqualTo(303);
        assertThat(voter.page("/ideas/budget-board").select("#votes-left").text()).contains("0 votes left of 2");
        WebClient.Response refused = Ideas.vote(voter, third);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().text()).contains("You have used all 2 votes of this board");
        assertThat(Ideas.votes(voter, third)).isZero();
        // voting again for an idea one already backs is not a new vote, and is not refused
        assertThat(Ideas.vote(voter, first).status()).isEqualTo(303);

        // a shipped idea gives its votes back
        assertThat(Ideas.setStatus(staff, first, "shipped", "").status()).isEqualTo(303);
        assertThat(Ideas.vote(voter, third).status()).isEqualTo(303);
        assertThat(Ideas.votes(voter, third)).isEqualTo(1);
        // a shipped idea takes no more votes
        assertThat(Ideas.vote(community.member("late"), first).status()).isEqualTo(403);
    }

    @Test
    void mergingADuplicateMovesItsVotesAndWatchersWithoutCountingAMemberTwice() {
        WebClient author = community.member("dupauthor");
        long survivor = Ideas.propose(author, board, "Add an equaliser with presets to the app");
        long duplicate = Ideas.propose(community.member("dupsecond"), board, "Equaliser presets in the mobile app");
        WebClient both = community.member("votesboth");
        WebClient onlyDuplicate = community.member("votesdup");
        WebClient watcher = community.member("watchesdup");
        Ideas.vote(both, survivor);
        Ideas.vote(both, duplicate);
        Ideas.vote(onlyDuplicate, duplicate);
        Ideas.vote(community.member("votessurvivor"), survivor);
        watcher.post("/idea/" + duplicate + "/watch", Map.of());

        assertThat(community.member("notstaff").post("/idea/" + duplicate + "/merge",
                Map.of("survivor", String.valueOf(survivor))).status()).isEqualTo(403);
        assertThat(staff.post("/idea/" + duplicate + "/merge", Map.of("survivor", "/idea/" + survivor)).status())
                .isEqualTo(303);

        assertThat(Ideas.votes(staff, survivor)).isEqualTo(3);
        assertThat(Ideas.votes(staff, duplicate)).isZero();
        Document merged = staff.page("/idea/" + duplicate);
        assertThat(merged.select(".banner-duplicate a").attr("href")).endsWith("/idea/" + survivor
                + "/add-an-equaliser-with-presets-to-the-app");
        assertThat(merged.select(".idea-status").first().text()).isEqualTo("Already exists");
        assertThat(staff.page("/idea/" + survivor).select("section[aria-labelledby=merged-heading] a").text())
                .isEqualTo("Equaliser presets in the mobile app");
        assertThat(watcher.page("/idea/" + survivor).select(".idea-vote-box .link-button").text()).isEqualTo("Stop watching");
        assertThat(onlyDuplicate.page("/idea/" + survivor).select(".idea-vote-box button[aria-pressed=true]").text())
                .isEqualTo("Withdraw my vote");
        // merged ideas leave the lists
        assertThat(server.newClient().page("/ideas/headphones-ideas").select(".idea-title").eachText())
                .doesNotContain("Equaliser presets in the mobile app");
        // a merged idea cannot be merged again or be merged into
        assertThat(staff.post("/idea/" + survivor + "/merge", Map.of("survivor", String.valueOf(duplicate))).status())
                .isEqualTo(422);
    }

    @Test
    void aStatusChangeNotifiesEachVoterAndWatcherOnceWithTheOfficialResponseAtTheTop() {
        WebClient author = community.member("statusauthor");
        long idea = Ideas.propose(author, board, "Support multipoint pairing on the older model");
        WebClient voter = community.member("statusvoter");
        WebClient votingWatcher = community.member("statusboth");
        Ideas.vote(voter, idea);
        Ideas.vote(votingWatcher, idea);
        votingWatcher.post("/idea/" + idea + "/watch", Map.of());

        assertThat(Ideas.setStatus(voter, idea, "planned", "Sure").status()).isEqualTo(403);
        assertThat(Ideas.setStatus(staff, idea, "planned", "We are planning this for **the spring release**.").status())
                .isEqualTo(303);

        Document page = server.newClient().page("/idea/" + idea);
        assertThat(page.select(".idea-status").first().text()).isEqualTo("Planned");
        assertThat(page.select(".official-response strong").text()).isEqualTo("the spring release");
        assertThat(page.select(".official-response").first().siblingIndex())
                .isLessThan(page.select("article.idea > .post-body").first().siblingIndex());

        for (WebClient member : List.of(author, voter, votingWatcher)) {
            long id = community.idOf(member);
            Eventually.await(() -> notificationsOf(id) == 1);
        }
        Eventually.pause(1500);
        for (WebClient member : List.of(author, voter, votingWatcher)) {
            assertThat(notificationsOf(community.idOf(member))).as(community.usernameOf(member)).isEqualTo(1);
        }
        assertThat(voter.page("/notifications").text())
                .contains("The idea “Support multipoint pairing on the older model” is now: Planned");
        assertThat(notificationsOf(community.idOf(staff))).isZero();

        // a new response without a new status tells nobody again, and the status keeps its time
        var ideas = townhall.db.schema.Tables.IDEAS;
        java.time.LocalDateTime planned = server.components().database.dsl().select(ideas.STATUS_AT).from(ideas)
                .where(ideas.ID.eq(idea)).fetchOne(ideas.STATUS_AT);
        assertThat(Ideas.setStatus(staff, idea, "planned", "Now for the summer release.").status()).isEqualTo(303);
        assertThat(server.components().database.dsl().select(ideas.STATUS_AT).from(ideas).where(ideas.ID.eq(idea))
                .fetchOne(ideas.STATUS_AT)).isEqualTo(planned);
        assertThat(server.newClient().page("/idea/" + idea).select(".official-response").text())
                .contains("Now for the summer release.");
        Eventually.pause(1500);
        assertThat(notificationsOf(community.idOf(voter))).isEqualTo(1);
    }

    @Test
    void votesSentAtTheSameMomentCountOnceAndNeverBeyondTheBudget() throws Exception {
        long tight = Ideas.board(server, staff, "tight-board", "1");
        WebClient author = community.member("raceauthor");
        long idea = Ideas.propose(author, board, "Voted for eight times at once by one member");
        List<Long> ideas = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ideas.add(Ideas.propose(author, tight, "Idea number " + i + " on the tight board"));
        }
        WebClient racer = community.member("racer");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long target = i < 4 ? idea : ideas.get(i - 4);
                sent.add(pool.submit(() -> {
                    start.await();
                    return Ideas.vote(racer, target).status();
                }));
            }
            start.countDown();
            for (var answer : sent) {
                assertThat(answer.get()).isIn(303, 403);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Ideas.votes(racer, idea)).isEqualTo(1);
        int onTightBoard = 0;
        for (long id : ideas) {
            onTightBoard += Ideas.votes(racer, id);
        }
        assertThat(onTightBoard).isEqualTo(1);
        long rows = server.components().database.dsl().fetchCount(townhall.db.schema.Tables.IDEA_VOTES,
                townhall.db.schema.Tables.IDEA_VOTES.MEMBER_ID.eq(community.idOf(racer)));
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void theAuthorEditsAnOpenIdeaAndOthersCannot() {
        WebClient author = community.member("editor");
        long idea = Ideas.propose(author, board, "Fold-flat hinges for the travel model");
        assertThat(author.page("/idea/" + idea).select(".byline a[href$=/edit]")).hasSize(1);
        WebClient.Response saved = author.post("/idea/" + idea + "/edit", Map.of("title",
                "Fold-flat hinges for the travel headphones", "body", "They would fit in a jacket pocket then.",
                "tags", "travel hinges"));
        assertThat(saved.status()).isEqualTo(303);
        Document page = author.page("/idea/" + idea);
        assertThat(page.select("h1").text()).isEqualTo("Fold-flat hinges for the travel headphones");
        assertThat(page.select(".tags .tag").eachText()).containsExactly("travel", "hinges");

        WebClient other = community.member("meddler");
        assertThat(other.get("/idea/" + idea + "/edit").status()).isEqualTo(403);
        assertThat(other.post("/idea/" + idea + "/edit", Map.of("title", "Vandalised title here", "body",
                "Nothing useful in this text.", "tags", "")).status()).isEqualTo(403);
        WebClient.Response tooShort = author.post("/idea/" + idea + "/edit", Map.of("title", "Short", "body",
                "They would fit in a jacket pocket then.", "tags", ""));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.html().select("#title").val()).isEqualTo("Short");

        // once declined, only staff (and Helpers) edit it
        Ideas.setStatus(staff, idea, "declined", "Not for this model.");
        assertThat(author.get("/idea/" + idea + "/edit").status()).isEqualTo(403);
        assertThat(staff.get("/idea/" + idea + "/edit").status()).isEqualTo(200);
    }

    @Test
    void onlyStaffManageBoardsAndStatuses() {
        WebClient member = community.member("curious");
        long idea = Ideas.propose(member, board, "Let members choose the colour of the LED");
        assertThat(member.get("/ideas/boards").status()).isEqualTo(403);
        assertThat(member.post("/ideas/boards", Map.of("category", String.valueOf(board), "budget", "1")).status())
                .isEqualTo(403);
        assertThat(member.get("/ideas/export.csv").status()).isEqualTo(403);
        assertThat(Ideas.setStatus(member, idea, "shipped", "").status()).isEqualTo(403);
        assertThat(server.newClient().post("/idea/" + idea + "/vote", Map.of()).status()).isIn(302, 303, 401, 403);
        assertThat(member.page("/idea/" + idea).select(".idea-staff")).isEmpty();
        assertThat(staff.page("/idea/" + idea).select(".idea-staff")).isNotEmpty();
    }

    @Test
    void aProposalWithMistakesKeepsWhatWasTypedAndWritesNothing() {
        WebClient member = community.member("hasty");
        WebClient.Response response = member.post("/ideas/new", Map.of("board", String.valueOf(board),
                "title", "Short", "body", "Make the battery last a lot longer, please.", "tags", "battery BAD!tag"));
        assertThat(response.status()).isEqualTo(422);
        Document form = response.html();
        assertThat(form.select("#title").val()).isEqualTo("Short");
        assertThat(form.select("#body").text()).isEqualTo("Make the battery last a lot longer, please.");
        assertThat(form.select("#tags").val()).isEqualTo("battery BAD!tag");
        assertThat(form.select(".error-summary li").eachText()).hasSize(2);
        assertThat(server.newClient().page("/ideas").text()).doesNotContain("Make the battery last");
    }

    @Test
    void ideasSortByTopNewestTrendingAndStatus() {
        long sorted = Ideas.board(server, staff, "sorted-board", "");
        WebClient author = community.member("sorter");
        long old = Ideas.propose(author, sorted, "An older idea with many old votes");
        long popular = Ideas.propose(author, sorted, "A popular idea voted for this week");
        long fresh = Ideas.propose(author, sorted, "The newest idea of all on the board");
        for (int i = 0; i < 3; i++) {
            Ideas.vote(community.member("oldvoter" + i), old);
        }
        server.components().database.dsl().update(townhall.db.schema.Tables.IDEA_VOTES)
                .set(townhall.db.schema.Tables.IDEA_VOTES.CREATED_AT, java.time.LocalDateTime.now().minusDays(60))
                .where(townhall.db.schema.Tables.IDEA_VOTES.IDEA_ID.eq(old)).execute();
        for (int i = 0; i < 2; i++) {
            Ideas.vote(community.member("newvoter" + i), popular);
        }
        Ideas.setStatus(staff, fresh, "progress", "");

        assertThat(titles("/ideas/sorted-board")).startsWith("An older idea with many old votes",
                "A popular idea voted for this week");
        assertThat(titles("/ideas/sorted-board?sort=trending")).startsWith("A popular idea voted for this week");
        assertThat(titles("/ideas/sorted-board?sort=newest")).startsWith("The newest idea of all on the board");
        assertThat(titles("/ideas/sorted-board?sort=status")).startsWith("The newest idea of all on the board");
        assertThat(titles("/ideas/sorted-board?status=progress")).containsExactly("The newest idea of all on the board");
    }

    private static List<String> titles(String path) {
        return server.newClient().page(path).select(".idea-row .idea-title").eachText();
    }

    private static int notificationsOf(long memberId) {
        return server.components().database.dsl().fetchCount(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(memberId)
                .and(NOTIFICATIONS.MESSAGE.like("ideas.notify.status%")));
    }
}
