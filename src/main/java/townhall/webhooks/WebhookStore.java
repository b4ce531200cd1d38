package townhall.webhooks;

import static townhall.db.schema.Tables.IDEAS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.WEBHOOK_DELIVERIES;
import static townhall.db.schema.Tables.WEBHOOK_SUBSCRIPTIONS;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import townhall.events.EventType;
import townhall.qa.Audience;

/** The webhook subscriptions and their deliveries. */
final class WebhookStore {
    private final DSLContext db;

    WebhookStore(DSLContext db) {
        this.db = db;
    }

    long insertSubscription(String url, List<EventType> events, Subscription.Format format, String secret,
                            boolean restricted, long adminId, LocalDateTime now) {
        return db.insertInto(WEBHOOK_SUBSCRIPTIONS)
                .set(WEBHOOK_SUBSCRIPTIONS.URL, url)
                .set(WEBHOOK_SUBSCRIPTIONS.EVENTS, events.stream().map(EventType::code).collect(Collectors.joining(" ")))
                .set(WEBHOOK_SUBSCRIPTIONS.FORMAT, format.code())
                .set(WEBHOOK_SUBSCRIPTIONS.SECRET, secret)
                .set(WEBHOOK_SUBSCRIPTIONS.RESTRICTED, restricted)
                .set(WEBHOOK_SUBSCRIPTIONS.CREATED_BY, adminId)
                .set(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, now)
                .returning(WEBHOOK_SUBSCRIPTIONS.ID).fetchOne().getId();
    }

    List<Subscription> subscriptions() {
        return db.selectFrom(WEBHOOK_SUBSCRIPTIONS).orderBy(WEBHOOK_SUBSCRIPTIONS.ID)
                .fetch(WebhookStore::subscription);
    }

    List<Subscription> activeSubscriptions() {
        return db.selectFrom(WEBHOOK_SUBSCRIPTIONS).where(WEBHOOK_SUBSCRIPTIONS.ACTIVE.isTrue())
                .orderBy(WEBHOOK_SUBSCRIPTIONS.ID).fetch(WebhookStore::subscription);
    }

    Optional<Subscription> subscription(long id) {
        return db.selectFrom(WEBHOOK_SUBSCRIPTIONS).where(WEBHOOK_SUBSCRIPTIONS.ID.eq(id))
                .fetchOptional(WebhookStore::subscription);
    }

    /** Whether the question (or, without one, the idea) is in a category not everyone may see. */
    boolean restricted(Long questionId, Long ideaId) {
        if (questionId != null) {
            return db.fetchExists(db.selectOne().from(QUESTIONS).where(QUESTIONS.ID.eq(questionId))
                    .and(DSL.not(Audience.ANONYMOUS.categories(QUESTIONS.CATEGORY_ID))));
        }
        return ideaId != null && db.fetchExists(db.selectOne().from(IDEAS).where(IDEAS.ID.eq(ideaId))
                .and(DSL.not(Audience.ANONYMOUS.categories(IDEAS.CATEGORY_ID))));
    }

    boolean deleteSubscription(long id) {
        return db.deleteFrom(WEBHOOK_SUBSCRIPTIONS).where(WEBHOOK_SUBSCRIPTIONS.ID.eq(id)).execute() > 0;
    }

    long insertDelivery(long subscriptionId, String messageId, String eventType, String payload, LocalDateTime now) {
        return db.insertInto(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID, subscriptionId)
                .set(WEBHOOK_DELIVERIES.MESSAGE_ID, messageId)
                .set(WEBHOOK_DELIVERIES.EVENT_TYPE, eventType)
                .set(WEBHOOK_DELIVERIES.PAYLOAD, payload)
                .set(WEBHOOK_DELIVERIES.CREATED_AT, now)
                .returning(WEBHOOK_DELIVERIES.ID).fetchOne().getId();
    }

    /** The subscriptions that already have a delivery of a message: a fan-out that runs twice skips them. */
    Set<Long> subscriptionsWithMessage(String messageId) {
        return Set.copyOf(db.select(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID).from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.MESSAGE_ID.eq(messageId)).fetch(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID));
    }

    Optional<Delivery> delivery(long id) {
        return db.selectFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.ID.eq(id))
                .fetchOptional(WebhookStore::delivery);
    }

    /** The newest deliveries to a subscription: its log. */
    List<Delivery> deliveries(long subscriptionId, int limit) {
        return db.selectFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID.eq(subscriptionId))
                .orderBy(WEBHOOK_DELIVERIES.ID.desc()).limit(limit).fetch(WebhookStore::delivery);
    }

    void recordAttempt(long id, Delivery.Status status, Integer responseCode, String error, LocalDateTime now) {
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATUS, status.code())
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERIES.RESPONSE_CODE, responseCode)
                .set(WEBHOOK_DELIVERIES.LAST_ERROR, error == null || error.length() <= 500 ? error : error.substring(0, 500))
                .set(WEBHOOK_DELIVERIES.ATTEMPTED_AT, now)
                .where(WEBHOOK_DELIVERIES.ID.eq(id)).execute();
    }

    private static Subscription subscription(Record r) {
        var row = r.into(WEBHOOK_SUBSCRIPTIONS);
        List<EventType> events = Arrays.stream(row.getEvents().split(" "))
                .flatMap(code -> EventType.fromCode(code).stream()).toList();
        return new Subscription(row.getId(), row.getUrl(), events,
                Subscription.Format.valueOf(row.getFormat().toUpperCase(Locale.ROOT)), row.getSecret(),
                Boolean.TRUE.equals(row.getActive()), Boolean.TRUE.equals(row.getRestricted()), row.getCreatedAt());
    }

    private static Delivery delivery(Record r) {
        var row = r.into(WEBHOOK_DELIVERIES);
        return new Delivery(row.getId(), row.getSubscriptionId(), row.getMessageId(), row.getEventType(),
                row.getPayload(), Delivery.Status.fromCode(row.getStatus()), row.getAttempts(), row.getResponseCode(),
                row.getLastError(), row.getCreatedAt(), row.getAttemptedAt());
    }
}
