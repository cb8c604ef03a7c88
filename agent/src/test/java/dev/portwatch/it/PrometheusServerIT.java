package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus}, Debian's package) scrapes the agent every second, and its
 * query API returns what the scenario did. Prometheus asks for OpenMetrics first, so this is also its parser's
 * verdict on the agent's OpenMetrics output. A missing prometheus fails the test.
 */
@Timeout(150)
class PrometheusServerIT {

    @EachJdk
    void prometheusScrapesTheAgentAndQueriesWhatTheScenarioDid(Path jdk) throws Exception {
        try (MetricsRun run = MetricsRun.start(jdk);
             Prometheus prometheus = Prometheus.start("portwatch", run.endpoint().substring("http://".length()),
                     null)) {
            String up = prometheus.awaitValue("up{job=\"portwatch\"}", "1", Duration.ofSeconds(60));
            assertEquals("1", up, run.jvm.jdk + ": up{job=\"portwatch\"} within 60 s; targets: "
                    + prometheus.targets() + "\nprometheus log: " + prometheus.log());

            String port = Integer.toString(run.listenerPort);
            assertEquals("1", prometheus.value("portwatch_listeners{port=\"" + port + "\"}"),
                    run.jvm.jdk + ": listener gauge");
            assertEquals("4", prometheus.value("portwatch_outbound_connections_active{server_port=\"" + port
                    + "\"}"), run.jvm.jdk + ": outbound connections by server port");
            assertEquals("4", prometheus.value("portwatch_connect_errors_total{error_type=\"ConnectException\"}"),
                    run.jvm.jdk + ": refused connects");

            // The target is healthy, with no scrape error.
            JsonValue targets = prometheus.api("/api/v1/targets");
            List<JsonValue> active = targets.get("data").get("activeTargets").elements();
            assertEquals(1, active.size(), targets.toString());
            assertEquals("up", active.get(0).get("health").asString(), targets.toString());
            assertEquals("", active.get(0).get("lastError").asString(), targets.toString());
        }
    }
}
