package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus}, Debian's package) scrapes the agent every second, and its
 * query API returns what the scenario did: among others, a failed bind and refused connects that come 15 s after
 * start each show as an {@code increase()}, because their series existed before (at zero) or, for the bind's port,
 * showed zero at their first scrape. Prometheus asks for OpenMetrics first, so this is also its parser's verdict on
 * the agent's OpenMetrics output. A missing prometheus fails the test.
 */
@Timeout(150)
class PrometheusServerIT {

    /** When the scenario's failures come: long after the agent started. */
    private static final long ERRORS_AFTER_SECONDS = 15;
    /** Scrapes of the error counters Prometheus must have before the failures. */
    private static final int SCRAPES_BEFORE = 5;

    @EachJdk
    void prometheusScrapesTheAgentAndQueriesWhatTheScenarioDid(Path jdk) throws Exception {
        long started = System.nanoTime();
        try (MetricsRun run = MetricsRun.startIdle(jdk, "port=0");
             Prometheus prometheus = Prometheus.start("portwatch", run.endpoint().substring("http://".length()),
                     null)) {
            String up = prometheus.awaitValue("up{job=\"portwatch\"}", "1", Duration.ofSeconds(60));
            assertEquals("1", up, run.jvm.jdk + ": up{job=\"portwatch\"} within 60 s; targets: "
                    + prometheus.targets() + "\nprometheus log: " + prometheus.log());

            // The failures come well after start, once Prometheus has scraped the error counters several times:
            // what an operator's Prometheus sees of a one-off failure in a JVM that has run a while.
            prometheus.awaitValue("sum_over_time(up{job=\"portwatch\"}[1m]) >= bool " + SCRAPES_BEFORE, "1",
                    Duration.ofSeconds(60));
            long sinceStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(ERRORS_AFTER_SECONDS) - sinceStart));
            run.play();
            for (String counter : List.of("portwatch_bind_errors_total", "portwatch_connect_errors_total",
                    "portwatch_bind_errors_by_port_total")) {
                String increase = "sum(increase(" + counter + "[1m])) >= bool 1";
                assertEquals("1", prometheus.awaitValue(increase, "1", Duration.ofSeconds(20)), run.jvm.jdk + ": "
                        + increase + ": Prometheus saw no increase; sum: " + prometheus.value("sum(" + counter + ")"));
            }

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
