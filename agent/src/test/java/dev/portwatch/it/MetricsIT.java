package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} of a JVM that ran {@link MetricsScenario}: every documented metric is there with its documented
 * labels, and the counters and gauges say exactly what the scenario did, and what the kernel ({@code ss}) sees.
 */
@Timeout(120)
class MetricsIT {

    /** Every metric of the table in docs/metrics.md, as sample names, with the label names its samples carry. */
    static final Map<String, Set<String>> METRICS = metrics();

    private static final Pattern VERSION = Pattern.compile("^portwatch: portwatch (\\S+) recording sockets");

    private static Map<String, Set<String>> metrics() {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        metrics.put("portwatch_listeners", Set.of("network_transport", "port", "port_class", "port_service"));
        metrics.put("portwatch_connections_active", Set.of("network_transport", "direction"));
        metrics.put("portwatch_connections_opened_total", Set.of("network_transport", "direction"));
        metrics.put("portwatch_connections_closed_total", Set.of("network_transport", "direction"));
        metrics.put("portwatch_outbound_connections_active", Set.of("network_transport", "server_address",
                "server_port", "port_service"));
        Set<String> server = Set.of("network_transport", "server_address", "server_port");
        metrics.put("portwatch_outbound_connections_opened_total", server);
        metrics.put("portwatch_outbound_connect_errors_total", with(server, "error_type"));
        metrics.put("portwatch_outbound_io_bytes_total", with(server, "network_io_direction"));
        metrics.put("portwatch_outbound_connect_duration_seconds_bucket", with(server, "le"));
        metrics.put("portwatch_outbound_connect_duration_seconds_count", server);
        metrics.put("portwatch_outbound_connect_duration_seconds_sum", server);
        metrics.put("portwatch_inbound_connections_accepted_total", Set.of("network_transport", "port"));
        metrics.put("portwatch_inbound_connections_active", Set.of("network_transport", "port"));
        metrics.put("portwatch_connect_duration_seconds_bucket", Set.of("network_transport", "outcome", "le"));
        metrics.put("portwatch_connect_duration_seconds_count", Set.of("network_transport", "outcome"));
        metrics.put("portwatch_connect_duration_seconds_sum", Set.of("network_transport", "outcome"));
        metrics.put("portwatch_connect_errors_total", Set.of("network_transport", "error_type"));
        metrics.put("portwatch_bind_errors_total", Set.of("network_transport", "error_type"));
        metrics.put("portwatch_bind_errors_by_port_total", Set.of("network_transport", "port"));
        metrics.put("portwatch_ephemeral_ports_in_use", Set.of("network_transport"));
        metrics.put("portwatch_ephemeral_port_range_size", Set.of());
        metrics.put("portwatch_sockets_leaked_total", Set.of("network_transport"));
        metrics.put("portwatch_io_bytes_total", Set.of("network_transport", "network_io_direction"));
        metrics.put("portwatch_agent_info", Set.of("version", "jvm_version"));
        metrics.put("portwatch_agent_errors_total", Set.of());
        metrics.put("portwatch_sockets_untracked_total", Set.of());
        metrics.put("portwatch_table_rows", Set.of());
        metrics.put("portwatch_table_max_rows", Set.of());
        metrics.put("portwatch_kernel_sockets", Set.of("network_transport", "network_connection_state"));
        metrics.put("portwatch_dead_connections", Set.of("network_transport"));
        metrics.put("portwatch_labels_folded_total", Set.of("metric"));
        metrics.put("portwatch_labels_folded_values", Set.of("metric"));
        return metrics;
    }

    private static Set<String> with(Set<String> labels, String more) {
        Set<String> all = new HashSet<>(labels);
        all.add(more);
        return all;
    }

