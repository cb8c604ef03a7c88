package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever the application does, the agent's memory and the number of metric series stay bounded: a million
 * connections leave the table at maxRows and the heap where it was, and a flood of distinct ports is folded into
 * {@code other} past each label's cap, and the folding is counted.
 */
class BoundedMemoryIT {

    private static final long CONNECTIONS = 1_000_000;
    private static final long HEAP_MARGIN = 10L * 1024 * 1024;

    @EachJdk
    @Timeout(900)
    void aMillionConnectionsLeaveTheTableAtMaxRowsAndTheHeapWhereItWas(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,maxRows=1000", FloodScenario.class.getName())) {
            jvm.awaitReady();
            int port = jvm.endpointPort();
            // Warm up: every class the churn and a scrape need is loaded, and the table is already full.
            jvm.command("churn 20000 2", 120);
            assertTrue(rows(port) <= 1000, "rows after the warm-up");
            long before = heap(jvm);

            AtomicLong maxRows = new AtomicLong();
            AtomicLong samples = new AtomicLong();
            List<String> scrapeFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        maxRows.accumulateAndGet(rows(port), Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    } catch (Exception | AssertionError e) {
                        scrapeFailures.add(e.toString());
                    }
                }
            }, "rows-sampler");
            sampler.setDaemon(true);
            sampler.start();
            String churned = Diagnostics.commandOrDump(jvm, jdk, "churn " + CONNECTIONS + " 2", 600);
            sampler.interrupt();
            sampler.join(30_000);

            long millis = Long.parseLong(churned.substring(churned.indexOf("millis=") + 7));
            long after = heap(jvm);
            Exposition metrics = Exposition.parse(jvm.get("/metrics"));
            System.out.printf("%s: %d connections in %.1f s (%d/s); heap after GC %.1f MB before, %.1f MB after; "
                            + "max rows sampled %d in %d samples%n", jvm.jdk, CONNECTIONS, millis / 1000.0,
                    CONNECTIONS * 1000 / Math.max(1, millis), before / 1048576.0, after / 1048576.0, maxRows.get(),
                    samples.get());
            assertEquals(List.of(), scrapeFailures, jvm.jdk + ": scrapes during the churn");
            assertTrue(samples.get() > 0, "the table size was sampled during the churn");
            assertTrue(maxRows.get() <= 1000, jvm.jdk + ": rows during the churn: " + maxRows);
            assertTrue(metrics.value("portwatch_table_rows") <= 1000, jvm.jdk + ": rows after the churn");
            assertTrue(after - before <= HEAP_MARGIN, String.format("%s: heap grew from %d to %d bytes (%.1f MB)",
                    jvm.jdk, before, after, (after - before) / 1048576.0));
            // Every connection was seen (both ends), none was dropped for want of room.
            assertTrue(metrics.value("portwatch_connections_opened_total", "network_transport", "tcp",
                    "direction", "outbound") >= CONNECTIONS + 20_000, jvm.jdk + ": outbound connections counted");
            assertTrue(metrics.value("portwatch_connections_opened_total", "network_transport", "tcp",
                    "direction", "inbound") >= CONNECTIONS + 20_000, jvm.jdk + ": inbound connections counted");
            assertEquals(0.0, metrics.value("portwatch_sockets_untracked_total"), jvm.jdk + ": untracked sockets");
            assertEquals(0.0, metrics.value("portwatch_agent_errors_total"), jvm.jdk + ": errors inside the agent");
            jvm.command("exit");
        }
    }

    @EachJdk
    @Timeout(180)
    void aFloodOfDistinctPortsIsFoldedPastEachCapAndCounted(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", FloodScenario.class.getName())) {
            jvm.awaitReady();
            jvm.endpoint();
            jvm.command("ports 300");
            Exposition metrics = Exposition.parse(jvm.get("/metrics"));
            List<Exposition.Sample> outbound = metrics.find("portwatch_outbound_connections_active");
            System.out.println(jvm.jdk + ": 300 remote ports -> " + outbound.size()
                    + " series of portwatch_outbound_connections_active, "
                    + metrics.find("portwatch_listeners").size() + " of portwatch_listeners");
            assertEquals(51, outbound.size(), jvm.jdk + ": 50 remote ports and 'other': " + outbound);
            assertEquals(250.0, metrics.value("portwatch_outbound_connections_active", "server_port", "other"),
                    jvm.jdk + ": the folded connections are still counted under 'other'");
            assertEquals(300.0, outbound.stream().mapToDouble(Exposition.Sample::value).sum(),
                    jvm.jdk + ": every connection is in some series");
            assertEquals(250.0, metrics.value("portwatch_labels_folded_values", "metric",
                    "portwatch_outbound_connections_active"), jvm.jdk + ": folded remote ports");
            assertEquals(101, metrics.find("portwatch_listeners").size(), jvm.jdk + ": 100 listeners and 'other'");
            assertEquals(200.0, metrics.value("portwatch_labels_folded_values", "metric", "portwatch_listeners"));

            jvm.command("binderrors 200");
            metrics = Exposition.parse(jvm.get("/metrics"));
            List<Exposition.Sample> byPort = metrics.find("portwatch_bind_errors_by_port_total");
            System.out.println(jvm.jdk + ": bind errors on 200 ports -> " + byPort.size()
                    + " series of portwatch_bind_errors_by_port_total");
            assertEquals(65, byPort.size(), jvm.jdk + ": 64 ports and 'other': " + byPort);
            assertEquals(0.0, byPort.stream().mapToDouble(Exposition.Sample::value).sum(),
                    jvm.jdk + ": new series show 0 at their first scrape");
            assertEquals(200.0, metrics.value("portwatch_bind_errors_total", "network_transport", "tcp",
                    "error_type", "BindException"), jvm.jdk + ": by transport and type, every one at once");
            metrics = Exposition.parse(jvm.get("/metrics"));
            byPort = metrics.find("portwatch_bind_errors_by_port_total");
            assertEquals(65, byPort.size(), jvm.jdk + ": 64 ports and 'other': " + byPort);
            assertEquals(200.0, byPort.stream().mapToDouble(Exposition.Sample::value).sum(),
                    jvm.jdk + ": every failed bind is counted in some series");
            assertEquals(136.0, metrics.value("portwatch_labels_folded_total", "metric",
                    "portwatch_bind_errors_by_port_total"), jvm.jdk + ": failed binds folded into 'other'");
            assertEquals(0.0, metrics.value("portwatch_labels_folded_total", "metric",
                    "portwatch_bind_errors_total"), jvm.jdk + ": one error type, nothing folded");
            assertEquals(0.0, metrics.value("portwatch_agent_errors_total"), jvm.jdk + ": errors inside the agent");
            jvm.command("exit");
        }
    }

    private static long heap(AgentJvm jvm) throws Exception {
        String answer = jvm.command("heap", 60);
        return Long.parseLong(answer.substring(answer.indexOf("used=") + 5));
    }

    private static double rowsValue(String metrics) {
        return Exposition.parse(metrics).value("portwatch_table_rows");
    }

    private static long rows(int port) throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/metrics");
        assertEquals(200, response.status(), "/metrics: " + response);
        return (long) rowsValue(response.body());
    }
}
