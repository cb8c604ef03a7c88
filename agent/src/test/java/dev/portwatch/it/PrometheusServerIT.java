package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus}, Debian's package) scrapes the agent every second, and its
 * query API returns what the scenario did. Prometheus asks for OpenMetrics first, so this is also its parser's
 * verdict on the agent's OpenMetrics output. A missing prometheus fails the test.
 */
@Timeout(150)
class PrometheusServerIT {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @EachJdk
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheAgentAndQueriesWhatTheScenarioDid(Path jdk, @TempDir Path temp) throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), PROMETHEUS + " is missing: install Debian's prometheus package "
                + "(.ci/run does)");
        try (MetricsRun run = MetricsRun.start(jdk)) {
            String target = run.endpoint().substring("http://".length());
            int webPort = freePort();
            Path config = temp.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  scrape_timeout: 1s",
                    "  evaluation_interval: 1s",
                    "scrape_configs:",
                    "  - job_name: portwatch",
                    "    static_configs:",
                    "      - targets: ['" + target + "']",
                    ""));
            Path log = temp.resolve("prometheus.log");
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + temp.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + webPort)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String api = "http://127.0.0.1:" + webPort + "/api/v1/query?query=";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String up = null;
                while (System.nanoTime() < deadline) {
                    if (!prometheus.isAlive()) {
                        fail("prometheus exited with " + prometheus.exitValue() + ": " + Files.readString(log));
                    }
                    up = valueOrNull(api, "up{job=\"portwatch\"}");
                    if ("1".equals(up)) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertEquals("1", up, run.jvm.jdk + ": up{job=\"portwatch\"} within 60 s; targets: "
                        + targets(webPort) + "\nprometheus log: " + Files.readString(log));

                String port = Integer.toString(run.listenerPort);
                assertEquals("1", valueOrNull(api, "portwatch_listeners{port=\"" + port + "\"}"),
                        run.jvm.jdk + ": listener gauge");
                assertEquals("4", valueOrNull(api, "portwatch_outbound_connections_active{server_port=\"" + port
                        + "\"}"), run.jvm.jdk + ": outbound connections by server port");
                assertEquals("4", valueOrNull(api,
                        "portwatch_connect_errors_total{error_type=\"ConnectException\"}"),
                        run.jvm.jdk + ": refused connects");

                // The target is healthy, with no scrape error.
                Map<String, Object> targets = MiniJson.object(targets(webPort));
                List<Map<String, Object>> active = (List<Map<String, Object>>)
                        ((Map<String, Object>) targets.get("data")).get("activeTargets");
                assertEquals(1, active.size(), targets.toString());
                assertEquals("up", active.get(0).get("health"), targets.toString());
                assertEquals("", active.get(0).get("lastError"), targets.toString());
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * The value of an instant query with exactly one series, or null while Prometheus is not answering or has no
     * such series yet; more than one series fails the test.
     */
    @SuppressWarnings("unchecked")
    private static String valueOrNull(String api, String query) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = Http.get(api + URLEncoder.encode(query, StandardCharsets.UTF_8));
        } catch (IOException notListeningYet) {
            return null;
        }
        if (response.statusCode() != 200) {
            return null;
        }
        Map<String, Object> answer = MiniJson.object(Http.text(response));
        assertEquals("success", answer.get("status"), query + ": " + answer);
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        assertEquals("vector", data.get("resultType"), query + ": " + answer);
        List<Map<String, Object>> result = (List<Map<String, Object>>) data.get("result");
        if (result.isEmpty()) {
            return null;
        }
        assertEquals(1, result.size(), query + ": " + answer);
        List<Object> value = (List<Object>) result.get(0).get("value");
        return (String) value.get(1);
    }

    private static String targets(int webPort) {
        try {
            return Http.text(Http.get("http://127.0.0.1:" + webPort + "/api/v1/targets"));
        } catch (IOException | InterruptedException e) {
            return "(unavailable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
