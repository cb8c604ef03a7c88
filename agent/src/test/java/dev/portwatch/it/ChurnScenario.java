package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many threads open and close sockets of every kind at random, as a busy service would, while listeners of every
 * kind accept on their own threads. Its commands ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code churn <seconds> <threads>}: churn for that long; answers with the number of operations done;</li>
 *   <li>{@code keep}: open a known set of sockets of every kind and leave them open;</li>
 *   <li>{@code exit}.</li>
 * </ul>
 * A {@link StallWatchdog} prints every thread's stack to stderr and "ERR stall" when the churn makes no progress for
 * 20 s, and "ERR deadlock" when the JVM finds deadlocked threads: a hang caused by the agent fails the test with the
 * stacks.
 */
public final class ChurnScenario extends Scenario {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final int KINDS = 11;

    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong unexpectedErrors = new AtomicLong();
    private final List<String> errorSamples = new ArrayList<>();
    private final List<Closeable> kept = new ArrayList<>();
    private volatile boolean churning;
    private volatile boolean stopping;

    private ServerSocket tcpServer;
    private ServerSocket tcpServerV6;
    private ServerSocketChannel channelServer;
    private AsynchronousServerSocketChannel asyncServer;
    private DatagramSocket udpSink;
    private int closedPort;

    private ChurnScenario() {
        on("churn", args -> "ops=" + churn(Integer.parseInt(args[0]), Integer.parseInt(args[1]))
                + " unexpectedErrors=" + unexpectedErrors.get() + " samples=" + samples());
        on("keep", args -> "sockets=" + keep());
    }

    public static void main(String[] args) throws Exception {
        new ChurnScenario().serve();
    }

    @Override
    protected String prepare() throws IOException {
        startServers();
        StallWatchdog.start(operations::get, () -> churning);
        return "";
    }

    private synchronized String samples() {
        return String.join(" | ", errorSamples);
    }

