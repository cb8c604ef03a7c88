package dev.portwatch.http;

import dev.portwatch.metrics.DeadConnections;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes the report's rows: from the table's rows, and from the sockets only the kernel has. */
final class ReportRows {

    private final PortInfo ports;
    /**
     * Each opener frame's text, made once per report: the rows opened at one place in the code (a pool's connects,
     * a server's accepts) share it, and formatting a frame costs more than the rest of its row. Bounded by the rows.
     */
    private final Map<StackTraceElement, String> frameTexts = new HashMap<>();

    ReportRows(PortInfo ports) {
        this.ports = ports;
    }

    /** A row the agent recorded, with the kernel's socket (or null) and whether the kernel shows it dead. */
    ReportRow tracked(ConnectionView row, KernelSocket kernel, boolean dead) {
        return new ReportRow(row.id(), ReportRow.Source.AGENT, row.transport(), row.family(), row.role(),
                dead ? State.CLOSED : row.state(), dead ? DeadConnections.REASON : null, row.local(), row.remote(),
                row.remoteHost(), serviceOf(row, row.local()), serviceOf(row, row.remote()), row.opener().api(),
                row.thread(), openedBy(row.opener(), row.thread()),
                row.opener().kind() == null ? null : row.opener().kind().label(), row.openedAtMillis(), row.bytesIn(),
                row.bytesOut(), row.connectNanos() >= 0 ? row.connectNanos() : ReportRow.NONE,
                row.closedAtMillis() == 0 ? ReportRow.NONE : row.closedAtMillis(), row.leaked(), row.agentOwned(),
                kernel,
                row.opener().stack().isEmpty() ? List.of() : row.opener().stackTrace(), ports);
    }

    /** {@link Opener#openedBy(String)}: a frame's text is {@code StackTraceElement.toString()}, as Opener writes it. */
    private String openedBy(Opener opener, String thread) {
        if (opener.kind() == Opener.Kind.THREAD || opener.frame() == null) {
            return opener.openedBy(thread);
        }
        return frameTexts.computeIfAbsent(opener.frame().toStackTraceElement(), StackTraceElement::toString);
    }

    /**
     * A socket only the kernel knows (opened before the agent attached, or past the JDK's socket classes): its role
     * guessed from its state and the process's listening ports; who opened it, when, and its traffic are unknown.
     */
    ReportRow kernelOnly(KernelSocket socket, Set<Integer> listeningPorts) {
        ConnectionView row = kernelView(socket, listeningPorts);
        return new ReportRow(ReportRow.NONE, ReportRow.Source.KERNEL, row.transport(), row.family(), row.role(),
                row.state(), null, row.local(), row.remote(), null, serviceOf(row, row.local()),
                serviceOf(row, row.remote()), null, null, null, null, ReportRow.NONE, ReportRow.NONE, ReportRow.NONE,
                ReportRow.NONE, ReportRow.NONE, false, false, socket, List.of(), ports);
    }

    /** The kernel-only socket as a table row would describe it, for the filter and the guessed role. */
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
        boolean clientSide = local ? row.role() == Role.OUTBOUND : row.role() == Role.INBOUND;
        boolean ephemeralDatagram = local && row.role() == Role.DATAGRAM && ports.isEphemeral(endpoint.port());
        if (clientSide || ephemeralDatagram) {
            return null;
        }
        return ports.serviceOf(endpoint.port(), row.transport().label());
    }
}
