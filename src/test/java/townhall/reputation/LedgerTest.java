package townhall.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The reputation rules, their reversals, the daily cap and the floor, and recomputing from the ledger. */
class LedgerTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    private static int reputation(WebClient member) {
        return server.components().accountStore.findById(community.idOf(member)).orElseThrow().reputation();
    }

    private static void vote(WebClient voter, long post, String value) {
        assertThat(voter.post("/posts/" + post + "/vote", Map.of("value", value)).status()).isEqualTo(303);
    }

    @Test
    void votesOnAnswersAndQuestionsAndTheirWithdrawal() {
        WebClient asker = community.newcomer("asker");
        WebClient answerer = community.newcomer("answerer");
        WebClient voter = community.member("voter");
        long question = community.ask(asker, "Why is the left earbud quieter than the right?");
        long answer = community.answer(answerer, question, "Clean the mesh with a dry soft brush.");

        vote(voter, question, "up");
        assertThat(reputation(asker)).isEqualTo(1 + 5);
        vote(voter, answer, "up");
        assertThat(reputation(answerer)).isEqualTo(1 + 10);
        int voterBefore = reputation(voter);

        vote(voter, answer, "down");
        assertThat(reputation(answerer)).as("upvote reversed, downvote applied").isEqualTo(1 + 10 - 10 - 2 + 2 - 0)
                .isEqualTo(1);
        assertThat(reputation(voter)).as("a downvote on an answer costs 1").isEqualTo(voterBefore - 1);

        vote(voter, answer, "none");
        assertThat(reputation(answerer)).isEqualTo(1);
        assertThat(reputation(voter)).as("withdrawing the downvote refunds it").isEqualTo(voterBefore);

        vote(voter, question, "none");
        assertThat(reputation(asker)).isEqualTo(1);
    }

    @Test
    void acceptingMovesWithTheAcceptAndVerifyingIsWorthMore() {
        WebClient asker = community.newcomer("asker");
        WebClient first = community.newcomer("first");
        WebClient second = community.newcomer("second");
        long question = community.ask(asker, "Which charger do I need for the Boom speaker?");
        long a1 = community.answer(first, question, "Any USB-C charger with 18 W or more.");
        long a2 = community.answer(second, question, "The one in the box; others work too.");

        asker.post("/posts/" + a1 + "/accept", Map.of());
        assertThat(reputation(first)).isEqualTo(1 + 15);
        assertThat(reputation(asker)).as("the accepter gets +2").isEqualTo(1 + 2);

        asker.post("/posts/" + a2 + "/accept", Map.of());
        assertThat(reputation(first)).as("moving the accept takes it back").isEqualTo(1);
        assertThat(reputation(second)).isEqualTo(1 + 15);
        assertThat(reputation(asker)).isEqualTo(1 + 2);

        WebClient staff = community.staff("verifier");
        staff.post("/posts/" + a1 + "/verify", Map.of());
        assertThat(reputation(first)).isEqualTo(1 + 25);
        staff.post("/q/" + question + "/unverify", Map.of());
        assertThat(reputation(first)).as("withdrawn verification is taken back").isEqualTo(1);

        asker.post("/q/" + question + "/unaccept", Map.of());
        assertThat(reputation(second)).isEqualTo(1);
        assertThat(reputation(asker)).isEqualTo(1);
    }

    @Test
    void deletingAPostTakesBackWhatItGaveAndRestoringGivesItBack() {
        WebClient asker = community.newcomer("asker");
        WebClient answerer = community.newcomer("answerer");
        long question = community.ask(asker, "Does the app work offline at all?");
        long answer = community.answer(answerer, question, "Yes, the EQ works offline once set.");
        vote(community.member("v1"), answer, "up");
        vote(community.member("v2"), answer, "up");
        asker.post("/posts/" + answer + "/accept", Map.of());
        assertThat(reputation(answerer)).isEqualTo(1 + 10 + 10 + 15);

        WebClient staff = community.staff("mod");
        staff.post("/posts/" + answer + "/delete", Map.of());
        assertThat(reputation(answerer)).isEqualTo(1);
        assertThat(reputation(asker)).isEqualTo(1);

        staff.post("/posts/" + answer + "/restore", Map.of());
        assertThat(reputation(answerer)).as("the votes come back; deleting cleared the accept, so it does not")
                .isEqualTo(1 + 10 + 10);
        asker.post("/posts/" + answer + "/accept", Map.of());
        assertThat(reputation(answerer)).isEqualTo(1 + 10 + 10 + 15);
    }

    @Test
    void votesGiveAtMost200ADayButAcceptsAndVerificationsStillCount() {
        WebClient star = community.newcomer("star");
        WebClient asker = community.newcomer("asker");
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long question = community.ask(asker, "Popular question number " + i + " about the Northwind One");
            answers.add(community.answer(star, question, "A very popular answer number " + i + "."));
        }
        for (int v = 0; v < 9; v++) {
            WebClient voter = community.member("fan");
            for (long answer : answers) {
                vote(voter, answer, "up");
            }
        }
        assertThat(reputation(star)).as("27 upvotes would be 270").isEqualTo(1 + 200);
        asker.post("/posts/" + answers.get(0) + "/accept", Map.of());
        assertThat(reputation(star)).isEqualTo(1 + 200 + 15);
    }

    @Test
    void reputationNeverFallsBelowOne() {
        WebClient victim = community.newcomer("victim");
        WebClient asker = community.newcomer("asker");
        long question = community.ask(asker, "What is the range of the Bluetooth connection?");
        long answer = community.answer(victim, question, "About ten metres through one wall.");
        for (int i = 0; i < 3; i++) {
            vote(community.member("critic"), answer, "down");
        }
        assertThat(reputation(victim)).isEqualTo(1);
    }

    @Test
    void recomputingFromTheLedgerGivesTheRunningTotalsAfterALongRandomSequence() {
        Random random = new Random(20261122);
        List<WebClient> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(community.memberWithReputation("player", random.nextInt(3) == 0 ? 1 : 150));
        }
        WebClient staff = community.staff("referee");
        List<Long> questions = new ArrayList<>();
        Map<Long, WebClient> askers = new HashMap<>();
        List<Long> answers = new ArrayList<>();
        for (int step = 0; step < 220; step++) {
            WebClient actor = members.get(random.nextInt(members.size()));
            int action = random.nextInt(10);
            if (questions.isEmpty() || action == 0) {
                long q = community.ask(actor, "Random question number " + step + " for the ledger");
                questions.add(q);
                askers.put(q, actor);
            } else if (answers.isEmpty() || action <= 2) {
                answers.add(community.answer(actor, questions.get(random.nextInt(questions.size())),
                        "Random answer number " + step + " with text."));
            } else if (action <= 6) {
                List<Long> posts = random.nextBoolean() ? answers : questions;
                String value = List.of("up", "up", "down", "none").get(random.nextInt(4));
                actor.post("/posts/" + posts.get(random.nextInt(posts.size())) + "/vote", Map.of("value", value));
            } else if (action == 7) {
                long answer = answers.get(random.nextInt(answers.size()));
                staff.post("/posts/" + answer + "/accept", Map.of());
            } else if (action == 8) {
                long answer = answers.get(random.nextInt(answers.size()));
                if (random.nextBoolean()) {
                    staff.post("/posts/" + answer + "/verify", Map.of());
                } else {
                    staff.post("/posts/" + answer + (random.nextBoolean() ? "/delete" : "/restore"), Map.of());
                }
            } else {
                long q = questions.get(random.nextInt(questions.size()));
                askers.get(q).post("/q/" + q + "/unaccept", Map.of());
            }
        }
        Map<Long, Integer> running = new HashMap<>();
        for (WebClient member : members) {
            running.put(community.idOf(member), reputation(member));
            assertThat(reputation(member)).isGreaterThanOrEqualTo(1);
        }
        assertThat(server.components().reputation.recompute()).as("totals out of step with the ledger").isZero();
        for (WebClient member : members) {
            assertThat(reputation(member)).isEqualTo(running.get(community.idOf(member)));
        }
        // and a total that drifted (as after a bad manual edit) is put right
        long someone = community.idOf(members.get(0));
        server.components().database.dsl().execute("UPDATE members SET reputation = reputation + 77 WHERE id = " + someone);
        assertThat(server.components().reputation.recompute()).isEqualTo(1);
        assertThat(reputation(members.get(0))).isEqualTo(running.get(someone));
    }
}
