package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-port gauges: the ports the process serves on, and the server ports it holds connections to. Ports come
 * from what the application does, so each gauge is capped: the busiest ports keep their series (a listener by the
 * connections open on it, a server port by the connections open to it; see {@link BusiestValues} for what keeps
 * them stable), the rest is folded into {@code other}, and how many ports were folded is a gauge of its own.
 */
final class PortGauges {

    static final int MAX_LISTENER_PORTS = 100;
    static final int MAX_SERVER_PORTS = 50;

    private final PortInfo ports;
    private final MultiGauge listeners;
    private final MultiGauge outbound;
    private final MultiGauge folded;
    private final BusiestValues<PortKey> keptListeners = new BusiestValues<>(MAX_LISTENER_PORTS);
    private final BusiestValues<PortKey> keptServerPorts = new BusiestValues<>(MAX_SERVER_PORTS);

    PortGauges(PortInfo ports, MeterRegistry registry) {
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
    }

    /**
     * @param listening    each server port, with the connections open on it
     * @param byServerPort each remote server port, with the connections open to it
     */
    void update(Map<PortKey, Long> listening, Map<PortKey, Long> byServerPort) {
        Set<PortKey> keptListening = keptListeners.choose(listening);
        List<MultiGauge.Row<?>> listenerRows = new ArrayList<>();
        for (PortKey key : keptListening) {
            listenerRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, key.transport().label(),
                    Labels.PORT, Integer.toString(key.port()),
                    Labels.PORT_CLASS, ports.classOf(key.port()).label(),
                    Labels.PORT_SERVICE, service(key)), 1));
        }
        int foldedListeners = listening.size() - keptListening.size();
        if (foldedListeners > 0) {
            String other = LabelledCounters.OTHER;
            listenerRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, other, Labels.PORT, other,
                    Labels.PORT_CLASS, other, Labels.PORT_SERVICE, other), foldedListeners));
        }
        listeners.register(listenerRows, true);

        Set<PortKey> keptServers = keptServerPorts.choose(byServerPort);
        List<MultiGauge.Row<?>> outboundRows = new ArrayList<>();
        long[] otherByTransport = new long[Transport.values().length];
        for (Map.Entry<PortKey, Long> entry : byServerPort.entrySet()) {
            PortKey key = entry.getKey();
            if (keptServers.contains(key)) {
                outboundRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, key.transport().label(),
                        Labels.SERVER_PORT, Integer.toString(key.port()), Labels.PORT_SERVICE, service(key)),
                        entry.getValue()));
            } else {
                otherByTransport[key.transport().ordinal()] += entry.getValue();
            }
        }
        for (Transport transport : Transport.values()) {
            if (otherByTransport[transport.ordinal()] > 0) {
                outboundRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, transport.label(), Labels.SERVER_PORT,
                        LabelledCounters.OTHER, Labels.PORT_SERVICE, LabelledCounters.OTHER),
                        otherByTransport[transport.ordinal()]));
            }
        }
        outbound.register(outboundRows, true);

        folded.register(List.of(
                MultiGauge.Row.of(Tags.of("metric", "portwatch_listeners"), foldedListeners),
                MultiGauge.Row.of(Tags.of("metric", "portwatch_outbound_connections_active"),
                        byServerPort.size() - keptServers.size())), true);
    }

    private String service(PortKey key) {
        return Labels.orNone(ports.serviceOf(key.port(), key.transport().label()));
    }
}
