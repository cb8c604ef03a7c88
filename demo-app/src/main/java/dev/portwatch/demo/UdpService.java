package dev.portwatch.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;

/**
 * A UDP request/response server on loopback, like a DNS resolver or a metrics agent: each datagram is answered with
 * the same bytes, from a blocking DatagramChannel on one thread.
 */
final class UdpService implements AutoCloseable {

    private final DatagramChannel channel;
    private final int port;
    private final Counters counters;

    private UdpService(DatagramChannel channel, Counters counters) throws IOException {
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.counters = counters;
    }

    static UdpService start(Counters counters) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(Loopback.at(0));
        UdpService service = new UdpService(channel, counters);
        Thread thread = new Thread(service::answerLoop, "demo-udp-server");
        thread.setDaemon(true);
        thread.start();
        return service;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void answerLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
                channel.send(buffer, sender);
                counters.add("udp.answered");
            } catch (AsynchronousCloseException stopping) {
                return;
            } catch (IOException e) {
                // A lost reply is what UDP clients expect; count it and serve the next datagram.
                if (channel.isOpen()) {
                    counters.add("udp.failed." + e.getClass().getSimpleName());
                }
            }
        }
    }
}