    private void startServers() throws IOException {
        tcpServer = new ServerSocket(0, 1000, V4);
        tcpServerV6 = new ServerSocket(0, 1000, InetAddress.getByName("::1"));
        channelServer = ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0), 1000);
        asyncServer = AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(V4, 0), 1000);
        udpSink = new DatagramSocket(new InetSocketAddress(V4, 0));
        closedPort = Ports.closedBelowEphemeralRange(); // no churn listener can take it and answer "refused"
        for (int i = 0; i < 4; i++) {
            daemon("accept-socket-" + i, () -> acceptLoop(tcpServer));
            daemon("accept-socket-v6-" + i, () -> acceptLoop(tcpServerV6));
            daemon("accept-channel-" + i, () -> {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                while (channelServer.isOpen()) {
                    try (SocketChannel accepted = channelServer.accept()) {
                        // read until the client closes, so this side never resets a connection with unread data
                        while (accepted.read(buffer.clear()) >= 0) {
                            Thread.onSpinWait();
                        }
                    } catch (IOException resetByClient) {
                        // clients close with SO_LINGER 0
                    }
                }
            });
        }
        asyncServer.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel accepted, Void attachment) {
                closeQuietly(accepted);
                asyncServer.accept(null, this);
            }

            @Override
            public void failed(Throwable exc, Void attachment) {
                if (asyncServer.isOpen()) {
                    asyncServer.accept(null, this);
                }
            }
        });
        daemon("udp-sink", () -> {
            byte[] buffer = new byte[64];
            while (!udpSink.isClosed()) {
                try {
                    udpSink.receive(new DatagramPacket(buffer, buffer.length));
                } catch (IOException e) {
                    // closed at exit
                }
            }
        });
    }

    private void acceptLoop(ServerSocket server) {
        byte[] buffer = new byte[64];
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                // read until the client closes, so this side never resets a connection with unread data
                accepted.setSoTimeout(10_000);
                while (accepted.getInputStream().read(buffer) >= 0) {
                    Thread.onSpinWait();
                }
            } catch (IOException resetByClient) {
                // clients close with SO_LINGER 0
            }
        }
    }

    /** Churns for {@code seconds} on {@code threads} threads; returns the operations done. */
    long churn(int seconds, int threads) throws InterruptedException {
        long before = operations.get();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(threads);
        churning = true;
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        int kind = ThreadLocalRandom.current().nextInt(KINDS);
                        try {
                            operation(kind);
                        } catch (Exception e) {
                            unexpected(kind, e);
                        }
                        operations.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            }, "churn-" + t);
            worker.start();
        }
        done.await();
        churning = false;
        return operations.get() - before;
    }

    private void operation(int kind) throws Exception {
        switch (kind) {
            case 0 -> socket(tcpServer.getLocalSocketAddress());
            case 1 -> socket(tcpServerV6.getLocalSocketAddress());
            case 2 -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    channel.connect(channelServer.getLocalAddress());
                    channel.write(ByteBuffer.wrap(PING));
                }
            }
            case 3 -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    channel.configureBlocking(false);
                    if (!channel.connect(channelServer.getLocalAddress())) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        while (!channel.finishConnect()) {
                            if (System.nanoTime() > deadline) {
                                throw new IOException("non-blocking connect did not finish in 5 s");
                            }
                            Thread.yield();
                        }
                    }
                }
            }
            case 4 -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.connect(asyncServer.getLocalAddress()).get(5, TimeUnit.SECONDS);
                }
            }
            case 5 -> {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(V4, 0))) {
                    socket.send(new DatagramPacket(PING, PING.length, udpSink.getLocalSocketAddress()));
                }
            }
            case 6 -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.connect(udpSink.getLocalSocketAddress());
                    channel.write(ByteBuffer.wrap(PING));
                    channel.disconnect();
                }
            }
            case 7 -> {
                try (ServerSocket server = new ServerSocket(0, 1, V4)) {
                    server.getLocalPort();
                }
            }
            case 8 -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(V4, closedPort), 2000);
                    throw new IOException("connected to a closed port");
                } catch (ConnectException expected) {
                    // refused, as it should be
                }
            }
            case 9 -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.socket().setSoLinger(true, 0);
                    channel.socket().connect(tcpServer.getLocalSocketAddress(), 2000);
                }
            }
            default -> {
                try (ServerSocketChannel server = ServerSocketChannel.open()) {
                    server.bind(new InetSocketAddress(V4, 0));
                }
            }
        }
    }

    private static void socket(SocketAddress server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.connect(server, 2000);
            socket.getOutputStream().write(PING);
        }
    }

    private void unexpected(int kind, Exception e) {
        if (stopping || e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return;
        }
        unexpectedErrors.incrementAndGet();
        synchronized (this) {
            if (errorSamples.size() < 5) {
                errorSamples.add("kind " + kind + ": " + e);
            }
        }
    }

    /** Opens a known set of sockets of every kind and keeps them open; returns how many this process holds. */
    int keep() throws Exception {
        ServerSocket keepServer = keep(new ServerSocket(0, 50, V4));
        Socket client = keep(new Socket(V4, keepServer.getLocalPort()));
        keep(keepServer.accept());
        client.getOutputStream().write(PING);
        ServerSocket keepServerV6 = keep(new ServerSocket(0, 50, InetAddress.getByName("::1")));
        keep(new Socket(InetAddress.getByName("::1"), keepServerV6.getLocalPort()));
        keep(keepServerV6.accept());
        ServerSocketChannel keepChannelServer = keep(ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        keep(SocketChannel.open(keepChannelServer.getLocalAddress()));
        keep(keepChannelServer.accept());
        AsynchronousServerSocketChannel keepAsyncServer =
                keep(AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(V4, 0)));
        AsynchronousSocketChannel asyncClient = keep(AsynchronousSocketChannel.open());
        asyncClient.connect(keepAsyncServer.getLocalAddress()).get(5, TimeUnit.SECONDS);
        keep(keepAsyncServer.accept().get(5, TimeUnit.SECONDS));
        DatagramChannel connectedUdp = keep(DatagramChannel.open());
        connectedUdp.connect(udpSink.getLocalSocketAddress());
        connectedUdp.write(ByteBuffer.wrap(PING));
        keep(new DatagramSocket(new InetSocketAddress(V4, 0)));
        return kept.size();
    }

    private <T extends Closeable> T keep(T socket) {
        kept.add(socket);
        return socket;
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing an accepted channel
        }
    }
}
