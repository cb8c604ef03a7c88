package dev.portwatch.it;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Opens the first sockets of the JVM from six threads at once, started on the first line of {@code main}, so that
 * their classes load (and wait for the agent's thread to be ready) together, each thread of its own kind; then
 * serves, holding them open. The ready line gives each kind's local port ({@code listener=41234 ...}).
 */
public final class ConcurrentFirstSockets extends Scenario {

    private static final List<Closeable> OPEN = new ArrayList<>();
    private static final String[] KINDS = {
        "listener", "channelListener", "datagramSocket", "datagramChannel", "client", "channelClient"};
    private static final String[] PORTS = new String[KINDS.length];

    public static void main(String[] args) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[KINDS.length];
        Throwable[] failures = new Throwable[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            int kind = i;
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                    PORTS[kind] = KINDS[kind] + "=" + open(kind);
                } catch (Throwable t) {
                    failures[kind] = t;
                }
            }, "opens-" + KINDS[i]);
            threads[i].start();
        }
        go.countDown();
        for (int i = 0; i < KINDS.length; i++) {
            threads[i].join();
            if (failures[i] != null) {
                throw new IllegalStateException(KINDS[i], failures[i]);
            }
        }
        new ConcurrentFirstSockets().serve();
    }

    /** Opens a socket of the kind, returns its local port. */
    private static int open(int kind) throws Exception {
        switch (kind) {
            case 0:
                return keep(new ServerSocket(0, 50, V4)).getLocalPort();
            case 1:
                return port(keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0))));
            case 2:
                return keep(new DatagramSocket(0, V4)).getLocalPort();
            case 3:
                return port(keep(DatagramChannel.open().bind(new InetSocketAddress(V4, 0))));
            case 4: {
                ServerSocket server = keep(new ServerSocket(0, 50, V4));
                Socket client = keep(new Socket(V4, server.getLocalPort()));
                keep(server.accept());
                return client.getLocalPort();
            }
            default: {
                ServerSocketChannel server = keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
                SocketChannel client = keep(SocketChannel.open(server.getLocalAddress()));
                keep(server.accept());
                return port(client);
            }
        }
    }

    private static int port(java.nio.channels.NetworkChannel channel) throws java.io.IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static <T extends Closeable> T keep(T socket) {
        synchronized (OPEN) {
            OPEN.add(socket);
        }
        return socket;
    }

    @Override
    protected String prepare() {
        return String.join(" ", PORTS);
    }
}
