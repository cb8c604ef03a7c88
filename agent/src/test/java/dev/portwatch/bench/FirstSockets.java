package dev.portwatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The start-up workload of a JVM that uses the network at once: one TCP connection through {@code Socket} and
 * {@code ServerSocket}, one through {@code SocketChannel} and {@code ServerSocketChannel}, one UDP datagram, then
 * exit. Unlike {@link EmptyMain} it makes the agent instrument the socket classes it loads, a cost an empty main
 * never pays.
 */
public final class FirstSockets {

    private FirstSockets() {}

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, Workloads.LOOPBACK);
             Socket client = new Socket(Workloads.LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            accepted.getInputStream().read();
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(Workloads.LOOPBACK, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            client.write(ByteBuffer.wrap(new byte[] {1}));
            accepted.read(ByteBuffer.allocate(1));
        }
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(Workloads.LOOPBACK, 0));
             DatagramChannel sender = DatagramChannel.open()) {
            sender.send(ByteBuffer.wrap(new byte[] {1}), receiver.getLocalAddress());
            receiver.receive(ByteBuffer.allocate(1));
        }
    }
}
