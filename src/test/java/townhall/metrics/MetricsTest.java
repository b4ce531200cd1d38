package townhall.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** /metrics speaks Prometheus' text format to whoever holds the token; /health splits into liveness and readiness. */
class MetricsTest {
    private static final String TOKEN = "scrape-me-7f3a";

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.METRICS_TOKEN, TOKEN);

    private static Community community;
    private static long questionId;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        questionId = community.ask(community.member("metricsasker"), "What does the blinking blue light mean?");
    }

    private static List<PrometheusText.Sample> scrape() {
        WebClient.Response response = server.newClient().get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        return PrometheusText.parse(response.body());
    }

    private static List<PrometheusText.Sample> named(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    @Test
    void withoutTheRightBearerTokenTheMetricsAreRefused() {
        WebClient visitor = server.newClient();
        WebClient.Response none = visitor.get("/metrics");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.body()).doesNotContain("jvm_");
        assertThat(visitor.get("/metrics", Map.of("Authorization", "Bearer wrong")).status()).isEqualTo(401);
        assertThat(visitor.get("/metrics", Map.of("Authorization", "Basic " + TOKEN)).status()).isEqualTo(401);
        // an administrator's session is no token either
        assertThat(community.admin("metricsadmin").get("/metrics").status()).isEqualTo(401);
    }

    @Test
    void aScrapeParsesAsPrometheusTextWithRequestsByRouteTemplatePoolOutboxSearchMailAndJvm() {
        WebClient visitor = server.newClient();
        visitor.page("/q/" + questionId);
        visitor.get("/no/such/page");
        server.components().database.inTransaction(() -> server.components().outbox.add("metrics-test", 7, null));

        List<PrometheusText.Sample> samples = scrape();
        List<PrometheusText.Sample> requests = named(samples, "http_server_requests_seconds_count");
        assertThat(requests).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("route", "/q/{id}/{slug}").containsEntry("method", "GET")
                    .containsEntry("status", "200");
            assertThat(s.value()).isGreaterThanOrEqualTo(1);
        });
        assertThat(requests).anySatisfy(s -> assertThat(s.labels()).containsEntry("route", "unmatched").containsEntry("status", "404"));
        assertThat(requests).noneMatch(s -> s.labels().get("route").startsWith("/q/" + questionId));
        assertThat(named(samples, "http_server_requests_seconds_sum")).isNotEmpty();

        assertThat(named(samples, "hikaricp_connections_max")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(6));
        assertThat(named(samples, "hikaricp_connections_active")).isNotEmpty();
        assertThat(named(samples, "hikaricp_connections_pending")).isNotEmpty();

        assertThat(named(samples, "townhall_outbox_waiting")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("topic", "metrics-test");
            assertThat(s.value()).isEqualTo(1);
        });
        assertThat(named(samples, "townhall_outbox_oldest_age_seconds")).extracting(s -> s.labels().get("topic"))
                .contains("search", "mail", "webhook", "webhook-delivery", "metrics-test");
        assertThat(named(samples, "townhall_search_index_lag_seconds")).singleElement()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
        assertThat(named(samples, "townhall_search_index_usable")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1));
        assertThat(named(samples, "townhall_mail_queue")).hasSize(1);

        assertThat(named(samples, "jvm_memory_used_bytes")).isNotEmpty();
        assertThat(named(samples, "jvm_threads_live_threads")).isNotEmpty();
        assertThat(named(samples, "process_uptime_seconds")).isNotEmpty();
    }

    @Test
    void healthSplitsIntoLivenessAndReadinessAndKeepsItsFullReport() {
        WebClient probe = server.newClient();
        WebClient.Response live = probe.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"up\"");
        WebClient.Response ready = probe.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"ready\"", "\"database\":\"ok\"", "\"search\":\"ok\"");
        WebClient.Response full = probe.get("/health");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).contains("\"outbox\"", "\"documents\"");
    }
}
