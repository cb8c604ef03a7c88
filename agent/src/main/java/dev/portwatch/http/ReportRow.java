package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.util.List;
import java.util.Locale;

/**
 * One row of the report, made once per read of the table and rendered by the text table, the JSON and the page
 * alike. The cells all of them show the same way are formatted here: {@code -} (text and page) or {@code null}
 * (JSON) for what the agent did not observe, never a zero. A cell the renderers show differently stays raw.
 *
 * @param id the table's row number; null for a row only the kernel knows
 * @param state what the row reads: {@code CLOSED} for a dead connection, else the table's state
 * @param dead why an open socket reads closed ({@code DeadConnections.REASON}), or null
 * @param localService the conventional name of the local port, given only for the server's side; likewise remote
 * @param bytesIn bytes received; null when the agent did not see the socket's traffic (a kernel-only row)
 * @param connectSeconds how long this process's connect took; null when no connect was timed
 * @param openedAt the instant the socket was opened; null when unknown
 * @param closedAt the instant it was closed; null while open
 * @param cells the cells rendered the same in text and page, formatted once
 */
record ReportRow(Long id, Source source, Transport transport, String family, Role role, State state, String dead,
                 Endpoint local, Endpoint remote, String localService, String remoteService, String api,
                 String thread, String openedBy, String openedAt, Long bytesIn, Long bytesOut, Double connectSeconds,
                 String closedAt, boolean leaked, boolean agent, KernelSocket kernel, List<String> stack,
                 Cells cells) {

    /** Who knows of the row: the agent recorded the socket, or only the kernel's view has it. */
    enum Source {
        AGENT, KERNEL;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /**
     * The row's cells as the text table and the page print them: {@code -} for unknown, {@code *:*} for no peer,
     * {@code tcp6} for IPv6, connect times as {@code 1.5 ms}.
     *
     * @param portClass the IANA class of the server side's port; {@code service} its name
     * @param localPortClass a port's class and whether it is ephemeral, {@code registered, ephemeral}; null
     *     without that end
     * @param openedBy the opener's frame, {@code portwatch endpoint}, or {@link #KERNEL_ONLY}
     */
    record Cells(String proto, String local, String foreign, String state, String kernel, String portClass,
                 String localPortClass, String remotePortClass, String service, String bytesIn, String bytesOut, String connect, String api, String thread,
                 String openedBy, String openedAt) {}

    /** What the text and the page say of who opened a socket only the kernel knows. */
    static final String KERNEL_ONLY = "(seen by the kernel only)";

    boolean isOpen() {
        return state.isOpen();
    }

    boolean kernelOnly() {
        return source == Source.KERNEL;
    }
}
