package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * With {@code openers=thread} every row's opener is its thread, the API its funnel's, and nothing else of the row
 * changes; without it the opener is a frame, as before, and with {@code stacks=true} the whole stack too.
 */
class ThreadOpenersTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ConnectionTable table = new ConnectionTable(1_000, 60_000, 16, System::currentTimeMillis);

    @Test
    void everyRowIsOpenedByItsThread() throws Exception {
        SocketEventCapture capture = new SocketEventCapture(table, OpenerMode.THREAD);
        Connection[] rows = connectAndAccept(capture);

        assertEquals(State.LISTEN, rows[0].state());
        assertEquals(State.ESTABLISHED, rows[1].state());
        assertEquals(State.ESTABLISHED, rows[2].state());
        assertThread("ServerSocketChannel", rows[0].opener());
        assertThread("SocketChannel", rows[1].opener());
        assertThread("ServerSocketChannel", rows[2].opener());
        assertEquals(rows[0].opener(), rows[2].opener());
        assertEquals("thread " + Thread.currentThread().getName(),
                rows[1].opener().describe(Thread.currentThread().getName()));
        capture.onBind(Funnel.NIO_SOCKET_IMPL.id(), new Object(), LOOPBACK, 8080, new BindException("in use"));
        SocketError error = table.recentErrors().get(0);
        assertThread("Socket", error.opener());
    }

    @Test
    void byDefaultTheOpenerIsAFrame() throws Exception {
        for (Connection row : connectAndAccept(new SocketEventCapture(table, OpenerMode.STACK))) {
            assertNotEquals(Opener.Kind.THREAD, row.opener().kind(), row.toString());
            assertNotNull(row.opener().frame(), row.toString());
        }
    }

    @Test
    void fullStacksKeepTheWholeStack() throws Exception {
        Connection client = connectAndAccept(new SocketEventCapture(table, OpenerMode.FULL_STACK))[1];

        assertEquals(Opener.Kind.APPLICATION, client.opener().kind(), client.toString());
        assertFalse(client.opener().stack().isEmpty(), client.toString());
    }

    private static void assertThread(String api, Opener opener) {
        assertEquals(Opener.Kind.THREAD, opener.kind());
        assertEquals(api, opener.api());
        assertNull(opener.frame());
        assertTrue(opener.stack().isEmpty());
    }

    /**
     * The listener's, the client's and the accepted connection's rows, as the capture recorded them (it is told of
     * no close: the rows stay as they were when the channels are closed here).
     */
    private Connection[] connectAndAccept(SocketEventCapture capture) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
             SocketChannel client = SocketChannel.open()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            capture.onListen(Funnel.SERVER_SOCKET_CHANNEL.id(), server, null, null);
            long start = System.nanoTime();
            boolean connected = client.connect(server.getLocalAddress());
            capture.onConnect(Funnel.SOCKET_CHANNEL.id(), client, server.getLocalAddress(), connected, null, start);
            try (SocketChannel accepted = server.accept()) {
                capture.onAccept(Funnel.SERVER_SOCKET_CHANNEL.id(), server, accepted, null);
                return new Connection[] {table.find(server), table.find(client), table.find(accepted)};
            }
        }
    }
}
