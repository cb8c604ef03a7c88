package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.os.SocketKey;
import dev.portwatch.os.KernelViews;
import dev.portwatch.table.ConnectionView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's sockets by the kernel's state ({@code close_wait} piling up is the classic leak: the peer closed
 * and this process never did), from the kernel's view the housekeeping thread keeps fresh; not registered where
 * there is no such view. Like every other metric it leaves out the agent's own endpoint. It counts the sockets the
 * process holds (those opened before the agent attached too) and, matched to the table's closed rows by their
 * addresses as the table does, the {@code TIME_WAIT} entries this process's closed connections left, for as long as
 * their rows linger ({@code closedRetention}). Every state has its series from the start.
 */
final class KernelSocketGauges {

    private static final String TIME_WAIT = "TIME_WAIT";

    private final MultiGauge byState;
    private final MultiGauge acceptQueues;
    private final KernelViews views;
    /** TCP only: a UDP socket has no connection for a peer to reset. */
    private final AtomicLong deadTcp = new AtomicLong();

    private KernelSocketGauges(MultiGauge byState, MultiGauge acceptQueues, KernelViews views,
                               MeterRegistry registry) {
        this.byState = byState;
        this.acceptQueues = acceptQueues;
        this.views = views;
        Gauge.builder("portwatch.dead.connections", deadTcp, AtomicLong::get)
                .tag(Labels.TRANSPORT, Transport.TCP.label())
                .description("Connections the application still holds open that the kernel no longer has (reset "
                        + "by the peer): they fail at their next use")
                .register(registry);
    }

    /** The gauges, or null off Linux: a meter whose source is missing is not registered at all. */
    static KernelSocketGauges registerIfAvailable(MeterRegistry registry, KernelViews views) {
        if (!KernelView.available()) {
            return null;
        }
        return new KernelSocketGauges(MultiGauge.builder("portwatch.kernel.sockets")
                .description("The process's sockets by the kernel's state, from /proc: those it holds (including "
                        + "sockets opened before the agent attached; not the agent's own) and the TIME_WAIT its "
                        + "recently closed connections left")
                .register(registry),
                MultiGauge.builder("portwatch.listener.accept.queue")
                        .description("Connections waiting in each listening port's accept queue, not yet accepted "
                                + "(the kernel's Recv-Q of a LISTEN socket)")
                        .register(registry), views, registry);
    }

    /**
     * Counts the view's sockets from the table's rows. Only the rows that change what the view says are made
     * into keys: the agent's own, and closed ones, for the TIME_WAIT they left (a scrape of a table of 10,000 open
     * rows would otherwise make 10,000 keys). A socket closed since the view was read
     * is counted until the next view, like any change the view does not show yet.
     */
    void refresh(List<ConnectionView> rows) {
        KernelView view = views.forMetrics();
        Map<Transport, Map<String, Long>> counts = zeroes();
        Set<SocketKey> agentOwned = new HashSet<>();
        Set<SocketKey> timeWaits = new HashSet<>();
        long dead = 0;
        for (ConnectionView row : rows) {
            if (row.isOpen() && !row.agentOwned()) {
                // A binary search of the view's port pairs for each established connection; a key is made
                // only when the pair is there.
                dead += DeadConnections.isDead(row, view) ? 1 : 0;
                continue;
            }
            SocketKey key = KernelSocket.key(row.transport(), row.local(), row.remote());
            if (row.agentOwned()) {
                agentOwned.add(key);
                continue;
            }
            KernelSocket socket = view.find(key);
            if (socket != null && socket.state().equals(TIME_WAIT) && timeWaits.add(key)) {
                count(counts, socket);
            }
        }
        Map<Integer, Long> queueByPort = new TreeMap<>(); // a port may listen on IPv4 and IPv6 both
        view.forEachOwned((key, socket) -> {
            if (!agentOwned.contains(key)) {
                count(counts, socket);
                if (socket.isListening() && (queueByPort.size() < PortGauges.MAX_LISTENER_PORTS
                        || queueByPort.containsKey(socket.local().port()))) {
                    queueByPort.merge(socket.local().port(), socket.receiveQueue(), Long::sum);
                }
            }
        });
        List<MultiGauge.Row<?>> queueRows = new ArrayList<>();
        queueByPort.forEach((port, queued) -> queueRows.add(MultiGauge.Row.of(Tags.of(Labels.TRANSPORT,
                Transport.TCP.label(), Labels.PORT, Integer.toString(port)), queued)));
        acceptQueues.register(queueRows, true);
        List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
        counts.forEach((transport, byName) -> byName.forEach((state, count) -> gaugeRows.add(MultiGauge.Row.of(
                Tags.of(Labels.TRANSPORT, transport.label(), Labels.CONNECTION_STATE, state), count))));
        byState.register(gaugeRows, true);
        deadTcp.set(dead);
    }

    private static Map<Transport, Map<String, Long>> zeroes() {
        Map<Transport, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Transport transport : Transport.values()) {
            Map<String, Long> byName = new LinkedHashMap<>();
            ConnectionStates.of(transport).forEach(state -> byName.put(state, 0L));
            counts.put(transport, byName);
        }
        return counts;
    }

    private static void count(Map<Transport, Map<String, Long>> counts, KernelSocket socket) {
        String state = ConnectionStates.fromKernel(socket.state());
        Map<String, Long> byName = counts.get(socket.transport());
        if (state != null && byName.containsKey(state)) {
            byName.merge(state, 1L, Long::sum);
        }
    }
}
