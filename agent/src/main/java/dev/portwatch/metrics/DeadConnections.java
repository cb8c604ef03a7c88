package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;

/**
 * Connections the application still holds open that the kernel no longer has. When the peer resets a TCP
 * connection (RST), the kernel drops the socket from {@code /proc/net/tcp} although the process keeps its
 * descriptor until it calls close; the JDK learns of it only at the next read or write. Such a row still says
 * ESTABLISHED in the table, and the report and the metrics call it dead instead.
 */
public final class DeadConnections {

    /** Why a row reads closed although the application has not closed it. */
    public static final String REASON = "reset by peer or gone from the kernel";

    private DeadConnections() {}

    /**
     * Whether the kernel's view shows the row's connection gone: an open TCP connection the view should list but
     * does not. Only a view read after the connection was established may say so (an older one never knew it),
     * and an empty view (off Linux, or unreadable) says nothing.
     */
    public static boolean isDead(ConnectionView row, KernelView view) {
        return candidate(row, view) && !view.holdsTcpConnection(row.local(), row.remote());
    }

    /**
     * The same, for a reader that has looked the row's addresses up in the view already: {@code joined} is the
     * socket the view has under them (its slot's), or null. Saves the second lookup a row of a report would cost.
     */
    public static boolean isDead(ConnectionView row, KernelView view, KernelSocket joined) {
        return candidate(row, view) && (joined == null || joined.inode() == 0);
    }

    /** Whether the view can judge the row at all. */
    private static boolean candidate(ConnectionView row, KernelView view) {
        return row.state() == State.ESTABLISHED && row.transport() == Transport.TCP
                && (row.role() == Role.OUTBOUND || row.role() == Role.INBOUND)
                && row.local() != null && row.remote() != null && !row.agentOwned()
                && view.readAtMillis() > row.connectedAtMillis();
    }
}
