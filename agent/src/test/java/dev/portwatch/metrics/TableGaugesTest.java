package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-port gauges are capped: past {@value PortGauges#MAX_LISTENER_PORTS} listening ports and
 * {@value PortGauges#MAX_SERVERS} remote server ports, the rest is folded into one {@code other} series, and
 * how many label values were folded is a gauge of its own. The busiest ports keep their series, and keep them from
 * one scrape to the next unless a newcomer is clearly busier.
 */
@Timeout(30)
class TableGaugesTest {

    private final HandFedTable fed = new HandFedTable();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TableGauges gauges = new TableGauges(fed.table, HandFedTable.PORTS, registry);

    @Test
    void listenerPortsPastTheCapAreFoldedIntoOther() {
        for (int i = 0; i < 130; i++) {
            fed.listener(Transport.TCP, 10_000 + i, false);
        }
        gauges.refresh();

        Collection<Gauge> listeners = registry.find("portwatch.listeners").gauges();
        assertEquals(PortGauges.MAX_LISTENER_PORTS + 1, listeners.size());
        List<Gauge> other = listeners.stream()
                .filter(g -> LabelledCounters.OTHER.equals(g.getId().getTag(Labels.PORT))).toList();
        assertEquals(1, other.size());
        assertEquals(30, other.get(0).value(), "the 'other' series counts the folded ports");
        for (String key : List.of(Labels.TRANSPORT, Labels.PORT_CLASS, Labels.PORT_SERVICE)) {
            assertEquals(LabelledCounters.OTHER, other.get(0).getId().getTag(key), key);
        }
        listeners.stream().filter(g -> g != other.get(0)).forEach(g -> {
            assertEquals(1, g.value(), g.getId().toString());
            assertEquals("tcp", g.getId().getTag(Labels.TRANSPORT));
            assertEquals("registered", g.getId().getTag(Labels.PORT_CLASS));
        });
        assertEquals(30, folded("portwatch_listeners"));
        assertEquals(0, folded("portwatch_outbound_connections_active"));

        // What a scrape shows: 101 series, never 130.
        long exposed = registry.scrape().lines().filter(line -> line.startsWith("portwatch_listeners{")).count();
        assertEquals(PortGauges.MAX_LISTENER_PORTS + 1, exposed);
    }

    @Test
    void exactlyAtTheListenerCapNothingIsFolded() {
        for (int i = 0; i < PortGauges.MAX_LISTENER_PORTS; i++) {
            fed.listener(i % 2 == 0 ? Transport.TCP : Transport.UDP, 10_000 + i, false);
        }
        gauges.refresh();

        Collection<Gauge> listeners = registry.find("portwatch.listeners").gauges();
        assertEquals(PortGauges.MAX_LISTENER_PORTS, listeners.size());
        assertTrue(listeners.stream().noneMatch(g -> LabelledCounters.OTHER.equals(g.getId().getTag(Labels.PORT))));
        assertEquals(50, listeners.stream().filter(g -> "udp".equals(g.getId().getTag(Labels.TRANSPORT))).count(),
                "UDP sockets bound to a chosen (non-ephemeral) port are server ports too");
        assertEquals(0, folded("portwatch_listeners"));
    }

    @Test
    void theOtherSeriesGoesAwayWhenListenersClose() {
        List<Object> sockets = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            sockets.add(fed.listener(Transport.TCP, 10_000 + i, false));
        }
        gauges.refresh();
        assertEquals(5, folded("portwatch_listeners"));

        for (int i = 0; i < 10; i++) {
            fed.table.close(sockets.get(i));
        }
        gauges.refresh();
        Collection<Gauge> listeners = registry.find("portwatch.listeners").gauges();
        assertEquals(95, listeners.size());
        assertTrue(listeners.stream().noneMatch(g -> LabelledCounters.OTHER.equals(g.getId().getTag(Labels.PORT))));
        assertEquals(0, folded("portwatch_listeners"));
    }

    @Test
    void serverPortsPastTheCapAreFoldedIntoOtherByTransport() {
        for (int i = 0; i < 60; i++) {
            fed.outbound(20_000 + i, false, 1_000_000);
            fed.outbound(20_000 + i, false, 1_000_000);
        }
        // Past the cap too: each UDP port has fewer connections than any TCP port; among equals, the lower port stays.
        fed.connectedDatagram(5353, false);
        fed.connectedDatagram(5354, false);
        gauges.refresh();

        Map<String, Double> byPort = outboundByPort();
        assertEquals(PortGauges.MAX_SERVERS + 2, byPort.size(), byPort.toString());
        assertEquals(20.0, byPort.get("tcp/other"), "10 folded ports, 2 connections each");
        assertEquals(2.0, byPort.get("udp/other"), "2 folded UDP ports, 1 connection each");
        for (int i = 0; i < PortGauges.MAX_SERVERS; i++) {
            assertEquals(2.0, byPort.get("tcp/" + (20_000 + i)), "tcp/" + (20_000 + i));
        }
        assertEquals(12, folded("portwatch_outbound_connections_active"));
        assertEquals(120, active("tcp", "outbound"), "the total is not capped");
        assertEquals(2, active("udp", "outbound"));
    }

    @Test
    void theBusiestServerPortsKeepTheirSeriesNotTheLowest() {
        for (int i = 0; i < 60; i++) {
            fed.outbound(20_000 + i, false, 1_000_000);
        }
        for (int i = 0; i < 5; i++) {
            fed.outbound(30_000, false, 1_000_000);
        }
        gauges.refresh();

        Map<String, Double> byPort = outboundByPort();
        assertEquals(5.0, byPort.get("tcp/30000"), "the busiest port has its series: " + byPort);
        assertEquals(PortGauges.MAX_SERVERS + 1, byPort.size());
        assertEquals(11.0, byPort.get("tcp/other"), "the 11 least busy ports, one connection each");
        assertTrue(byPort.containsKey("tcp/20048") && !byPort.containsKey("tcp/20049"),
                "among equals the lower ports stay: " + byPort.keySet());
    }

    @Test
    void aKeptPortIsNotSwappedOutByANearTieButIsByAClearlyBusierOne() {
        for (int i = 0; i <= PortGauges.MAX_SERVERS; i++) {
            fed.outbound(20_000 + i, false, 1_000_000);
            fed.outbound(20_000 + i, false, 1_000_000);
        }
        gauges.refresh();
        assertFalse(outboundByPort().containsKey("tcp/20050"), "51 equals: the highest port is folded");

        fed.outbound(20_050, false, 1_000_000);
        gauges.refresh();
        assertFalse(outboundByPort().containsKey("tcp/20050"), "3 connections against a kept port's 2: a near tie");
        assertEquals(3.0, outboundByPort().get("tcp/other"));

        fed.outbound(20_050, false, 1_000_000);
        gauges.refresh();
        Map<String, Double> byPort = outboundByPort();
        assertEquals(4.0, byPort.get("tcp/20050"), "twice as busy as the kept ports: it takes a series");
        assertFalse(byPort.containsKey("tcp/20049"), "the highest of the equals makes room: " + byPort.keySet());
        assertEquals(2.0, byPort.get("tcp/other"));
        assertEquals(PortGauges.MAX_SERVERS + 1, byPort.size());
        assertEquals(1, folded("portwatch_outbound_connections_active"));
    }

    @Test
    void theListenersWithTheMostOpenConnectionsKeepTheirSeries() {
        for (int i = 0; i <= PortGauges.MAX_LISTENER_PORTS; i++) {
            fed.listener(Transport.TCP, 10_000 + i, false);
        }
        fed.inbound(10_100, false);
        gauges.refresh();

        List<String> ports = registry.find("portwatch.listeners").gauges().stream()
                .map(g -> g.getId().getTag(Labels.PORT)).toList();
        assertTrue(ports.contains("10100"), "the listener with an open connection: " + ports);
        assertFalse(ports.contains("10099"), "the highest idle one is folded: " + ports);
        assertEquals(1, folded("portwatch_listeners"));
    }

    @Test
    void theRowLimitIsAGauge() {
        assertEquals(1_000_000, registry.find("portwatch.table.max.rows").gauge().value());
    }

    @Test
    void activeConnectionsAndEphemeralPortsCountOpenRowsOnly() {
        fed.listener(Transport.TCP, 8080, false);
        Object first = fed.outbound(8080, false, 1_000);
        fed.outbound(8080, false, 1_000);
        fed.inbound(8080, false);
        Object second = fed.inbound(8080, false);
        fed.table.close(first);
        fed.table.close(second);
        gauges.refresh();

        assertEquals(1, active("tcp", "outbound"));
        assertEquals(1, active("tcp", "inbound"));
        assertEquals(1, registry.find("portwatch.ephemeral.ports.in.use").tag(Labels.TRANSPORT, "tcp").gauge()
                .value(), "the open outbound connection's local port; 8080 is not ephemeral");
        assertEquals(60999 - 32768 + 1, registry.find("portwatch.ephemeral.port.range.size").gauge().value());
        assertEquals(5, registry.find("portwatch.table.rows").gauge().value(), "closed rows linger");
    }

    private Map<String, Double> outboundByPort() {
        Map<String, Double> byPort = new TreeMap<>();
        for (Gauge gauge : registry.find("portwatch.outbound.connections.active").gauges()) {
            byPort.put(gauge.getId().getTag(Labels.TRANSPORT) + "/" + gauge.getId().getTag(Labels.SERVER_PORT),
                    gauge.value());
        }
        return byPort;
    }

    private double folded(String metric) {
        return registry.find("portwatch.labels.folded.values").tag("metric", metric).gauge().value();
    }

    private double active(String transport, String direction) {
        return registry.find("portwatch.connections.active").tags(Labels.TRANSPORT, transport, Labels.DIRECTION,
                direction).gauge().value();
    }
}
