package dev.portwatch.http;

import dev.portwatch.metrics.DeadConnections;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Makes the report's rows: from the table's rows, and from the sockets only the kernel has. */
final class ReportRows {

    private final PortInfo ports;

    ReportRows(PortInfo ports) {
        this.ports = ports;
    }

    /** A row the agent recorded, with the kernel's socket (or null) and whether the kernel shows it dead. */
    ReportRow tracked(ConnectionView row, KernelSocket kernel, boolean dead) {
        State state = dead ? State.CLOSED : row.state();
        String openedBy = row.opener().openedBy();
        Double connect = row.connectNanos() >= 0 ? row.connectNanos() / 1e9 : null;
        String openedAt = instant(row.openedAtMillis());
        return make(row.id(), ReportRow.Source.AGENT, row, state, dead ? DeadConnections.REASON : null,
                row.opener().api(), row.thread(), openedBy, openedAt, row.bytesIn(), row.bytesOut(), connect,
                row.closedAtMillis() == 0 ? null : instant(row.closedAtMillis()), kernel,
                row.opener().stack().isEmpty() ? List.of() : row.opener().stackTrace(),
                row.agentOwned() ? "portwatch endpoint" : orDash(openedBy));
    }

    /**
     * A socket only the kernel knows (opened before the agent attached, or past the JDK's socket classes): its role
     * guessed from its state and the process's listening ports; who opened it, when, and its traffic are unknown.
     */
    ReportRow kernelOnly(KernelSocket socket, Set<Integer> listeningPorts) {
        return make(null, ReportRow.Source.KERNEL, kernelView(socket, listeningPorts), null, null, null, null, null,
                null, null, null, null, null, socket, List.of(), ReportRow.KERNEL_ONLY);
    }

    /** The kernel-only socket as a table row would describe it, for the filter and the cells. */
    static ConnectionView kernelView(KernelSocket socket, Set<Integer> listeningPorts) {
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
        return new ConnectionView(0, socket.transport(), role, state, socket.local(), remote, 0, null,
                dev.portwatch.table.Opener.unknown(null), false, false, -1, 0, 0, 0);
    }

    private ReportRow make(Long id, ReportRow.Source source, ConnectionView row, State shown, String dead, String api,
                           String thread, String openedBy, String openedAt, Long bytesIn, Long bytesOut,
                           Double connect, String closedAt, KernelSocket kernel, List<String> stack,
                           String openedByCell) {
        State state = shown == null ? row.state() : shown;
        Endpoint server = row.role() == Role.OUTBOUND ? row.remote() : row.local();
        String localService = serviceOf(row, row.local());
        String remoteService = serviceOf(row, row.remote());
        ReportRow.Cells cells = new ReportRow.Cells(
                row.transport().label() + (row.family().equals("ipv6") ? "6" : ""),
                row.local() == null ? "-" : row.local().display(),
                row.remote() == null ? "*:*" : row.remote().display(),
                state.name() + (dead == null ? "" : " (" + dead + ")"),
                kernelCell(kernel),
                server == null ? "-" : ports.classOf(server.port()).label(),
                portClass(row.local()), portClass(row.remote()),
                orDash(server == row.local() ? localService : remoteService),
                bytesIn == null ? "-" : bytesIn.toString(),
                bytesOut == null ? "-" : bytesOut.toString(),
                connect == null ? "-" : String.format(Locale.ROOT, "%.1f ms", connect * 1e3),
                orDash(api), orDash(thread), openedByCell, orDash(openedAt));
        return new ReportRow(id, source, row.transport(), row.family(), row.role(), state, dead, row.local(),
                row.remote(), localService, remoteService, api, thread, openedBy, openedAt, bytesIn, bytesOut,
                connect, closedAt, row.leaked(), row.agentOwned(), kernel, stack, cells);
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
        boolean clientSide = local ? row.role() == Role.OUTBOUND : row.role() == Role.INBOUND;
        boolean ephemeralDatagram = local && row.role() == Role.DATAGRAM && ports.isEphemeral(endpoint.port());
        if (clientSide || ephemeralDatagram) {
            return null;
        }
        return ports.serviceOf(endpoint.port(), row.transport().label());
    }

    /** {@code registered, ephemeral}: the IANA class of the port, and whether it is in the OS's ephemeral range. */
    private String portClass(Endpoint end) {
        if (end == null) {
            return null;
        }
        return ports.classOf(end.port()).label() + (ports.isEphemeral(end.port()) ? ", ephemeral" : "");
    }

    /** The kernel's state, and its queues when they hold anything: {@code CLOSE_WAIT recv 120}. */
    private static String kernelCell(KernelSocket kernel) {
        if (kernel == null) {
            return "-";
        }
        return kernel.state() + (kernel.receiveQueue() > 0 ? " recv " + kernel.receiveQueue() : "")
                + (kernel.sendQueue() > 0 ? " send " + kernel.sendQueue() : "");
    }

    static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
