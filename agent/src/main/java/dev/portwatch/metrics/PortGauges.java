package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.Dependency;
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
    static final int MAX_SERVERS = 50;

    private final PortInfo ports;
    private final MultiGauge listeners;
    private final MultiGauge outbound;
    private final MultiGauge inbound;
    private final MultiGauge folded;
    private final BusiestValues<PortKey> keptListeners = new BusiestValues<>(MAX_LISTENER_PORTS);
    private final BusiestValues<Dependency.Key> keptServers = new BusiestValues<>(MAX_SERVERS);

    PortGauges(PortInfo ports, MeterRegistry registry) {
        this.ports = ports;
        this.listeners = MultiGauge.builder("portwatch.listeners")
                .description("1 for each port the process listens on (TCP) or has bound as a server (UDP)")
                .register(registry);
        this.outbound = MultiGauge.builder("portwatch.outbound.connections.active")
                .description("Open outbound connections by the server they go to: its host name as the "
                        + "application asked for it, else its address, and its port")
                .register(registry);
        this.inbound = MultiGauge.builder("portwatch.inbound.connections.active")
                .description("Open accepted connections, by the port that accepted them")
                .register(registry);
        this.folded = MultiGauge.builder("portwatch.labels.folded.values")
                .description("Label values folded into 'other' at the last scrape because a gauge hit its cap")
                .register(registry);
    }

    /**
     * @param listening    each server port, with the connections open on it
     * @param byServer     each server (address as asked, and port), with the connections open to it
     */
    void update(Map<PortKey, Long> listening, Map<Dependency.Key, Long> byServer) {
        Set<PortKey> keptListening = keptListeners.choose(listening);
        List<MultiGauge.Row<?>> listenerRows = new ArrayList<>();
        List<MultiGauge.Row<?>> inboundRows = new ArrayList<>();
        for (PortKey key : keptListening) {
            listenerRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, key.transport().label(),
                    Labels.PORT, Integer.toString(key.port()),
                    Labels.PORT_CLASS, ports.classOf(key.port()).label(),
                    Labels.PORT_SERVICE, service(key.transport(), key.port())), 1));
            inboundRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, key.transport().label(),
                    Labels.PORT, Integer.toString(key.port())), listening.get(key)));
        }
        inbound.register(inboundRows, true);
        int foldedListeners = listening.size() - keptListening.size();
        if (foldedListeners > 0) {
            String other = LabelledCounters.OTHER;
            listenerRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, other, Labels.PORT, other,
                    Labels.PORT_CLASS, other, Labels.PORT_SERVICE, other), foldedListeners));
        }
        listeners.register(listenerRows, true);

        Set<Dependency.Key> kept = keptServers.choose(byServer);
        List<MultiGauge.Row<?>> outboundRows = new ArrayList<>();
        long[] otherByTransport = new long[Transport.values().length];
        for (Map.Entry<Dependency.Key, Long> entry : byServer.entrySet()) {
            Dependency.Key key = entry.getKey();
            if (kept.contains(key)) {
                outboundRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, key.transport().label(),
                        Labels.SERVER_ADDRESS, key.address(), Labels.SERVER_PORT, Integer.toString(key.port()),
                        Labels.PORT_SERVICE, service(key.transport(), key.port())), entry.getValue()));
            } else {
                otherByTransport[key.transport().ordinal()] += entry.getValue();
            }
        }
        for (Transport transport : Transport.values()) {
            if (otherByTransport[transport.ordinal()] > 0) {
                outboundRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, transport.label(),
                        Labels.SERVER_ADDRESS, LabelledCounters.OTHER, Labels.SERVER_PORT, LabelledCounters.OTHER,
                        Labels.PORT_SERVICE, LabelledCounters.OTHER),
                        otherByTransport[transport.ordinal()]));
            }
        }
        outbound.register(outboundRows, true);

        folded.register(List.of(
                MultiGauge.Row.of(Tags.of("metric", "portwatch_listeners"), foldedListeners),
                MultiGauge.Row.of(Tags.of("metric", "portwatch_outbound_connections_active"),
                        byServer.size() - kept.size())), true);
    }

    private String service(Transport transport, int port) {
        return Labels.orNone(ports.serviceOf(port, transport.label()));
    }
}
