package dev.portwatch.http;

import dev.portwatch.metrics.DeadConnections;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read of the table, filtered and ordered, joined with the kernel's view where there is one: each row gets the
 * kernel's state and queues, and the process's sockets the agent never saw (opened before it attached) are added
 * as rows of their own, marked by a negative id.
 */
record TableReport(long pid, long timeMillis, List<ConnectionView> rows, Map<ConnectionView, KernelSocket> kernel,
                   Set<ConnectionView> dead, List<SocketError> errors, long untracked, long leaks, PortInfo ports,
                   ConnectionFilter filter) {

    TableReport(long pid, long timeMillis, List<ConnectionView> rows, Map<ConnectionView, KernelSocket> kernel,
                List<SocketError> errors, long untracked, long leaks, PortInfo ports, ConnectionFilter filter) {
        this(pid, timeMillis, rows, kernel, Set.of(), errors, untracked, leaks, ports, filter);
    }

    static TableReport of(ConnectionTable table, ConnectionFilter filter, PortInfo ports, KernelView view) {
        List<ConnectionView> tracked = table.snapshot();
        // By identity: a view is a record, and hashing all its fields for every row would be work for nothing.
        Map<ConnectionView, KernelSocket> kernel = new IdentityHashMap<>();
        // Closed rows count too: a view read a moment ago may still list a socket the table has since seen close,
        // and that socket must not come back as one only the kernel knows.
        Set<String> trackedKeys = new HashSet<>();
        Set<ConnectionView> dead = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ConnectionView row : tracked) {
            if (DeadConnections.isDead(row, view)) {
                dead.add(row);
            }
            String key = KernelSocket.key(row.transport(), row.local(), row.remote());
            trackedKeys.add(key);
            KernelSocket socket = view.find(key);
            if (socket != null && (row.isOpen() || socket.state().equals("TIME_WAIT"))) {
                kernel.put(row, socket);
            }
        }
        List<ConnectionView> all = new ArrayList<>(tracked);
        Set<Integer> listeningPorts = listeningPorts(tracked, view);
        long kernelOnlyId = 0;
        for (KernelSocket socket : view.owned()) {
            if (!trackedKeys.contains(socket.key()) && view.stillOwned(socket)) {
                ConnectionView row = kernelOnlyRow(--kernelOnlyId, socket, listeningPorts);
                all.add(row);
                kernel.put(row, socket);
            }
        }
        List<ConnectionView> rows = all.stream().filter(filter)
                .sorted(Comparator.comparingLong(TableReport::order)).toList();
        return new TableReport(ProcessHandle.current().pid(), System.currentTimeMillis(), rows, kernel, dead,
                table.recentErrors(), table.untrackedSockets(), table.leakedSockets(), ports, filter);
    }

    /** The kernel's view of a row, or null (closed, not on Linux, or not yet in the kernel's lists). */
    KernelSocket kernelOf(ConnectionView row) {
        return kernel.get(row);
    }

    /**
     * Whether the application holds this connection open but the kernel no longer has it (the peer reset it):
     * the row reads closed, with {@link DeadConnections#REASON}.
     */
    boolean isDead(ConnectionView row) {
        return dead.contains(row);
    }

    /** The state a reader is shown: CLOSED for a dead connection, else the row's. */
    State stateOf(ConnectionView row) {
        return isDead(row) ? State.CLOSED : row.state();
    }

    static boolean isKernelOnly(ConnectionView row) {
        return row.id() < 0;
    }

    /** Tracked rows by id, then the kernel-only ones. */
    private static long order(ConnectionView row) {
        return row.id() > 0 ? row.id() : Long.MAX_VALUE / 2 - row.id();
    }

    private static Set<Integer> listeningPorts(List<ConnectionView> tracked, KernelView view) {
        Set<Integer> ports = new HashSet<>();
        for (ConnectionView row : tracked) {
            if (row.role() == Role.LISTENER && row.isOpen() && row.local() != null) {
                ports.add(row.local().port());
            }
        }
        for (KernelSocket socket : view.owned()) {
            if (socket.isListening()) {
                ports.add(socket.local().port());
            }
        }
        return ports;
    }

    /** A socket only the kernel knows of: its role guessed from its state and ports. */
    private static ConnectionView kernelOnlyRow(long id, KernelSocket socket, Set<Integer> listeningPorts) {
        Endpoint remote = socket.peer();
        Role role;
        State state;
        if (socket.transport() == Transport.UDP) {
            role = Role.DATAGRAM;
            state = remote == null ? State.BOUND : State.CONNECTED;
        } else if (socket.isListening()) {
            role = Role.LISTENER;
            state = State.LISTEN;
        } else {
            role = listeningPorts.contains(socket.local().port()) ? Role.INBOUND : Role.OUTBOUND;
            state = socket.state().equals("SYN_SENT") ? State.SYN_SENT : State.ESTABLISHED;
        }
        return new ConnectionView(id, socket.transport(), role, state, socket.local(), remote, 0, null,
                Opener.unknown(null), false, false, -1, 0, 0, 0);
    }

    /**
     * The service name of a row's endpoint, for the side that is the server: a listener's or accepted
     * connection's local port, an outbound connection's remote port. A client's own port never names a service.
     */
    String serviceOf(ConnectionView row, Endpoint endpoint) {
        if (endpoint == null) {
            return null;
        }
        boolean local = endpoint == row.local();
        boolean clientSide = local ? row.role() == Role.OUTBOUND
                : row.role() == Role.INBOUND;
        boolean ephemeralDatagram = local && row.role() == Role.DATAGRAM && ports.isEphemeral(endpoint.port());
        if (clientSide || ephemeralDatagram) {
            return null;
        }
        return ports.serviceOf(endpoint.port(), row.transport().label());
    }
}
