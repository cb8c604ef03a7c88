package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoint's own sockets (agent-owned rows) are never the application's traffic: no metric counts them. And
 * every connect's duration reaches the histogram, including connects made before the metrics existed (they are
 * built in the background after the agent starts recording).
 */
@Timeout(30)
class AgentOwnedAndTimingTest {

    private final HandFedTable fed = new HandFedTable();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void agentOwnedRowsAreNeverCounted() {
        SocketMetrics metrics = new SocketMetrics(fed.table);
        metrics.bindTo(registry);
        TableGauges gauges = new TableGauges(fed.table, HandFedTable.PORTS, registry);

        fed.listener(Transport.TCP, 9465, true);
        fed.listener(Transport.UDP, 9466, true);
        Object inbound = fed.inbound(9465, true);
        Object outbound = fed.outbound(9465, true, 2_000_000);
        fed.connectedDatagram(9466, true);
        fed.table.addBytes(inbound, 1000, true);
        fed.table.addBytes(inbound, 500, false);
        fed.table.addBytes(outbound, 700, false);
        fed.table.close(inbound);
        fed.table.close(outbound);
        gauges.refresh();
        metrics.foldConnectTimes();

        for (String transport : new String[] {"tcp", "udp"}) {
            for (String direction : new String[] {"inbound", "outbound"}) {
                assertEquals(0, counter("portwatch.connections.opened", transport, Labels.DIRECTION, direction),
                        "opened " + transport + " " + direction);
                assertEquals(0, counter("portwatch.connections.closed", transport, Labels.DIRECTION, direction),
                        "closed " + transport + " " + direction);
                assertEquals(0, registry.find("portwatch.connections.active").tags(Labels.TRANSPORT, transport,
                        Labels.DIRECTION, direction).gauge().value(), "active " + transport + " " + direction);
            }
            for (String io : new String[] {"receive", "transmit"}) {
                assertEquals(0, counter("portwatch.io", transport, Labels.IO_DIRECTION, io), transport + " " + io);
            }
            assertEquals(0, registry.find("portwatch.ephemeral.ports.in.use").tag(Labels.TRANSPORT, transport)
                    .gauge().value(), "ephemeral " + transport);
        }
        assertEquals(0, registry.find("portwatch.listeners").gauges().size(), "the endpoint's port is no listener");
        assertEquals(0, registry.find("portwatch.outbound.connections.active").gauges().size());
        assertEquals(0, timer("success").count(), "the agent's own connects are not timed");
        assertTrue(fed.table.rows() >= 5, "yet the rows are in the table");
    }

    @Test
    void theApplicationsRowsNextToTheAgentsAreCounted() {
        new SocketMetrics(fed.table).bindTo(registry);
        TableGauges gauges = new TableGauges(fed.table, HandFedTable.PORTS, registry);

        fed.listener(Transport.TCP, 9465, true);
        fed.inbound(9465, true);
        fed.listener(Transport.TCP, 8080, false);
        Object inbound = fed.inbound(8080, false);
        fed.outbound(8080, false, 2_000_000);
        fed.table.addBytes(inbound, 1000, true);
        gauges.refresh();

        assertEquals(1, counter("portwatch.connections.opened", "tcp", Labels.DIRECTION, "inbound"));
        assertEquals(1, counter("portwatch.connections.opened", "tcp", Labels.DIRECTION, "outbound"));
        assertEquals(1000, counter("portwatch.io", "tcp", Labels.IO_DIRECTION, "receive"));
        assertEquals(1, registry.find("portwatch.listeners").gauges().size());
        assertEquals("8080", registry.find("portwatch.listeners").gauge().getId().getTag(Labels.PORT));
    }

    @Test
    void connectsBeforeTheMetricsExistAreInTheHistogram() {
        for (int i = 0; i < 7; i++) {
            fed.outbound(5432, false, 1_000_000);
        }
        for (int i = 0; i < 4; i++) {
            fed.connectError("ConnectException", 6379);
        }
        fed.outbound(5432, true, 1_000_000);

        SocketMetrics metrics = new SocketMetrics(fed.table);
        metrics.bindTo(registry);
        metrics.foldConnectTimes();
        assertEquals(7, timer("success").count(), "connects made while the agent was starting");
        assertEquals(4, timer("error").count(), "failed connects made while the agent was starting");
        assertEquals(7, timer("success").totalTime(TimeUnit.MILLISECONDS), 1e-9);

        fed.outbound(5432, false, 3_000_000);
        fed.connectError("ConnectException", 6379);
        assertEquals(7, timer("success").count(), "the timer has what the last scrape folded");
        metrics.foldConnectTimes();
        assertEquals(8, timer("success").count());
        assertEquals(5, timer("error").count());
        assertEquals(3, timer("success").max(TimeUnit.MILLISECONDS), 1e-9);
    }

    @Test
    void tcpConnectBucketsRunFrom100MicrosecondsPastTheCommonTimeoutsAndUdpHasNone() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SocketMetrics metrics = new SocketMetrics(fed.table);
        metrics.bindTo(prometheus);
        fed.outbound(5432, false, 60_000);         // loopback: tens of microseconds
        fed.outbound(5432, false, 400_000);        // across a LAN
        fed.outbound(5432, false, 10_000_500_000L); // a 10 s connect timeout, just past it
        metrics.foldConnectTimes();

        List<String> buckets = prometheus.scrape().lines()
                .filter(line -> line.startsWith("portwatch_connect_duration_seconds_bucket{")).toList();
        assertTrue(buckets.stream().noneMatch(line -> line.contains("network_transport=\"udp\"")), buckets.toString());
        assertEquals(2 * (SocketMetrics.CONNECT_BUCKETS.length + 1), buckets.size(), "success and error, +Inf");
        assertEquals(1, bucket(buckets, "1.0E-4"), "the loopback connect alone in the first bucket");
        assertEquals(2, bucket(buckets, "5.0E-4"));
        assertEquals(2, bucket(buckets, "10.0"), "the timed-out connect is past 10 s");
        assertEquals(3, bucket(buckets, "15.0"));
        assertEquals(3, bucket(buckets, "120.0"));
    }

    private static double bucket(List<String> buckets, String le) {
        String line = buckets.stream().filter(l -> l.contains("outcome=\"success\"") && l.contains("le=\"" + le + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no bucket le=" + le + " in " + buckets));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private double counter(String name, String transport, String key, String value) {
        return registry.find(name).tags(Labels.TRANSPORT, transport, key, value).functionCounter().count();
    }

    private Timer timer(String outcome) {
        return registry.find("portwatch.connect.duration").tags(Labels.TRANSPORT, "tcp", "outcome", outcome).timer();
    }
}
