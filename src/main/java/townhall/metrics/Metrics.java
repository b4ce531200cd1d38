package townhall.metrics;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import townhall.db.Database;
import townhall.outbox.OutboxStore;
import townhall.web.HealthCheck;
import townhall.web.RequestTimer;

/**
 * Townhall's figures for Prometheus, through Micrometer: request timings by route template, the database pool,
 * each outbox topic's backlog and the age of its oldest waiting entry (the search index's lag and the mail queue
 * among them), the search index, and the JVM. The outbox is read once per scrape, in one query.
 */
public final class Metrics implements RequestTimer, AutoCloseable {
    private static final String SEARCH_TOPIC = "search";
    private static final String MAIL_TOPIC = "mail";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OutboxStore outbox;
    private final Clock clock;
    private final List<String> knownTopics;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge waiting;
    private final MultiGauge retrying;
    private final MultiGauge failed;
    private final MultiGauge oldest;
    private volatile Map<String, OutboxStore.TopicCounts> topics = Map.of();
    // Micrometer holds a gauge's object weakly: these are kept here so that their gauges keep reading
    private final HealthCheck search;
    private final HikariPoolMXBean pool;

    /** {@code knownTopics}: reported (as 0) even while they hold nothing; {@code search}: the index's health. */
    public Metrics(Database database, OutboxStore outbox, HealthCheck search, List<String> knownTopics, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.knownTopics = List.copyOf(knownTopics);
        this.search = search;
        this.pool = database.pool();
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindPool(database);
        waiting = MultiGauge.builder("townhall.outbox.waiting").description("Outbox entries waiting for their first attempt or a retry, by topic").register(registry);
        retrying = MultiGauge.builder("townhall.outbox.retrying").description("Outbox entries that failed and wait to be tried again, by topic").register(registry);
        failed = MultiGauge.builder("townhall.outbox.failed").description("Outbox entries given up, shown at /admin/outbox, by topic").register(registry);
        oldest = MultiGauge.builder("townhall.outbox.oldest.age").baseUnit("seconds").description("Age of the oldest entry not given up, by topic").register(registry);
        Gauge.builder("townhall.search.index.lag", this, m -> m.ageOf(SEARCH_TOPIC)).baseUnit("seconds")
                .description("How long the oldest change not yet in the search index has waited").register(registry);
        Gauge.builder("townhall.search.index.pending", this, m -> m.backlogOf(SEARCH_TOPIC))
                .description("Changes waiting to reach the search index").register(registry);
        Gauge.builder("townhall.search.index.usable", this, m -> m.search.usable() ? 1 : 0)
                .description("1 while the search index can be searched").register(registry);
        Gauge.builder("townhall.mail.queue", this, m -> m.backlogOf(MAIL_TOPIC))
                .description("Email waiting to be sent (first attempt or retry)").register(registry);
        Gauge.builder("townhall.mail.failed", this, m -> m.count(MAIL_TOPIC, OutboxStore.TopicCounts::failed))
                .description("Email given up after its last attempt").register(registry);
    }

    private void bindPool(Database database) {
        Tags tags = Tags.of("pool", "townhall");
        HikariPoolMXBean bean = pool;
        Gauge.builder("hikaricp.connections.active", bean, HikariPoolMXBean::getActiveConnections).tags(tags)
                .description("Connections in use").register(registry);
        Gauge.builder("hikaricp.connections.idle", bean, HikariPoolMXBean::getIdleConnections).tags(tags)
                .description("Idle connections").register(registry);
        Gauge.builder("hikaricp.connections.pending", bean, HikariPoolMXBean::getThreadsAwaitingConnection).tags(tags)
                .description("Threads waiting for a connection").register(registry);
        Gauge.builder("hikaricp.connections", bean, HikariPoolMXBean::getTotalConnections).tags(tags)
                .description("Connections open").register(registry);
        Gauge.builder("hikaricp.connections.max", database, Database::poolSize).tags(tags)
                .description("Largest number of connections").register(registry);
    }

    @Override
    public void record(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests").description("Requests by route template")
                .tags("method", method, "route", route, "status", Integer.toString(status),
                        "outcome", outcome(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    /** The text exposition of every figure, the outbox read afresh. */
    public String scrape() {
        refreshOutbox();
        return registry.scrape();
    }

    private void refreshOutbox() {
        Map<String, OutboxStore.TopicCounts> now = new LinkedHashMap<>();
        knownTopics.forEach(topic -> now.put(topic, new OutboxStore.TopicCounts(topic, 0, 0, 0, null)));
        outbox.counts().forEach(counts -> now.put(counts.topic(), counts));
        topics = now;
        waiting.register(rows(now, c -> c.waiting()), true);
        retrying.register(rows(now, c -> c.retrying()), true);
        failed.register(rows(now, c -> c.failed()), true);
        oldest.register(rows(now, c -> age(c.oldestWaiting())), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, OutboxStore.TopicCounts> counts,
                                                ToDoubleFunction<OutboxStore.TopicCounts> value) {
        return counts.values().stream()
                .<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(Tags.of("topic", c.topic()), value.applyAsDouble(c)))
                .toList();
    }

    private double age(LocalDateTime since) {
        return since == null ? 0 : Math.max(0, Duration.between(since, LocalDateTime.now(clock)).toMillis() / 1000.0);
    }

    private double ageOf(String topic) {
        OutboxStore.TopicCounts counts = topics.get(topic);
        return counts == null ? 0 : age(counts.oldestWaiting());
    }

    private double backlogOf(String topic) {
        return count(topic, c -> c.waiting() + c.retrying());
    }

    private double count(String topic, ToDoubleFunction<OutboxStore.TopicCounts> value) {
        OutboxStore.TopicCounts counts = topics.get(topic);
        return counts == null ? 0 : value.applyAsDouble(counts);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
