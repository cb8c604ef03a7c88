package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for one test: {@code /usr/bin/prometheus} (Debian's package; another with
 * {@code -Dportwatch.test.prometheus}) on a free loopback port, scraping one target every second, with an optional
 * rules file evaluated every second. {@link #start} returns once it is ready; {@link #close} stops it and deletes its
 * data. Its HTTP API is read through {@link #query}, {@link #value}, {@link #alerts} and {@link #api}.
 * A missing binary fails the test.
 */
final class Prometheus implements AutoCloseable {

    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path work;
    private final String url;

    private Prometheus(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.url = "http://127.0.0.1:" + port;
    }

    /**
     * Starts Prometheus scraping {@code target} ({@code host:port} of an agent's endpoint) as {@code job}, with the
     * alerting or recording rules of {@code rules} (null for none), and waits until it is ready.
     */
    static Prometheus start(String job, String target, Path rules) throws IOException, InterruptedException {
        return start(job, target, rules, List.of());
    }

    /**
     * Like {@link #start(String, String, Path)}, with more settings for the job, as YAML lines at its level (such as
     * {@code "    scheme: https"} or a {@code tls_config}).
     */
    static Prometheus start(String job, String target, Path rules, List<String> jobSettings)
            throws IOException, InterruptedException {
        return start(String.join("\n", "  - job_name: " + job, String.join("\n", jobSettings),
                "    static_configs:", "      - targets: ['" + target + "']"), rules);
    }

    /** Starts Prometheus scraping several agents, each target ({@code host:port}) as its own job, by job name. */
    static Prometheus start(Map<String, String> targetsByJob, Path rules) throws IOException, InterruptedException {
        List<String> jobs = new ArrayList<>();
        targetsByJob.forEach((job, target) -> jobs.add(String.join("\n", "  - job_name: " + job,
                "    static_configs:", "      - targets: ['" + target + "']")));
        return start(String.join("\n", jobs), rules);
    }

    private static Prometheus start(String scrapeConfigs, Path rules) throws IOException, InterruptedException {
        Path binary = Path.of(System.getProperty("portwatch.test.prometheus", "/usr/bin/prometheus"));
        assertTrue(Files.isExecutable(binary), "Prometheus missing: " + binary + " (install Debian's prometheus "
                + "package, as .ci/run does, or set -Dportwatch.test.prometheus)");
        Path work = Files.createTempDirectory("portwatch-prometheus");
        Files.writeString(work.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                rules == null ? "" : "rule_files: ['" + rules.toAbsolutePath() + "']",
                "scrape_configs:",
                scrapeConfigs,
                ""));
        int port = Ports.free();
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        Prometheus prometheus = new Prometheus(process, work, port);
        try {
            prometheus.awaitReady();
        } catch (RuntimeException | Error | IOException | InterruptedException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    String url() {
        return url;
    }

    /** An instant query ({@code /api/v1/query}) evaluated now. */
    Query query(String promql) throws IOException, InterruptedException {
        return Query.of(promql, api("/api/v1/query?query=" + encode(promql)));
    }

    /**
     * The value of an instant query with exactly one series, or null when it has none (yet); more than one series,
     * or an answer that is not a vector, fails the test.
     */
    String value(String promql) throws IOException, InterruptedException {
        Query answer = query(promql);
        assertEquals("success", answer.status(), promql + ": " + answer);
        assertEquals("vector", answer.resultType(), promql + ": " + answer);
        List<JsonValue> series = answer.result().elements();
        if (series.isEmpty()) {
            return null;
        }
        assertEquals(1, series.size(), promql + ": " + answer);
        return series.get(0).get("value").elements().get(1).asString();
    }

    /** Queries {@code promql} until its one series has the value {@code expected}, for {@code timeout} at most. */
    String awaitValue(String promql, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String value = value(promql);
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            assertAlive();
            Thread.sleep(250);
            value = value(promql);
        }
        return value;
    }

    /** The values of a label ({@code /api/v1/label/<name>/values}), of the series {@code match} selects (null: all). */
    List<String> labelValues(String label, String match) throws IOException, InterruptedException {
        JsonValue answer = api("/api/v1/label/" + label + "/values"
                + (match == null ? "" : "?match[]=" + encode(match)));
        assertEquals("success", answer.get("status").asString(), "Prometheus: " + answer);
        return answer.get("data").strings();
    }

    /** The alerts of the rules file, pending or firing ({@code /api/v1/alerts}). */
    List<Alert> alerts() throws IOException, InterruptedException {
        JsonValue answer = api("/api/v1/alerts");
        assertEquals("success", answer.get("status").asString(), "Prometheus: " + answer);
        return answer.get("data").get("alerts").elements().stream().map(Alert::of).toList();
    }

    /** Any GET of the HTTP API, such as {@code /api/v1/rules} or {@code /api/v1/targets}, parsed. */
    JsonValue api(String pathAndQuery) throws IOException, InterruptedException {
        return JsonValue.parse(Http.text(Http.get(url + pathAndQuery)));
    }

    /** What Prometheus says about its scrape targets, for failure messages. */
    String targets() {
        try {
            return Http.text(Http.get(url + "/api/v1/targets"));
        } catch (IOException | InterruptedException e) {
            return "(unavailable: " + e + ")";
        }
    }

    /** Prometheus' own log so far, for failure messages. */
    String log() {
        try {
            return Files.readString(work.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** An instant query's answer: {@code status}, and {@code errorType} and {@code error} or the result. */
    record Query(String promql, String status, String errorType, String error, String resultType,
                 JsonValue result) {

        static Query of(String promql, JsonValue answer) {
            JsonValue data = answer.get("data");
            return new Query(promql, answer.get("status").asString(), answer.get("errorType").asString(),
                    answer.get("error").asString(), data.get("resultType").asString(), data.get("result"));
        }

        /** Null when the query returned data, else what is wrong with its result. */
        String problem() {
            if (!"success".equals(status)) {
                return "Prometheus said " + errorType + ": " + error;
            }
            return result.raw() instanceof List<?> list && list.isEmpty() ? "no data" : null;
        }
    }

    /** One alert of {@code /api/v1/alerts}: its labels (alertname among them), annotations and state. */
    record Alert(Map<String, String> labels, Map<String, String> annotations, String state, String activeAt,
                 String value) {

        static Alert of(JsonValue alert) {
            return new Alert(strings(alert.get("labels")), strings(alert.get("annotations")),
                    alert.get("state").asString(), alert.get("activeAt").asString(), alert.get("value").asString());
        }

        String name() {
            return labels.get("alertname");
        }

        private static Map<String, String> strings(JsonValue object) {
            Map<String, String> strings = new LinkedHashMap<>();
            if (!object.isNull()) {
                object.fields().forEach((name, value) -> strings.put(name, value.asString()));
            }
            return strings;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive();
            try {
                HttpResponse<byte[]> response = Http.get(url + "/-/ready");
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        fail("Prometheus not ready within " + READY_WAIT.toSeconds() + " s:\n" + log());
    }

    private void assertAlive() {
        if (!process.isAlive()) {
            fail("Prometheus exited with " + process.exitValue() + ":\n" + log());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