    @EachJdk
    void countersAndGaugesSayWhatTheScenarioDid(Path jdk) throws Exception {
        // Closed rows kept for a minute: the TIME_WAIT their connections left is matched to them by addresses.
        try (MetricsRun run = MetricsRun.start(jdk, "port=0,closedRetention=60s,maxRows=1000")) {
            String jvm = run.jvm.jdk;
            HttpResponse<byte[]> response = Http.get(run.endpoint() + "/metrics");
            assertEquals(200, response.statusCode(), jvm);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", Http.header(response, "Content-Type"), jvm);
            Exposition metrics = Exposition.parse(Http.text(response));

            for (Map.Entry<String, Set<String>> metric : METRICS.entrySet()) {
                assertTrue(metrics.names().contains(metric.getKey()), jvm + ": no " + metric.getKey() + " in "
                        + metrics.names());
                assertEquals(new TreeSet<>(metric.getValue()), metrics.labelNames(metric.getKey()),
                        jvm + ": label names of " + metric.getKey());
            }

            String tcp = "network_transport";
            assertEquals(7, metrics.value("portwatch_connections_opened_total", tcp, "tcp", "direction", "outbound"),
                    jvm);
            assertEquals(7, metrics.value("portwatch_connections_opened_total", tcp, "tcp", "direction", "inbound"),
                    jvm);
            assertEquals(3, metrics.value("portwatch_connections_closed_total", tcp, "tcp", "direction", "outbound"),
                    jvm);
            assertEquals(3, metrics.value("portwatch_connections_closed_total", tcp, "tcp", "direction", "inbound"),
                    jvm);
            for (String direction : List.of("inbound", "outbound")) {
                assertEquals(0, metrics.value("portwatch_connections_opened_total", tcp, "udp", "direction",
                        direction), jvm + ": no UDP socket was connected");
                assertEquals(0, metrics.value("portwatch_connections_active", tcp, "udp", "direction", direction),
                        jvm);
            }
            double outbound = metrics.value("portwatch_connections_active", tcp, "tcp", "direction", "outbound");
            double inbound = metrics.value("portwatch_connections_active", tcp, "tcp", "direction", "inbound");
            assertEquals(4, outbound, jvm);
            assertEquals(4, inbound, jvm);

            // The kernel agrees: established TCP sockets of the process, the endpoint's own set aside.
            int endpointPort = run.jvm.endpointPort();
            List<String> kernel = KernelSockets.withStates(run.jvm.pid());
            Set<Integer> listening = new HashSet<>();
            List<String[]> established = new ArrayList<>();
            for (String socket : kernel) {
                String[] fields = socket.split(" ");
                if (!fields[0].equals("tcp")) {
                    continue;
                }
                int localPort = port(fields[2]);
                if (fields[1].equals("LISTEN")) {
                    listening.add(localPort);
                } else if (fields[1].equals("ESTAB") && localPort != endpointPort
                        && port(fields[3]) != endpointPort) {
                    established.add(fields);
                }
            }
            assertEquals(Set.of(run.listenerPort, endpointPort), listening, jvm + ": listening ports in " + kernel);
            long kernelOutbound = established.stream().filter(f -> !listening.contains(port(f[2]))).count();
            long kernelInbound = established.stream().filter(f -> port(f[2]) == run.listenerPort).count();
            assertEquals(kernelOutbound, (long) outbound, jvm + ": outbound connections vs ss " + kernel);
            assertEquals(kernelInbound, (long) inbound, jvm + ": inbound connections vs ss " + kernel);

            String port = Integer.toString(run.listenerPort);
            assertEquals(1, metrics.value("portwatch_listeners", tcp, "tcp", "port", port, "port_class",
                    "registered"), jvm);
            assertEquals(1, metrics.value("portwatch_listeners", tcp, "udp", "port", Integer.toString(run.udpPort),
                    "port_class", "registered"), jvm);
            assertEquals(2, metrics.find("portwatch_listeners").size(),
                    jvm + ": only the scenario's two server ports, not the endpoint's: " + metrics.find(
                            "portwatch_listeners"));
            assertEquals(4, metrics.value("portwatch_outbound_connections_active", "server_port", port), jvm);
            assertEquals(1, metrics.find("portwatch_outbound_connections_active").size(),
                    jvm + ": " + metrics.find("portwatch_outbound_connections_active"));

            assertEquals(4, metrics.value("portwatch_connect_errors_total", tcp, "tcp", "error_type",
                    "ConnectException"), jvm);
            assertEquals(Set.of("tcp/ConnectException", "tcp/SocketTimeoutException", "tcp/NoRouteToHostException",
                    "tcp/BindException", "tcp/SocketException", "udp/SocketException"),
                    transportAndErrorType(metrics, "portwatch_connect_errors_total"),
                    jvm + ": every connect error type alerts may read has its series from the start");
            assertEquals(4, sum(metrics, "portwatch_connect_errors_total"), jvm + ": only the refused connects");
            assertEquals(1, metrics.value("portwatch_bind_errors_total", tcp, "tcp", "error_type", "BindException"),
                    jvm);
            assertEquals(Set.of("tcp/BindException", "tcp/SocketException", "udp/BindException",
                    "udp/SocketException"), transportAndErrorType(metrics, "portwatch_bind_errors_total"), jvm);
            assertEquals(1, sum(metrics, "portwatch_bind_errors_total"), jvm);
            // The port of a failed bind cannot be known in advance: its series is born with the failure, and its
            // first scrape shows 0 so that Prometheus' increase() sees the failure as a step.
            assertEquals(0, metrics.value("portwatch_bind_errors_by_port_total", tcp, "tcp", "port", port),
                    jvm + ": the first scrape of a new series");
            Exposition next = Exposition.parse(Http.text(Http.get(run.endpoint() + "/metrics")));
            assertEquals(1, next.value("portwatch_bind_errors_by_port_total", tcp, "tcp", "port", port),
                    jvm + ": the next scrape");
            assertEquals(1, next.find("portwatch_bind_errors_by_port_total").size(), jvm);
            assertEquals(7, metrics.value("portwatch_connect_duration_seconds_count", tcp, "tcp", "outcome",
                    "success"), jvm);
            assertEquals(4, metrics.value("portwatch_connect_duration_seconds_count", tcp, "tcp", "outcome",
                    "error"), jvm);
            assertEquals(7, metrics.value("portwatch_connect_duration_seconds_bucket", tcp, "tcp", "outcome",
                    "success", "le", "+Inf"), jvm);
            assertTrue(metrics.value("portwatch_connect_duration_seconds_sum", tcp, "tcp", "outcome", "success")
                    > 0, jvm);

            assertEquals(MetricsScenario.TCP_BYTES_EACH_WAY, metrics.value("portwatch_io_bytes_total", tcp, "tcp",
                    "network_io_direction", "transmit"), jvm);
            assertEquals(MetricsScenario.TCP_BYTES_EACH_WAY, metrics.value("portwatch_io_bytes_total", tcp, "tcp",
                    "network_io_direction", "receive"), jvm);
            assertEquals(MetricsScenario.UDP_BYTES_EACH_WAY, metrics.value("portwatch_io_bytes_total", tcp, "udp",
                    "network_io_direction", "transmit"), jvm);
            assertEquals(MetricsScenario.UDP_BYTES_EACH_WAY, metrics.value("portwatch_io_bytes_total", tcp, "udp",
                    "network_io_direction", "receive"), jvm);

            // Open sockets on ephemeral ports: the 4 open client sockets, and the UDP client socket.
            assertEquals(4, metrics.value("portwatch_ephemeral_ports_in_use", tcp, "tcp"), jvm);
            assertEquals(1, metrics.value("portwatch_ephemeral_ports_in_use", tcp, "udp"), jvm);
            int[] range = Ports.ephemeralRange();
            assertEquals(range[1] - range[0] + 1, metrics.value("portwatch_ephemeral_port_range_size"), jvm);

            assertEquals(0, metrics.value("portwatch_agent_errors_total"), jvm);
            assertEquals(0, metrics.value("portwatch_sockets_untracked_total"), jvm);
            assertEquals(0, metrics.value("portwatch_sockets_leaked_total", tcp, "tcp"), jvm);
            assertEquals(0, metrics.value("portwatch_labels_folded_total", "metric",
                    "portwatch_connect_errors_total"), jvm);
            assertEquals(0, metrics.value("portwatch_labels_folded_values", "metric", "portwatch_listeners"), jvm);
            assertTrue(metrics.value("portwatch_table_rows") >= 2 + 2 * 4 + 1, jvm + ": open rows at least");
            assertEquals(1, metrics.value("portwatch_agent_info", "version", agentVersion(run.jvm), "jvm_version",
                    run.javaVersion), jvm);
            assertEquals(1_000, metrics.value("portwatch_table_max_rows"), jvm + ": the maxRows option");

            Map<String, Double> expected = kernelStatesBySs(run, established.size(), kernel);
            assertEquals(expected, awaitKernelStates(run, expected),
                    jvm + ": portwatch_kernel_sockets vs ss, without the endpoint's own sockets: " + kernel);
        }
    }

