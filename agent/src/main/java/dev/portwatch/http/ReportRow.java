package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One row of the report, made once per read of the table and rendered by the text table, the JSON and the page
 * alike. What the agent did not observe is null here, or {@link #NONE} for a number ({@code null} in JSON), never a
 * zero. The cells the text table
 * and the page show the same way are formatted by this row's {@code ...Cell()} methods, on demand (the JSON needs
 * none of them): {@code -} for unknown, {@code *:*} for no peer, {@code tcp6} for IPv6, {@code 1.5 ms}.
 *
 * @param id the table's row number; {@link #NONE} for a row only the kernel knows
 * @param state what the row reads: {@code CLOSED} for a dead connection, else the table's state
 * @param dead why an open socket reads closed ({@code DeadConnections.REASON}), or null
 * @param remoteHost the host name the application connected to, as it gave it; null when it gave an address
 * @param localService the conventional name of the local port, given only for the server's side; likewise remote
 * @param openedBy who opened the socket (a frame, or for kind {@code thread} the thread's name), or null
 * @param openedByKind {@code application}, {@code jdk} or {@code thread}: what {@code openedBy} is; null with it
 * @param openedAtMillis when the socket was opened; NONE when unknown
 * @param bytesIn bytes received; NONE when the agent did not see the socket's traffic (a kernel-only row)
 * @param connectNanos how long this process's connect took; NONE when no connect was timed
 * @param closedAtMillis when it was closed; NONE while open
 */
record ReportRow(long id, Source source, Transport transport, String family, Role role, State state, String dead,
                 Endpoint local, Endpoint remote, String remoteHost, String localService, String remoteService,
                 String api, String thread, String openedBy, String openedByKind, long openedAtMillis, long bytesIn,
                 long bytesOut, long connectNanos, long closedAtMillis, boolean leaked, boolean agent,
                 KernelSocket kernel, List<String> stack, PortInfo ports) {

    /**
     * What a number of the row reads when it is unknown (null in JSON, {@code -} in the text): numbers are kept
     * unboxed, as 10,000 rows' five boxes each were a tenth of a report's allocation.
     */
    static final long NONE = -1;

    /** Who knows of the row: the agent recorded the socket, or only the kernel's view has it. */
    enum Source {
        AGENT, KERNEL;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** What the text and the page say of who opened a socket only the kernel knows. */
    static final String KERNEL_ONLY = "(seen by the kernel only)";

    boolean isOpen() {
        return state.isOpen();
    }

    /** The instant the socket was opened, {@code 2026-11-25T09:59:58.120Z}; null when unknown. */
    String openedAt() {
        return openedAtMillis == NONE ? null : Instant.ofEpochMilli(openedAtMillis).toString();
    }

    String protoCell() {
        return transport.label() + (family.equals("ipv6") ? "6" : "");
    }

    String localCell() {
        return local == null ? "-" : local.display();
    }

    String foreignCell() {
        return remote == null ? "*:*" : remote.display();
    }

    String remoteHostCell() {
        return orDash(remoteHost);
    }

    /** The state, with why a dead connection reads closed. */
    String stateCell() {
        return dead == null ? state.name() : state.name() + " (" + dead + ")";
    }

    /** The kernel's state, and its queues when they hold anything: {@code CLOSE_WAIT recv 120}. */
    String kernelCell() {
        if (kernel == null) {
            return "-";
        }
        return kernel.state() + (kernel.receiveQueue() > 0 ? " recv " + kernel.receiveQueue() : "")
                + (kernel.sendQueue() > 0 ? " send " + kernel.sendQueue() : "");
    }

    private Endpoint server() {
        return role == Role.OUTBOUND ? remote : local;
    }

    /** The IANA class of the server side's port. */
    String portClassCell() {
        Endpoint server = server();
        return server == null ? "-" : ports.classOf(server.port()).label();
    }

    /** {@code registered, ephemeral}: a port's IANA class and whether it is in the OS's range; null without it. */
    String portTitle(Endpoint end) {
        if (end == null) {
            return null;
        }
        return ports.classOf(end.port()).label() + (ports.isEphemeral(end.port()) ? ", ephemeral" : "");
    }

    /** The service name of the server's side. */
    String serviceCell() {
        return orDash(role == Role.OUTBOUND ? remoteService : localService);
    }

    String bytesInCell() {
        return bytesIn == NONE ? "-" : Long.toString(bytesIn);
    }

    String bytesOutCell() {
        return bytesOut == NONE ? "-" : Long.toString(bytesOut);
    }

    String connectCell() {
        return connectNanos == NONE ? "-" : millis(connectNanos);
    }

    String apiCell() {
        return orDash(api);
    }

    String threadCell() {
        return orDash(thread);
    }

    String openedByCell() {
        if (agent) {
            return "portwatch endpoint";
        }
        if (source == Source.KERNEL) {
            return KERNEL_ONLY;
        }
        // A thread's name reads "thread <name>", not like code.
        return "thread".equals(openedByKind) ? "thread " + openedBy : orDash(openedBy);
    }

    String openedAtCell() {
        return openedAtMillis == NONE ? "-" : openedAt();
    }

    /**
     * {@code 1.5 ms}: nanoseconds as milliseconds to one decimal, as {@code %.1f} would print them in any locale,
     * without a Formatter (which costs microseconds a call, too much for every row of a large table).
     */
    static String millis(long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        return tenths / 10 + "." + tenths % 10 + " ms";
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
