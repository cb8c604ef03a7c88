package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.funnel.IoUringCopies;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import io.netty.channel.unix.Socket;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closes submitted to an io_uring ring, on a real Netty io_uring listener: its row closes once the kernel no longer
 * has the descriptor, even when no event says so (the ring torn down before the kernel ran the close).
 */
class RingClosesTest {

    /** The funnel of Netty's socket classes, whose binds io_uring's sockets report too. */
    private static final int NETTY_SOCKETS = Funnel.NETTY_EPOLL.id();
    /** The funnel of io_uring's channels, whose closes are submitted to the ring. */
    private static final int IO_URING = Funnel.NETTY_IO_URING.id();

    private final ConnectionTable table = new ConnectionTable(1_000, 60_000, 16, System::currentTimeMillis);

    /** As when the agent wove io_uring's channels: only then are its sockets' ends read (and rows made). */
    @BeforeAll
    static void ioUringWoven() {
        IoUring.ensureAvailability();
        IoUringCopies.covered(IoUring.class.getClassLoader(), IoUring.class.getPackageName());
    }

    @Test
    void aCloseTheKernelRunsAfterTheLastEventClosesItsRowAtTheNextSettle() throws Exception {
        SocketEventCapture capture = new SocketEventCapture(table, OpenerMode.STACK);
        IoUringServerSocketChannel channel = new IoUringServerSocketChannel();
        Socket socket = (Socket) channel.fd();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            capture.onBind(NETTY_SOCKETS, socket, null, 0, null);
            Connection row = table.find(socket);
            assertNotNull(row, "the bound listener is a row");

            capture.onClose(IO_URING, channel);
            capture.onRingClosed(IO_URING);
            assertTrue(row.isOpen(), "submitted, not run: the kernel still has the descriptor");
            capture.settleRingCloses();
            assertTrue(row.isOpen(), "a close the kernel never ran leaves its row open");

            socket.close();
            capture.settleRingCloses();
            assertFalse(row.isOpen(), "the kernel ran the close: the row is closed");
        } finally {
            socket.close();
        }
    }
}