    /**
     * What {@code portwatch_kernel_sockets} must say, from {@code ss}: the scenario's listener, its established
     * connections and its two UDP sockets (the endpoint's sockets set aside), and the TIME_WAIT the three closed
     * client sockets left (which {@code ss} shows without a process: they are the ones whose peer is the listener).
     */
    private static Map<String, Double> kernelStatesBySs(MetricsRun run, int established, List<String> kernel)
            throws Exception {
        Map<String, Double> states = new TreeMap<>();
        List.of("established", "syn_sent", "syn_received", "fin_wait_1", "fin_wait_2", "time_wait", "closed",
                "close_wait", "last_ack", "listen", "closing").forEach(state -> states.put("tcp/" + state, 0.0));
        List.of("established", "unconnected").forEach(state -> states.put("udp/" + state, 0.0));
        states.put("tcp/listen", 1.0);
        states.put("tcp/established", (double) established);
        states.put("udp/unconnected", (double) kernel.stream().filter(s -> s.startsWith("udp UNCONN ")).count());
        states.put("tcp/time_wait", (double) KernelSockets.timeWaitTo("127.0.0.1:" + run.listenerPort));
        assertEquals(2.0, states.get("udp/unconnected"), "the scenario's UDP server and client: " + kernel);
        assertEquals((double) MetricsScenario.CLOSED, states.get("tcp/time_wait"), "the closed clients' TIME_WAIT");
        return states;
    }

