package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-dependency metrics say exactly what {@link DependencyScenario} did with each server, by the name it asked
 * for ({@code server_address}) and port; each series is shown at zero on its first scrape, so a dependency's first
 * connection or failure is an increase. And per listening port: connections accepted and open, and the accept queue
 * the kernel holds.
 */
@Timeout(120)
class DependencyMetricsIT {

    private static final String TRANSPORT = "network_transport";
    private static final String ADDRESS = "server_address";
    private static final String PORT = "server_port";

    @TempDir
    Path dir;

    @EachJdk
    void eachServerIsCountedByTheNameItWasAskedBy(Path jdk) throws Exception {
        String hosts = HostsFile.loopback(dir.resolve("hosts-" + jdk.getFileName()), "localhost",
                DependencyScenario.DB, DependencyScenario.CACHE, DependencyScenario.SINK);
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(hosts), null, "port=0", DependencyScenario.class.getName())) {
            Map<String, String> ready = jvm.awaitReady();
            String port = ready.get("listener");
            String backlog = ready.get("backlog");
            String closed = ready.get("closed");
            String udp = ready.get("udp");
            jvm.command("play");

            Exposition first = Exposition.parse(jvm.get("/metrics"));
            assertEquals(0, first.value("portwatch_outbound_connections_opened_total", ADDRESS,
                    DependencyScenario.DB, PORT, port), jvm.jdk + ": a new series is at zero on its first scrape");
            assertEquals(0, first.value("portwatch_outbound_connect_errors_total", ADDRESS, DependencyScenario.CACHE,
                    PORT, closed, "error_type", "ConnectException"), jvm.jdk + ": so is a first failure");
            Exposition metrics = Exposition.parse(jvm.get("/metrics"));

            Map<String, Double> opened = new TreeMap<>();
            metrics.find("portwatch_outbound_connections_opened_total").forEach(sample -> opened.put(
                    sample.labels().get(TRANSPORT) + " " + sample.labels().get(ADDRESS) + ":"
                            + sample.labels().get(PORT), sample.value()));
            assertEquals(Map.of(
                    "tcp " + DependencyScenario.DB + ":" + port, (double) DependencyScenario.DB_CONNECTIONS,
                    "tcp " + DependencyScenario.CACHE + ":" + port, (double) DependencyScenario.CACHE_CONNECTIONS,
                    "tcp 127.0.0.1:" + port, 1.0,
                    "tcp 127.0.0.1:" + backlog, (double) DependencyScenario.BACKLOGGED,
                    "tcp " + DependencyScenario.CACHE + ":" + closed, 0.0,
                    "tcp " + DependencyScenario.UNRESOLVABLE + ":" + port, 0.0,
                    "udp " + DependencyScenario.SINK + ":" + udp, 1.0), opened, jvm.jdk);

            assertEquals(DependencyScenario.DB_CONNECTIONS, metrics.value("portwatch_outbound_connections_active",
                    ADDRESS, DependencyScenario.DB, PORT, port), jvm.jdk);
            assertEquals(DependencyScenario.CACHE_CONNECTIONS, metrics.value(
                    "portwatch_outbound_connections_active", ADDRESS, DependencyScenario.CACHE, PORT, port), jvm.jdk);
            assertEquals(1, metrics.value("portwatch_outbound_connections_active", ADDRESS, DependencyScenario.SINK,
                    PORT, udp), jvm.jdk);

            for (String[] server : new String[][] {{DependencyScenario.DB, "3"}, {DependencyScenario.CACHE, "2"},
                    {"127.0.0.1", "1"}}) {
                long connections = Long.parseLong(server[1]);
                assertEquals(connections * DependencyScenario.CLIENT_SENDS, metrics.value(
                        "portwatch_outbound_io_bytes_total", ADDRESS, server[0], PORT, port, "network_io_direction",
                        "transmit"), jvm.jdk + ": " + server[0]);
                assertEquals(connections * DependencyScenario.SERVER_SENDS, metrics.value(
                        "portwatch_outbound_io_bytes_total", ADDRESS, server[0], PORT, port, "network_io_direction",
                        "receive"), jvm.jdk + ": " + server[0]);
                assertEquals(connections, metrics.value("portwatch_outbound_connect_duration_seconds_count",
                        ADDRESS, server[0], PORT, port), jvm.jdk + ": " + server[0]);
            }
            assertEquals(DependencyScenario.DATAGRAMS * DependencyScenario.DATAGRAM_BYTES, metrics.value(
                    "portwatch_outbound_io_bytes_total", ADDRESS, DependencyScenario.SINK, PORT, udp,
                    "network_io_direction", "transmit"), jvm.jdk);

            Map<String, Double> errors = new TreeMap<>();
            metrics.find("portwatch_outbound_connect_errors_total").stream().filter(sample -> sample.value() > 0)
                    .forEach(sample -> errors.put(sample.labels().get(ADDRESS) + ":" + sample.labels().get(PORT)
                            + " " + sample.labels().get("error_type"), sample.value()));
            assertEquals(Map.of(DependencyScenario.CACHE + ":" + closed + " ConnectException",
                    (double) DependencyScenario.REFUSED,
                    DependencyScenario.UNRESOLVABLE + ":" + port + " UnknownHostException", 1.0), errors, jvm.jdk);
            assertEquals(0, metrics.value("portwatch_outbound_connect_errors_total", ADDRESS, DependencyScenario.DB,
                    PORT, port, "error_type", "SocketTimeoutException"), jvm.jdk + ": known error types at zero");
            assertEquals(DependencyScenario.REFUSED, metrics.value("portwatch_outbound_connect_duration_seconds_count",
                    ADDRESS, DependencyScenario.CACHE, PORT, closed), jvm.jdk + ": failed connects are timed too");

            int accepted = DependencyScenario.DB_CONNECTIONS + DependencyScenario.CACHE_CONNECTIONS + 1;
            assertEquals(accepted, metrics.value("portwatch_inbound_connections_accepted_total", TRANSPORT, "tcp",
                    "port", port), jvm.jdk);
            assertEquals(0, metrics.value("portwatch_inbound_connections_accepted_total", TRANSPORT, "tcp", "port",
                    backlog), jvm.jdk + ": a listening port's count exists before its first accept");
            assertEquals(accepted, metrics.value("portwatch_inbound_connections_active", TRANSPORT, "tcp", "port",
                    port), jvm.jdk);
            assertEquals(DependencyScenario.BACKLOGGED, awaitAcceptQueue(jvm, backlog), jvm.jdk + ": accept queue");
            assertEquals(0, Exposition.parse(jvm.get("/metrics")).value("portwatch_listener_accept_queue", "port",
                    port), jvm.jdk);
        }
    }

    /** The accept queue gauge once the kernel's view (refreshed every few seconds) has seen the connections. */
    private static double awaitAcceptQueue(AgentJvm jvm, String port) throws Exception {
        double queued = -1;
        long deadline = System.nanoTime() + 45_000_000_000L;
        while (queued != DependencyScenario.BACKLOGGED && System.nanoTime() < deadline) {
            List<Exposition.Sample> found = Exposition.parse(jvm.get("/metrics"))
                    .find("portwatch_listener_accept_queue", "port", port);
            queued = found.size() == 1 ? found.get(0).value() : -1;
            Thread.sleep(queued == DependencyScenario.BACKLOGGED ? 0 : 500);
        }
        return queued;
    }
}
