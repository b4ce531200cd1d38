package townhall.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.WEBHOOK_DELIVERIES;
import static townhall.db.schema.Tables.WEBHOOK_SUBSCRIPTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Signed webhooks reach a real receiver, are tried again while it fails, give up after N tries and can be sent again. */
class WebhooksTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.WEBHOOKS_ALLOW_LOCAL, "true")
            .with(Setting.OUTBOX_ATTEMPTS, "3")
            .with(Setting.OUTBOX_LONGEST_PAUSE_SECONDS, "1");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Community community;
    private static WebClient admin;
    private static Receiver receiver;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("hookadmin");
        receiver = new Receiver();
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    /** Subscribes through the admin page; returns the secret the page shows once. */
    private static String subscribe(String url, String format, String... events) {
        return subscribe(url, format, false, events);
    }

    private static String subscribe(String url, String format, boolean restricted, String... events) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                Map.entry("url", url), Map.entry("format", format)));
        if (restricted) {
            fields.add(Map.entry("restricted", "on"));
        }
        for (String event : events) {
            fields.add(Map.entry("events", event));
        }
        WebClient.Response response = admin.postPairs("/admin/webhooks", fields);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String secret = response.html().select("input#secret").val();
        assertThat(secret).startsWith("whsec_");
        return secret;
    }

    @Test
    void anIdeasStatusChangeReachesTheSubscribersOfIdeaStatusChanged() throws Exception {
        subscribe(receiver.url("/ideas"), "standard", "idea.status_changed");
        WebClient staff = community.staff("hookstaff");
        long board = townhall.ideas.Ideas.board(server, staff, "hook-ideas", "");
        long idea = townhall.ideas.Ideas.propose(community.member("hookidea"), board, "Send a webhook when an idea ships");
        townhall.ideas.Ideas.vote(community.member("hookvoter"), idea);
        assertThat(townhall.ideas.Ideas.setStatus(staff, idea, "shipped", "Done.").status()).isEqualTo(303);

        Eventually.await(() -> receiver.received.stream().anyMatch(r -> r.body().contains("idea.status_changed")));
        JsonNode event = JSON.readTree(receiver.received.stream().filter(r -> r.body().contains("idea.status_changed"))
                .findFirst().orElseThrow().body());
        assertThat(event.path("data").path("ideaId").asLong()).isEqualTo(idea);
        assertThat(event.path("data").path("status").asText()).isEqualTo("shipped");
        assertThat(event.path("data").path("previousStatus").asText()).isEqualTo("new");
        assertThat(event.path("data").path("votes").asInt()).isEqualTo(1);
        assertThat(event.path("data").path("url").asText()).contains("/idea/" + idea + "/");
    }

    @Test
    void aStaffOnlyQuestionReachesOnlyTheWebhookThatChoseRestrictedCategories() {
        subscribe(receiver.url("/public-channel"), "slack", "question.asked");
        subscribe(receiver.url("/helpdesk"), "standard", true, "question.asked");
        assertThat(admin.page("/admin/webhooks").select(".webhook-subscriptions").text())
                .contains("restricted categories too");
        assertThat(admin.post("/admin/categories", Map.of("name", "Escalations", "description", "")).status())
                .isEqualTo(303);
        long escalations = server.components().categories.all().stream()
                .filter(c -> c.slug().equals("escalations")).findFirst().orElseThrow().id();
        assertThat(admin.post("/admin/categories/" + escalations + "/visibility",
                Map.of("visibility", "staff", "group", "")).status()).isEqualTo(303);

        WebClient staff = community.staff("hookdesk");
        assertThat(staff.post("/ask", Map.of("title", "Refund owed to a customer with a broken amplifier",
                "body", "Internal: the customer waited three weeks for the repair.", "tags", "refunds",
                "category", "escalations")).status()).isEqualTo(303);
        community.ask(community.member("hookpublic"), "Which amplifier suits bookshelf speakers best?");

        Eventually.await(() -> receiver.received.stream().anyMatch(r -> r.path().equals("/helpdesk")
                && r.body().contains("broken amplifier")));
        Eventually.await(() -> receiver.received.stream().anyMatch(r -> r.path().equals("/public-channel")
                && r.body().contains("bookshelf speakers")));
        assertThat(receiver.received).noneMatch(r -> r.path().equals("/public-channel")
                && r.body().contains("broken amplifier"));
    }

    /** Standard Webhooks, computed here independently: HMAC-SHA256 of "id.timestamp.body" keyed by the secret's bytes. */
    private static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aQuestionAskedReachesTheReceiverSignedAsTheStandardSays() throws Exception {
        String secret = subscribe(receiver.url("/asked"), "standard", "question.asked", "answer.accepted");
        WebClient asker = community.member("hookasker");
        long questionId = community.ask(asker, "Does the dock charge two headsets at once?");

        Eventually.await(() -> receiver.received.stream().anyMatch(r -> r.body().contains("two headsets")));
        Receiver.Request request = receiver.received.stream().filter(r -> r.body().contains("two headsets"))
                .findFirst().orElseThrow();
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        assertThat(id).startsWith("msg_");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        assertThat(request.header("webhook-signature"))
                .isEqualTo(expectedSignature(secret, id, timestamp, request.body()));
        assertThat(request.header("content-type")).startsWith("application/json");

        JsonNode event = JSON.readTree(request.body());
        assertThat(event.path("type").asText()).isEqualTo("question.asked");
        assertThat(event.path("timestamp").asText()).isNotEmpty();
        assertThat(event.path("data").path("questionId").asLong()).isEqualTo(questionId);
        assertThat(event.path("data").path("title").asText()).isEqualTo("Does the dock charge two headsets at once?");
        assertThat(event.path("data").path("author").asText()).isEqualTo(community.usernameOf(asker));
        assertThat(event.path("data").path("url").asText()).contains("/q/" + questionId + "/");

        // accepting an answer is heard too; an answer posted (not subscribed) is not
        long answerId = community.answer(community.member("hookhelper"), questionId, "Yes, the dock charges two at a time.");
        assertThat(asker.post("/posts/" + answerId + "/accept", Map.of()).status()).isEqualTo(303);
        Eventually.await(() -> receiver.received.stream().anyMatch(r -> r.body().contains("answer.accepted")));
        assertThat(receiver.received).noneMatch(r -> r.body().contains("answer.posted"));
    }

    @Test
    void aFailingReceiverIsTriedAgainThenGivenUpAfterNAttemptsWhileAnotherEndpointGetsItsDeliveryAtOnce() throws Exception {
        try (Receiver failing = new Receiver(); Receiver healthy = new Receiver()) {
            failing.status = 500;
            subscribe(failing.url("/failing"), "standard", "answer.posted");
            subscribe(healthy.url("/healthy"), "standard", "answer.posted");
            long questionId = community.ask(community.member("retryasker"), "Why does the left earbud drop out?");
            community.answer(community.member("retryhelper"), questionId, "Reset the pairing of both earbuds at once.");

            Eventually.await(() -> healthy.received.size() == 1);
            Eventually.await(() -> failing.received.size() == 3); // outbox.attempts = 3
            long subscriptionId = server.components().database.dsl().select(WEBHOOK_SUBSCRIPTIONS.ID)
                    .from(WEBHOOK_SUBSCRIPTIONS).where(WEBHOOK_SUBSCRIPTIONS.URL.eq(failing.url("/failing")))
                    .fetchOne(WEBHOOK_SUBSCRIPTIONS.ID);
            Eventually.await(() -> admin.page("/admin/webhooks/" + subscriptionId).select("tr.delivery-failed").size() == 1);
            Eventually.pause(2500); // longer than the longest pause: no fourth attempt comes
            assertThat(failing.received).hasSize(3);
            assertThat(failing.received.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
            Document log = admin.page("/admin/webhooks/" + subscriptionId);
            assertThat(log.select("tr.delivery-failed .response-code").text()).contains("500");
            assertThat(log.select("tr.delivery-failed").text()).contains("3");

            // the receiver is repaired: "send again" delivers the same message, with the same webhook-id
            failing.status = 200;
            String again = log.select("tr.delivery-failed form").attr("action");
            assertThat(admin.visit(again).status()).isIn(404, 405); // a GET does nothing
            WebClient.Response resent = admin.post(again.substring(again.indexOf("/admin")), Map.of());
            assertThat(resent.status()).isEqualTo(303);
            Eventually.await(() -> failing.received.size() == 4);
            assertThat(failing.received.get(3).header("webhook-id")).isEqualTo(failing.received.get(0).header("webhook-id"));
            Eventually.await(() -> admin.page("/admin/webhooks/" + subscriptionId).select("tr.delivery-delivered").size() == 1);
        }
    }

    @Test
    void aSlackSubscriptionGetsAMessageWithALinkToTheQuestion() throws Exception {
        try (Receiver slack = new Receiver()) {
            slack.status = 200;
            subscribe(slack.url("/slack"), "slack", "question.asked");
            long questionId = community.ask(community.member("slackasker"), "Can I use the charging case & cable abroad?");
            Eventually.await(() -> slack.received.size() == 1);
            JsonNode message = JSON.readTree(slack.received.getFirst().body());
            assertThat(message.path("text").asText()).contains("/q/" + questionId + "/")
                    .contains("Can I use the charging case &amp; cable abroad?").startsWith("New question by ");
        }
    }

    @Test
    void anAddressThatIsNotHttpsIsRefusedWithTheFormKeptAndNothingWritten() {
        int before = server.components().database.dsl().fetchCount(WEBHOOK_SUBSCRIPTIONS);
        WebClient.Response response = admin.postPairs("/admin/webhooks", List.of(
                Map.entry("url", "http://hooks.example.com/in"), Map.entry("events", "question.asked")));
        assertThat(response.status()).isEqualTo(422);
        Document page = response.html();
        assertThat(page.select("#url-error").text()).contains("https://");
        assertThat(page.select("input#url").val()).isEqualTo("http://hooks.example.com/in");
        assertThat(page.select("input[value=question.asked]").hasAttr("checked")).isTrue();

        WebClient.Response noEvents = admin.postPairs("/admin/webhooks", List.of(Map.entry("url", "https://hooks.example.com/in")));
        assertThat(noEvents.status()).isEqualTo(422);
        assertThat(noEvents.html().select("#events-error").text()).isNotEmpty();
        assertThat(server.components().database.dsl().fetchCount(WEBHOOK_SUBSCRIPTIONS)).isEqualTo(before);
    }

    @Test
    void onlyAdministratorsSeeOrChangeWebhooksAndARefusalWritesNothing() {
        subscribe("https://hooks.example.com/kept", "standard", "member.joined");
        var sql = server.components().database.dsl();
        long subscriptionId = sql.select(WEBHOOK_SUBSCRIPTIONS.ID).from(WEBHOOK_SUBSCRIPTIONS)
                .where(WEBHOOK_SUBSCRIPTIONS.URL.eq("https://hooks.example.com/kept")).fetchOne(WEBHOOK_SUBSCRIPTIONS.ID);
        long deliveryId = sql.insertInto(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID, subscriptionId)
                .set(WEBHOOK_DELIVERIES.MESSAGE_ID, "msg_test").set(WEBHOOK_DELIVERIES.EVENT_TYPE, "member.joined")
                .set(WEBHOOK_DELIVERIES.PAYLOAD, "{}").set(WEBHOOK_DELIVERIES.STATUS, "failed")
                .set(WEBHOOK_DELIVERIES.CREATED_AT, java.time.LocalDateTime.now())
                .returning(WEBHOOK_DELIVERIES.ID).fetchOne().getId();
        int subscriptions = sql.fetchCount(WEBHOOK_SUBSCRIPTIONS);
        int deliveries = sql.fetchCount(WEBHOOK_DELIVERIES);

        for (WebClient outsider : List.of(community.member("hookmember"), community.staff("hookstaff"))) {
            assertThat(outsider.get("/admin/webhooks").status()).isEqualTo(403);
            assertThat(outsider.get("/admin/webhooks/" + subscriptionId).status()).isEqualTo(403);
            assertThat(outsider.postPairs("/admin/webhooks", List.of(Map.entry("url", "https://evil.example/"),
                    Map.entry("events", "question.asked"))).status()).isEqualTo(403);
            assertThat(outsider.post("/admin/webhooks/" + subscriptionId + "/delete", Map.of()).status()).isEqualTo(403);
            assertThat(outsider.post("/admin/webhooks/deliveries/" + deliveryId + "/again", Map.of()).status()).isEqualTo(403);
        }
        WebClient visitor = server.newClient();
        assertThat(visitor.get("/admin/webhooks").status()).isEqualTo(303);
        assertThat(visitor.post("/admin/webhooks/" + subscriptionId + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(sql.fetchCount(WEBHOOK_SUBSCRIPTIONS)).isEqualTo(subscriptions);
        assertThat(sql.fetchCount(WEBHOOK_DELIVERIES)).isEqualTo(deliveries);

        // a POST without the CSRF token is refused too, even from an administrator
        assertThat(admin.postRaw("/admin/webhooks/" + subscriptionId + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(sql.fetchCount(WEBHOOK_SUBSCRIPTIONS)).isEqualTo(subscriptions);
        // and the administrator's delete works
        assertThat(admin.post("/admin/webhooks/" + subscriptionId + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(sql.fetchCount(WEBHOOK_SUBSCRIPTIONS)).isEqualTo(subscriptions - 1);
    }
}
