package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private static final RowOrigin ORIGIN =
            new RowOrigin(Transport.TCP, "worker-1", Opener.unknown("SocketChannel.connect"), false, false);

    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectionTable table = new ConnectionTable(100, 5_000, 8, now::get);
    private final Object socket = new Object();

    private Connection unconnected() {
        return table.create(socket, Role.OUTBOUND, State.BOUND, endpoint("0.0.0.0", 0), null, ORIGIN);
    }

    @Test
    void newRowHasNoConnectTimeNoBytesAndIsOpen() {
        ConnectionView view = unconnected().view();

        assertEquals(State.BOUND, view.state());
        assertEquals(-1, view.connectNanos());
        assertEquals(0, view.closedAtMillis());
        assertEquals(0, view.bytesIn());
        assertEquals(0, view.bytesOut());
        assertFalse(view.leaked());
        assertEquals(1_000, view.openedAtMillis());
        assertEquals("worker-1", view.thread());
        assertEquals("SocketChannel.connect", view.opener().api());
    }

    @Test
    void connectPendingThenEstablished() {
        Connection row = unconnected();

        row.connectPending(null, endpoint("10.0.0.1", 5432), null, 77);
        assertEquals(State.SYN_SENT, row.state());
        assertEquals(77, row.connectStart(0));
        assertEquals(endpoint("0.0.0.0", 0), row.local(), "a null local keeps the known one");

        assertEquals(1_500_000, row.established(endpoint("10.0.0.2", 40000).address(), 40000,
                endpoint("10.0.0.1", 5432).address(), 5432, null, 0, 1_500_077, 0), "from the pending connect's start");
        ConnectionView view = row.view();
        assertEquals(State.ESTABLISHED, view.state());
        assertEquals(Role.OUTBOUND, view.role());
        assertEquals(endpoint("10.0.0.2", 40000), view.local());
        assertEquals(endpoint("10.0.0.1", 5432), view.remote());
        assertEquals(1_500_000, view.connectNanos());
    }

    @Test
    void lateUpdateAfterCloseDoesNotReopen() {
        Connection row = unconnected();
        now.set(2_000);
        table.close(socket);

        InetAddress local = endpoint("10.0.0.2", 40000).address();
        InetAddress remote = endpoint("10.0.0.1", 80).address();
        row.update(Role.OUTBOUND, State.ESTABLISHED, local, 40000, remote, 80);
        assertEquals(-1, row.established(local, 40000, remote, 80, null, 0, 5, 0));

        ConnectionView view = row.view();
        assertEquals(State.CLOSED, view.state());
        assertFalse(row.isOpen());
        assertNull(view.remote());
        assertEquals(endpoint("0.0.0.0", 0), view.local());
        assertEquals(2_000, view.closedAtMillis());
    }

    @Test
    void addBytesCountsEachDirection() {
        Connection row = unconnected();

        row.addBytes(10, true);
        row.addBytes(5, true);
        row.addBytes(7, false);

        assertEquals(15, row.view().bytesIn());
        assertEquals(7, row.view().bytesOut());
    }

    @Test
    void tableAddBytesReachesTheRowAndIgnoresUnknownSockets() {
        Connection row = unconnected();

        table.addBytes(socket, 100, false);
        table.addBytes(new Object(), 999, false);

        assertEquals(100, row.view().bytesOut());
        assertEquals(0, row.view().bytesIn());
        assertTrue(row.isOpen());
    }
}
