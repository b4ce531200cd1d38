package townhall.outbox;

import java.time.LocalDateTime;

/** One side effect waiting to happen: what ({@code topic}, {@code refId}, {@code payload}) and how it went so far. */
public record OutboxEntry(long id, String topic, long refId, String payload, LocalDateTime createdAt, int attempts,
                          LocalDateTime nextAttemptAt, String lastError, LocalDateTime failedAt) {}
