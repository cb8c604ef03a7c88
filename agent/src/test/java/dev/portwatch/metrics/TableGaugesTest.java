package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The per-port gauges are capped: past {@value TableGauges#MAX_LISTENER_PORTS} listening ports and
 * {@value TableGauges#MAX_SERVER_PORTS} remote server ports, the rest is folded into one {@code other} series, and
 * how many label values were folded is a gauge of its own.
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
        assertEquals(TableGauges.MAX_LISTENER_PORTS + 1, listeners.size());
        List<Gauge> other = listeners.stream()
                .filter(g -> LabelledCounters.OTHER.equals(g.getId().getTag(Labels.PORT))).toList();
        assertEquals(1, other.size());
        assertEquals(30, other.get(0).value(), "the 'other' series counts the folded ports");
        for (String key : List.of(Labels.TRANSPORT, Labels.PORT_CLASS, Labels.SERVICE)) {
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
        assertEquals(TableGauges.MAX_LISTENER_PORTS + 1, exposed);
    }

    @Test
    void exactlyAtTheListenerCapNothingIsFolded() {
        for (int i = 0; i < TableGauges.MAX_LISTENER_PORTS; i++) {
            fed.listener(i % 2 == 0 ? Transport.TCP : Transport.UDP, 10_000 + i, false);
        }
        gauges.refresh();

        Collection<Gauge> listeners = registry.find("portwatch.listeners").gauges();
        assertEquals(TableGauges.MAX_LISTENER_PORTS, listeners.size());
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
        // Past the cap too: series are kept in (transport, port) order, and "udp/..." sorts after "tcp/...".
        fed.connectedDatagram(5353, false);
        fed.connectedDatagram(5354, false);
        gauges.refresh();

        Map<String, Double> byPort = new TreeMap<>();
        for (Gauge gauge : registry.find("portwatch.outbound.connections.active").gauges()) {
            byPort.put(gauge.getId().getTag(Labels.TRANSPORT) + "/" + gauge.getId().getTag(Labels.SERVER_PORT),
                    gauge.value());
        }
        assertEquals(TableGauges.MAX_SERVER_PORTS + 2, byPort.size(), byPort.toString());
        assertEquals(20.0, byPort.get("tcp/other"), "10 folded ports, 2 connections each");
        assertEquals(2.0, byPort.get("udp/other"), "2 folded UDP ports, 1 connection each");
        for (int i = 0; i < TableGauges.MAX_SERVER_PORTS; i++) {
            assertEquals(2.0, byPort.get("tcp/" + (20_000 + i)), "tcp/" + (20_000 + i));
        }
        assertEquals(12, folded("portwatch_outbound_connections_active"));
        assertEquals(120, active("tcp", "outbound"), "the total is not capped");
        assertEquals(2, active("udp", "outbound"));
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

    private double folded(String metric) {
        return registry.find("portwatch.labels.folded.values").tag("metric", metric).gauge().value();
    }

    private double active(String transport, String direction) {
        return registry.find("portwatch.connections.active").tags(Labels.TRANSPORT, transport, Labels.DIRECTION,
                direction).gauge().value();
    }
}
