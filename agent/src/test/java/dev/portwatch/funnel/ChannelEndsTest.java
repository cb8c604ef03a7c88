package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** A {@code SocketChannel}'s ends read from the JDK's fields say what its public methods say, closed or not. */
class ChannelEndsTest {

    @Test
    void theFieldsAreReadOnThisJdk() {
        assertTrue(ChannelFields.AVAILABLE, "SocketChannelImpl's localAddress/remoteAddress fields");
    }

    @Test
    void bothEndsOfAConnectionAreThePublicMethodsOnes() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open();
            assertNull(ChannelEnds.STREAM.local(client), "not bound yet");
            assertNull(ChannelEnds.STREAM.remote(client), "not connected yet");
            client.connect(listener.getLocalAddress());
            SocketChannel accepted = listener.accept();
            for (SocketChannel channel : new SocketChannel[] {client, accepted}) {
                assertTrue(ChannelFields.reads(channel));
                assertEquals(channel.getLocalAddress(), endAddress(ChannelEnds.STREAM.local(channel)));
                assertEquals(channel.getRemoteAddress(), endAddress(ChannelEnds.STREAM.remote(channel)));
                channel.close();
                assertNull(ChannelEnds.STREAM.local(channel), "closed: no ends");
                assertNull(ChannelEnds.STREAM.remote(channel), "closed: no ends");
            }
        }
    }

    private static InetSocketAddress endAddress(dev.portwatch.net.Endpoint end) {
        return new InetSocketAddress(end.address(), end.port());
    }
}
