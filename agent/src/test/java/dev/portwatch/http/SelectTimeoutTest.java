package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectTimeoutTest {

    @Test
    void withNoConnectionTheSelectorWaitsUntilOneComes() {
        assertEquals(0, HttpConnection.selectTimeoutMillis(List.of()), "0: select without a timeout");
    }

    @Test
    void withConnectionsItWakesForTheNearestDeadlineAndAtLeastOnceASecond() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
             Selector selector = Selector.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel accepted = listener.accept()) {
                accepted.configureBlocking(false);
                SelectionKey key = accepted.register(selector, SelectionKey.OP_READ);
                Wire wire = new PlainWire(accepted, ByteBuffer.allocate(1024));
                HttpConnection connection = new HttpConnection(accepted, key, wire, null);
                connection.enter(HttpConnection.State.READING, 60_000);
                long far = HttpConnection.selectTimeoutMillis(List.of(connection));
                assertTrue(far >= 1 && far <= 1_001, "at most a second: " + far);
                connection.enter(HttpConnection.State.READING, 200);
                long near = HttpConnection.selectTimeoutMillis(List.of(connection));
                assertTrue(near >= 1 && near <= 201, "the deadline's: " + near);
            }
        }
    }
}
