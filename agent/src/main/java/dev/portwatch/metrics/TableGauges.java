package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.LabelledCounters;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gauges of what is open right now, computed from one snapshot of the table per scrape (never on the
 * application's threads): listening ports, active connections, what the process connects to by remote port, and
 * ephemeral ports in use. Per-port gauges are capped; the ports past the cap are folded into {@code other}, and
 * how many were folded is a gauge of its own.
 */
final class TableGauges {

    static final int MAX_LISTENER_PORTS = 100;
    static final int MAX_SERVER_PORTS = 50;

    private final ConnectionTable table;
    private final PortInfo ports;
    private final MultiGauge listeners;
    private final MultiGauge outbound;
    private final MultiGauge folded;
    private volatile Summary summary = new Summary(new long[4], new long[2]);

    TableGauges(ConnectionTable table, PortInfo ports, MeterRegistry registry) {
        this.table = table;
        this.ports = ports;
        this.listeners = MultiGauge.builder("portwatch.listeners")
                .description("1 for each port the process listens on (TCP) or has bound as a server (UDP)")
                .register(registry);
        this.outbound = MultiGauge.builder("portwatch.outbound.connections.active")
                .description("Open outbound connections by the remote (server) port they go to")
                .register(registry);
        this.folded = MultiGauge.builder("portwatch.labels.folded.values")
                .description("Label values folded into 'other' at the last scrape because a gauge hit its cap")
                .register(registry);
        for (Transport transport : Transport.values()) {
            for (Role direction : new Role[] {Role.INBOUND, Role.OUTBOUND}) {
                Gauge.builder("portwatch.connections.active", this, g -> g.summary.active(transport, direction))
                        .tags(Labels.TRANSPORT, transport.label(), Labels.DIRECTION, direction.label())
                        .description("Open connections: TCP accepted or connected, UDP connected")
                        .register(registry);
            }
            Gauge.builder("portwatch.ephemeral.ports.in.use", this, g -> g.summary.ephemeral(transport))
                    .tags(Labels.TRANSPORT, transport.label())
                    .description("Distinct local ports of open sockets inside the OS ephemeral port range")
                    .register(registry);
        }
        Gauge.builder("portwatch.ephemeral.port.range.size", ports, p -> p.ephemeralRange().size())
                .description("Size of the OS ephemeral port range (" + ports.ephemeralRange().source() + ")")
                .register(registry);
        Gauge.builder("portwatch.table.rows", table, ConnectionTable::rows)
                .description("Rows in the connection table, open and recently closed")
                .register(registry);
    }

    /** Recomputes every gauge from one snapshot of the table. */
    void refresh() {
        List<ConnectionView> rows = table.snapshot();
        long[] active = new long[4];
        List<Set<Integer>> ephemeral = List.of(new HashSet<>(), new HashSet<>());
        Map<String, Tags> listening = new TreeMap<>();
        Map<String, Long> byServerPort = new TreeMap<>();
        for (ConnectionView row : rows) {
            if (!row.isOpen() || row.agentOwned()) {
                continue;
            }
            Transport transport = row.transport();
            if (row.local() != null && ports.isEphemeral(row.local().port())) {
                ephemeral.get(transport.ordinal()).add(row.local().port());
            }
            boolean connection = row.state() == State.ESTABLISHED || row.state() == State.CONNECTED;
            if (connection) {
                boolean inbound = row.role() == Role.INBOUND;
                active[transport.ordinal() * 2 + (inbound ? 0 : 1)]++;
                if (!inbound && row.remote() != null) {
                    byServerPort.merge(transport.label() + "/" + row.remote().port(), 1L, Long::sum);
                }
            } else if (isServerPort(row)) {
                int port = row.local().port();
                listening.put(transport.label() + "/" + port, Tags.of(Labels.TRANSPORT, transport.label(),
                        Labels.PORT, Integer.toString(port),
                        Labels.PORT_CLASS, ports.classOf(port).label(),
                        Labels.SERVICE, Labels.orNone(ports.serviceOf(port, transport.label()))));
            }
        }
        summary = new Summary(active, new long[] {ephemeral.get(0).size(), ephemeral.get(1).size()});
        List<MultiGauge.Row<?>> listenerRows = new ArrayList<>();
        int foldedListeners = Math.max(0, listening.size() - MAX_LISTENER_PORTS);
        listening.values().stream().limit(MAX_LISTENER_PORTS).forEach(tags -> listenerRows.add(
                MultiGauge.Row.of(tags, 1)));
        if (foldedListeners > 0) {
            listenerRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, LabelledCounters.OTHER, Labels.PORT,
                    LabelledCounters.OTHER, Labels.PORT_CLASS, LabelledCounters.OTHER, Labels.SERVICE,
                    LabelledCounters.OTHER), foldedListeners));
        }
        listeners.register(listenerRows, true);
        outbound.register(outboundRows(byServerPort), true);
        folded.register(List.of(
                MultiGauge.Row.of(Tags.of("metric", "portwatch_listeners"), foldedListeners),
                MultiGauge.Row.of(Tags.of("metric", "portwatch_outbound_connections_active"),
                        Math.max(0, byServerPort.size() - MAX_SERVER_PORTS))), true);
    }

    /** A listener, or a UDP socket bound to a chosen port (not one the OS handed out for a client). */
    private boolean isServerPort(ConnectionView row) {
        if (row.local() == null) {
            return false;
        }
        if (row.role() == Role.LISTENER) {
            return true;
        }
        return row.role() == Role.DATAGRAM && row.state() == State.BOUND && !ports.isEphemeral(row.local().port());
    }

    private List<MultiGauge.Row<?>> outboundRows(Map<String, Long> byServerPort) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long[] otherByTransport = new long[2];
        int kept = 0;
        for (Map.Entry<String, Long> entry : byServerPort.entrySet()) {
            String[] transportAndPort = entry.getKey().split("/");
            if (kept++ >= MAX_SERVER_PORTS) {
                otherByTransport[transportAndPort[0].equals("tcp") ? 0 : 1] += entry.getValue();
                continue;
            }
            int port = Integer.parseInt(transportAndPort[1]);
            rows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, transportAndPort[0],
                    Labels.SERVER_PORT, transportAndPort[1],
                    Labels.SERVICE, Labels.orNone(ports.serviceOf(port, transportAndPort[0]))), entry.getValue()));
        }
        for (Transport transport : Transport.values()) {
            if (otherByTransport[transport.ordinal()] > 0) {
                rows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, transport.label(), Labels.SERVER_PORT,
                        LabelledCounters.OTHER, Labels.SERVICE, LabelledCounters.OTHER),
                        otherByTransport[transport.ordinal()]));
            }
        }
        return rows;
    }

    /** What one refresh computed, read by the plain gauges. */
    private record Summary(long[] active, long[] ephemeral) {
        long active(Transport transport, Role direction) {
            return active[transport.ordinal() * 2 + (direction == Role.INBOUND ? 0 : 1)];
        }

        long ephemeral(Transport transport) {
            return ephemeral[transport.ordinal()];
        }
    }
}
