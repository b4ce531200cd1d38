package townhall.webhooks;

import java.time.LocalDateTime;

/** One event on its way to one endpoint, and how its attempts went: a line of the delivery log. */
public record Delivery(long id, long subscriptionId, String messageId, String eventType, String payload,
                       Status status, int attempts, Integer responseCode, String lastError, LocalDateTime createdAt,
                       LocalDateTime attemptedAt) {

    public enum Status {
        PENDING, DELIVERED, RETRYING, FAILED;

        public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

        static Status fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
