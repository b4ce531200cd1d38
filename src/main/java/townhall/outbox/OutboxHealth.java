package townhall.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import townhall.web.HealthCheck;

/**
 * The outbox in /health: per topic what waits, what is being retried, what was given up, and how old the oldest
 * waiting entry is. Degraded when something was given up or an entry has waited longer than {@code patience}.
 */
public final class OutboxHealth implements HealthCheck {
    private final OutboxStore store;
    private final Clock clock;
    private final Duration patience;

    public OutboxHealth(OutboxStore store, Clock clock, Duration patience) {
        this.store = store;
        this.clock = clock;
        this.patience = patience;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public Report check() {
        LocalDateTime now = LocalDateTime.now(clock);
        Map<String, Object> topics = new LinkedHashMap<>();
        boolean degraded = false;
        for (OutboxStore.TopicCounts counts : store.counts()) {
            long oldest = counts.oldestWaiting() == null ? 0
                    : Math.max(0, Duration.between(counts.oldestWaiting(), now).toSeconds());
            topics.put(counts.topic(), Map.of("waiting", counts.waiting(), "retrying", counts.retrying(),
                    "failed", counts.failed(), "oldestWaitingSeconds", oldest));
            degraded |= counts.failed() > 0 || oldest > patience.toSeconds();
        }
        return new Report(degraded, topics);
    }
}