    /**
     * The gauge's values once the kernel's view has caught up, or its last values. The view is refreshed every 5 s;
     * when the host's network namespace holds thousands of sockets (parallel builds' TIME_WAIT) reads are spaced to
     * twenty times their cost, and a scrape takes a view up to 10 s older than that.
     */
    private static Map<String, Double> awaitKernelStates(MetricsRun run, Map<String, Double> expected)
            throws Exception {
        Map<String, Double> states = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (!states.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            states.clear();
            Exposition.parse(Http.text(Http.get(run.endpoint() + "/metrics"))).find("portwatch_kernel_sockets")
                    .forEach(sample -> states.put(sample.labels().get("network_transport") + "/"
                            + sample.labels().get("network_connection_state"), sample.value()));
        }
        return states;
    }

    @EachJdk
    void openMetricsGzipAndHead(Path jdk) throws Exception {
        try (MetricsRun run = MetricsRun.start(jdk)) {
            String jvm = run.jvm.jdk;
            String url = run.endpoint() + "/metrics";
            Set<String> names = Exposition.parse(Http.text(Http.get(url))).names();

            HttpResponse<byte[]> openMetrics = Http.get(url, "Accept",
                    "application/openmetrics-text; version=1.0.0, text/plain; version=0.0.4; q=0.5");
            assertEquals(200, openMetrics.statusCode(), jvm);
            String contentType = Http.header(openMetrics, "Content-Type");
            assertNotNull(contentType, jvm);
            assertTrue(contentType.startsWith("application/openmetrics-text"), jvm + ": " + contentType);
            String body = Http.text(openMetrics);
            assertTrue(body.endsWith("\n# EOF\n"), jvm + ": OpenMetrics ends with # EOF: ..."
                    + body.substring(Math.max(0, body.length() - 80)));
            assertEquals(1, body.lines().filter(line -> line.equals("# EOF")).count(), jvm);
            Exposition parsed = Exposition.parse(body);
            for (String name : METRICS.keySet()) {
                assertTrue(parsed.names().contains(name), jvm + ": no " + name + " in OpenMetrics " + parsed.names());
            }
            assertEquals(4, parsed.value("portwatch_connect_errors_total", "error_type", "ConnectException"), jvm);

            HttpResponse<byte[]> gzipped = Http.get(url, "Accept-Encoding", "gzip");
            assertEquals(200, gzipped.statusCode(), jvm);
            assertEquals("gzip", Http.header(gzipped, "Content-Encoding"), jvm);
            assertEquals(0x1f, gzipped.body()[0] & 0xff, jvm + ": gzip magic");
            assertEquals(0x8b, gzipped.body()[1] & 0xff, jvm + ": gzip magic");
            assertEquals(names, Exposition.parse(Http.gunzip(gzipped.body())).names(), jvm);

            HttpResponse<byte[]> head = Http.send("HEAD", url);
            assertEquals(200, head.statusCode(), jvm);
            assertEquals(0, head.body().length, jvm + ": HEAD has no body");
            assertEquals("text/plain; version=0.0.4; charset=utf-8", Http.header(head, "Content-Type"), jvm);
        }
    }

    private static Set<String> transportAndErrorType(Exposition metrics, String name) {
        Set<String> series = new TreeSet<>();
        metrics.find(name).forEach(sample -> series.add(sample.labels().get("network_transport") + "/"
                + sample.labels().get("error_type")));
        return series;
    }

    private static double sum(Exposition metrics, String name) {
        return metrics.find(name).stream().mapToDouble(Exposition.Sample::value).sum();
    }

    static String agentVersion(AgentJvm jvm) {
        for (String line : jvm.stderr()) {
            Matcher matcher = VERSION.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError(jvm.jdk + ": no start line on stderr: " + jvm.stderr());
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
