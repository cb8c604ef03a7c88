package dev.portwatch.capture;

import dev.portwatch.funnel.Funnel;
import dev.portwatch.net.Endpoint;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes of sockets whose funnel closes them later, in a ring (Netty's io_uring): the channel submits the close, the
 * kernel runs it at the ring's next submission, and its completion tells the channel. Netty may tear the ring down
 * after the kernel ran a close but before it read the completion (its event loop stopping), and may also tear it
 * down with a close the kernel never ran, whose descriptor stays open for good: the same events either way. So a
 * row closes only once the kernel no longer has its descriptor, checked when the close is submitted, when it
 * completes, and, for the closes still waiting, whenever a ring is torn down and on every housekeeping round: the
 * kernel finishes a torn-down ring's work on its own time, after the last event the ring's channels report.
 */
final class RingCloses {

    /** Closes in flight at once; beyond it, a close is recorded only when its completion comes (as before). */
    static final int MAX_WAITING = 4096;

    /** Rows whose close was submitted but not seen done, with their socket (weakly: a leak is the table's to see). */
    private final Map<Connection, Waiting> waiting = new ConcurrentHashMap<>();

    /** A submitted close: the funnel that reads the socket's ends, and the socket. */
    private record Waiting(Funnel funnel, WeakReference<Object> socket) {}

    /** A close event: {@code reported} is what the advice saw (a channel, for io_uring). */
    void close(ConnectionTable table, Funnel funnel, Object reported) {
        Object socket = funnel.socketOf(reported);
        if (!funnel.closesLater()) {
            table.close(socket);
            return;
        }
        Connection row = table.find(socket);
        if (row == null || !row.isOpen()) {
            return;
        }
        if (descriptorGone(funnel, socket, row)) {
            waiting.remove(row);
            table.close(socket);
        } else if (waiting.size() < MAX_WAITING) {
            waiting.putIfAbsent(row, new Waiting(funnel, new WeakReference<>(socket)));
        }
    }

    /**
     * Closes the rows of the waiting closes the kernel has run (when a ring is torn down, and on every housekeeping
     * round); forgets those whose row is closed or whose socket was collected.
     */
    void settle(ConnectionTable table) {
        for (Map.Entry<Connection, Waiting> entry : waiting.entrySet()) {
            Connection row = entry.getKey();
            Waiting close = entry.getValue();
            Object socket = close.socket().get();
            if (socket == null || !row.isOpen()) {
                waiting.remove(row);
            } else if (descriptorGone(close.funnel(), socket, row)) {
                waiting.remove(row);
                table.close(socket);
            }
        }
    }

    /**
     * Whether the socket's descriptor is closed: the socket's own address read from it fails, or differs from its
     * row's because the number now belongs to another socket. A peer address is compared only when there is one:
     * a connection the peer reset has none, and is still open.
     */
    private static boolean descriptorGone(Funnel funnel, Object socket, Connection row) {
        Endpoint local = funnel.ends().local(socket);
        if (local == null || !local.equals(row.local())) {
            return true;
        }
        Endpoint remote = funnel.ends().remote(socket);
        return remote != null && !remote.equals(row.remote());
    }
}
