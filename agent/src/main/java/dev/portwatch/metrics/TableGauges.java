package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Dependency;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gauges of what is open right now, computed from one snapshot of the table per scrape (never on the
 * application's threads): active connections, ephemeral ports in use, the table's size and limit, and the per-port
 * gauges of {@link PortGauges}.
 */
final class TableGauges {

    private final ConnectionTable table;
    private final PortInfo ports;
    private final PortGauges portGauges;
    private volatile Summary summary = new Summary(new long[4], new long[2]);

    TableGauges(ConnectionTable table, PortInfo ports, MeterRegistry registry) {
        this.table = table;
        this.ports = ports;
        this.portGauges = new PortGauges(ports, registry);
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
        Gauge.builder("portwatch.table.max.rows", table, ConnectionTable::maxRows)
                .description("The most rows the table holds (maxRows): closed rows are evicted first, then new "
                        + "sockets go untracked")
                .register(registry);
    }

    void refresh() {
        refresh(table.snapshot());
    }

    /** Recomputes every gauge from one snapshot of the table. */
    void refresh(List<ConnectionView> rows) {
        long[] active = new long[4];
        List<Set<Integer>> ephemeral = List.of(new HashSet<>(), new HashSet<>());
        Map<PortKey, Long> listening = new HashMap<>();
        Map<PortKey, Long> inboundByPort = new HashMap<>();
        Map<Dependency.Key, Long> byServer = new HashMap<>();
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
                if (inbound && row.local() != null) {
                    inboundByPort.merge(new PortKey(transport, row.local().port()), 1L, Long::sum);
                } else if (!inbound && row.remote() != null) {
                    String address = row.remoteHost() != null ? row.remoteHost() : row.remote().host();
                    byServer.merge(new Dependency.Key(transport, address, row.remote().port()), 1L, Long::sum);
                }
            } else if (isServerPort(row)) {
                listening.put(new PortKey(transport, row.local().port()), 0L);
            }
        }
        listening.replaceAll((port, none) -> inboundByPort.getOrDefault(port, 0L));
        summary = new Summary(active, new long[] {ephemeral.get(0).size(), ephemeral.get(1).size()});
        portGauges.update(listening, byServer);
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
