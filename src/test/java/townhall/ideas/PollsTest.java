package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.db.schema.Tables;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** A poll takes one answer per member until it closes; results show after answering or closing, as a table. */
class PollsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static long board;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("pollster");
        board = Ideas.board(server, staff, "poll-ideas", "");
    }

    static long poll(WebClient by, String kind, long subject, String question, String options, boolean multiple) {
        return Ideas.poll(server, by, kind, subject, question, options, multiple);
    }

    static long option(Document page, String label) {
        return Long.parseLong(page.select(".poll .choice:has(label:containsOwn(" + label + ")) input").val());
    }

    @Test
    void eachMemberAnswersOnceAndSeesTheResultsAfterVoting() {
        WebClient author = community.member("pollauthor");
        long idea = Ideas.propose(author, board, "A travel case that fits the charger too");
        poll(author, "idea", idea, "Which colour should the case be?", "Black\nSand\nOlive", false);
        assertThat(community.member("other").post("/polls/new", Map.of("kind", "idea", "subject", String.valueOf(idea),
                "pollQuestion", "Another poll?", "pollOptions", "Yes\nNo", "pollCloses", "")).status()).isEqualTo(403);

        WebClient voter = community.member("pollvoter");
        Document before = voter.page("/idea/" + idea);
        assertThat(before.select(".poll-results")).isEmpty();
        assertThat(before.select(".poll").text()).contains("Results show after you vote.");
        long sand = option(before, "Sand");
        long olive = option(before, "Olive");

        // one choice in a single-choice poll
        assertThat(voter.postPairs("/polls/" + pollOf(idea) + "/vote", List.of(Map.entry("option", String.valueOf(sand)),
                Map.entry("option", String.valueOf(olive)))).status()).isEqualTo(422);
        assertThat(voter.post("/polls/" + pollOf(idea) + "/vote", Map.of("option", String.valueOf(sand))).status())
                .isEqualTo(303);
        WebClient.Response again = voter.post("/polls/" + pollOf(idea) + "/vote", Map.of("option", String.valueOf(olive)));
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.html().text()).contains("You have already voted in this poll.");

        Document after = voter.page("/idea/" + idea);
        assertThat(after.select(".poll-results caption").text()).isEqualTo("Results: 1 member voted");
        assertThat(after.select(".poll-results tr.poll-mine th").text()).startsWith("Sand");
        assertThat(after.select(".poll-results tr:has(th:containsOwn(Sand)) meter").attr("value")).isEqualTo("100");
        assertThat(after.select(".poll-results tr:has(th:containsOwn(Olive)) td").first().text()).isEqualTo("0");
        // others still see no results before they vote
        assertThat(community.member("notyet").page("/idea/" + idea).select(".poll-results")).isEmpty();
    }

    @Test
    void twoAnswersSentAtOnceCountOnce() throws Exception {
        long idea = Ideas.propose(community.member("raceidea"), board, "Two answers at once in a poll");
        long poll = poll(staff, "idea", idea, "Pick one, twice at once?", "Left\nRight", false);
        WebClient racer = community.member("pollracer");
        Document page = racer.page("/idea/" + idea);
        long left = option(page, "Left");
        long right = option(page, "Right");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long option = i % 2 == 0 ? left : right;
                sent.add(pool.submit(() -> {
                    start.await();
                    return racer.post("/polls/" + poll + "/vote", Map.of("option", String.valueOf(option))).status();
                }));
            }
            start.countDown();
            int accepted = 0;
            for (var answer : sent) {
                accepted += answer.get() == 303 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Document after = racer.page("/idea/" + idea);
        assertThat(after.select(".poll-results caption").text()).isEqualTo("Results: 1 member voted");
        int total = after.select(".poll-results tbody tr td:nth-of-type(1)").eachText().stream()
                .mapToInt(Integer::parseInt).sum();
        assertThat(total).isEqualTo(1);
    }

    @Test
    void aClosedPollRefusesVotesAndShowsItsResultsToEveryone() {
        long idea = Ideas.propose(community.member("closer"), board, "Longer cable for the studio headphones");
        long poll = poll(staff, "idea", idea, "How long should the cable be?", "2 m\n3 m\n5 m", true);
        WebClient first = community.member("early");
        Document page = first.page("/idea/" + idea);
        assertThat(first.postPairs("/polls/" + poll + "/vote", List.of(Map.entry("option", String.valueOf(option(page, "3 m"))),
                Map.entry("option", String.valueOf(option(page, "5 m"))))).status()).isEqualTo(303);
        server.components().database.dsl().update(Tables.POLLS).set(Tables.POLLS.CLOSES_AT, LocalDateTime.now().minusMinutes(1))
                .where(Tables.POLLS.ID.eq(poll)).execute();

        WebClient late = community.member("late");
        assertThat(late.post("/polls/" + poll + "/vote", Map.of("option", String.valueOf(option(page, "2 m")))).status())
                .isEqualTo(403);
        Document closed = server.newClient().page("/idea/" + idea);
        assertThat(closed.select(".poll form")).isEmpty();
        assertThat(closed.select(".poll-results tbody tr").eachText()).containsExactly("2 m 0 0% 0%", "3 m 1 100% 100%",
                "5 m 1 100% 100%");
    }

    @Test
    void aPollWithMistakesComesBackWithWhatWasTyped() {
        long idea = Ideas.propose(staff, board, "Show the battery level on the watch face");
        WebClient.Response response = staff.post("/polls/new", Map.of("kind", "idea", "subject", String.valueOf(idea),
                "pollQuestion", "Where?", "pollOptions", "Only one option", "pollCloses", "yesterday"));
        assertThat(response.status()).isEqualTo(422);
        Document form = response.html();
        assertThat(form.select(".error-summary li")).hasSize(2);
        assertThat(form.select("#pollQuestion").val()).isEqualTo("Where?");
        assertThat(form.select("#pollOptions").text()).isEqualTo("Only one option");
        assertThat(server.components().database.dsl().fetchCount(Tables.POLLS, Tables.POLLS.SUBJECT_ID.eq(idea))).isZero();
    }

    @Test
    void staffPutPollsOnAnnouncementsAndMembersOnTheirOwnQuestions() {
        WebClient asker = community.member("asker");
        long question = community.ask(asker, "Which earbuds are best for running in the rain?");
        poll(asker, "question", question, "Do you run with earbuds?", "Always\nSometimes\nNever", false);
        assertThat(community.member("stranger").post("/polls/new", Map.of("kind", "question", "subject",
                String.valueOf(question), "pollQuestion", "Hijack?", "pollOptions", "Yes\nNo", "pollCloses", "")).status())
                .isEqualTo(403);
        assertThat(asker.page("/q/" + question).select(".poll h2").text()).contains("Do you run with earbuds?");
    }

    private static long pollOf(long idea) {
        return server.components().database.dsl().select(Tables.POLLS.ID).from(Tables.POLLS)
                .where(Tables.POLLS.SUBJECT_KIND.eq("idea")).and(Tables.POLLS.SUBJECT_ID.eq(idea)).fetchOne(Tables.POLLS.ID);
    }
}
