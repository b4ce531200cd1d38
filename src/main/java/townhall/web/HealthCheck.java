package townhall.web;

import java.util.Map;

/**
 * A part of Townhall that /health reports on besides the database (the outbox's queues), so that a monitor can
 * alert on a degraded state before members notice.
 */
public interface HealthCheck {
    /** The key of this part in /health's JSON. */
    String name();

    Report check();

    /** Whether this part can serve at all; while it cannot, {@code /health/ready} answers 503 (an unusable index). */
    default boolean usable() { return true; }

    /** {@code degraded}: Townhall serves, but this part is behind or failing; {@code figures}: what a monitor graphs. */
    record Report(boolean degraded, Map<String, Object> figures) {}
}
