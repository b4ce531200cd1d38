package townhall.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Sends one delivery per call ({@value FanOut#DELIVERY_TOPIC}), signed, from the outbox worker's thread: a 2xx answer
 * marks it delivered; anything else is recorded in the log and thrown, so the outbox tries again after its doubling
 * pause, and after {@code attempts} tries keeps it as failed (shown here and at /admin/outbox).
 */
final class Deliverer implements OutboxHandler {
    private final WebhookStore store;
    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Clock clock;

    Deliverer(WebhookStore store, Duration timeout, int attempts, Clock clock) {
        this.store = store;
        this.timeout = timeout;
        this.attempts = attempts;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String topic() { return FanOut.DELIVERY_TOPIC; }

    @Override
    public int batchSize() { return 1; }

    @Override
    public void handle(List<OutboxEntry> batch) throws Exception {
        for (OutboxEntry entry : batch) {
            Delivery delivery = store.delivery(entry.refId()).orElse(null);
            Subscription subscription = delivery == null ? null
                    : store.subscription(delivery.subscriptionId()).orElse(null);
            if (subscription != null && delivery.status() != Delivery.Status.DELIVERED) {
                send(delivery, subscription, entry.attempts() + 1);
            } // a deleted subscription, or a delivery done before a crash: nothing to send
        }
    }

    private void send(Delivery delivery, Subscription subscription, int attempt) throws IOException, InterruptedException {
        String body = subscription.format() == Subscription.Format.SLACK
                ? SlackMessage.of(delivery.payload()) : delivery.payload();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Townhall-Webhooks")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(subscription.secret(), delivery.messageId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Delivery.Status failed = attempt >= attempts ? Delivery.Status.FAILED : Delivery.Status.RETRYING;
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.recordAttempt(delivery.id(), failed, null, error, LocalDateTime.now(clock));
            throw new IOException("Webhook " + subscription.url() + " did not answer: " + error, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            store.recordAttempt(delivery.id(), Delivery.Status.DELIVERED, status, null, LocalDateTime.now(clock));
            return;
        }
        store.recordAttempt(delivery.id(), failed, status, "HTTP " + status, LocalDateTime.now(clock));
        throw new IOException("Webhook " + subscription.url() + " answered HTTP " + status);
    }
}
