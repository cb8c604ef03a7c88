package dev.portwatch.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Socket-heavy loops, each warmed up then timed for a fixed time, in one JVM:
 * <ul>
 *   <li>{@code tcp-socket}: {@code new Socket().connect} to a {@code ServerSocket} of this JVM and close, the server
 *       thread accepting and closing; SO_LINGER 0 on the client, whose close resets the connection, so no TIME_WAIT
 *       piles up on either side. (The server closes normally: a reset from it could reach the client before its
 *       blocking connect returns, and fail it.) One op is one connection accepted and closed on both sides (two
 *       sockets through the agent).</li>
 *   <li>{@code tcp-channel}: the same with {@code SocketChannel} and {@code ServerSocketChannel}.</li>
 *   <li>{@code udp}: 64-byte round trips from a connected {@code DatagramChannel} to an echoing one.</li>
 *   <li>{@code async}: 64-byte round trips over an {@code AsynchronousSocketChannel} to an echo driven by
 *       completion handlers.</li>
 * </ul>
 * Usage: {@code NetChurn warmupMillis measureMillis [tcp-socket] [tcp-channel] [udp] [async]}; prints
 * {@code RESULT <name> <ops/s> ops/s}.
 */
public final class NetChurn {

    /** Connections the client may have opened ahead of the server's accepts (well under the backlog). */
    private static final int WINDOW = 64;

    private NetChurn() {}

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.parseLong(args[0]);
        long measureMillis = Long.parseLong(args[1]);
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "tcp-socket" -> Workloads.result("tcp_socket_churn",
                        timed(new SocketChurn(), warmupMillis, measureMillis), "ops/s");
                case "tcp-channel" -> Workloads.result("tcp_channel_churn",
                        timed(new ChannelChurn(), warmupMillis, measureMillis), "ops/s");
                case "udp" -> Workloads.result("udp_echo", timed(new UdpEcho(), warmupMillis, measureMillis),
                        "round-trips/s");
                case "async" -> Workloads.result("async_echo", timed(new AsyncEcho(), warmupMillis, measureMillis),
                        "round-trips/s");
                default -> throw new IllegalArgumentException("unknown workload " + args[i]);
            }
        }
    }

    /** A loop of operations: {@link #run} does {@code count} of them and returns when all are done. */
    interface Loop extends AutoCloseable {
        void run(long count) throws Exception;
    }

    /** Runs the loop for about the warm-up time, then measures how many ops it does in about measureMillis. */
    static double timed(Loop loop, long warmupMillis, long measureMillis) throws Exception {
        try (loop) {
            long batch = 200;
            long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
            while (System.nanoTime() < warmupEnd) {
                loop.run(batch);
            }
            long ops = 0;
            long start = System.nanoTime();
            long end = start + measureMillis * 1_000_000;
            long now;
            do {
                loop.run(batch);
                ops += batch;
                now = System.nanoTime();
            } while (now < end);
            return ops * 1e9 / (now - start);
        }
    }

    /** The accepting side of the TCP loops: accepts, closes, and counts. */
    abstract static class TcpChurn implements Loop {
        final AtomicLong accepted = new AtomicLong();
        /** Where the loop connects: the listener's address. */
        final InetSocketAddress address;
        long connected;
        private final Closeable listener;
        private final Thread acceptor;
        private volatile Throwable failure;

        /** Starts accepting at once: {@code acceptAndClose} accepts one connection from the listener and closes it. */
        TcpChurn(Closeable listener, InetSocketAddress address, AcceptAndClose acceptAndClose) {
            this.listener = listener;
            this.address = address;
            acceptor = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        acceptAndClose.run();
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the listener was closed: done
                } catch (Throwable t) {
                    failure = t;
                }
            }, "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** The server side of one op. */
        @FunctionalInterface
        interface AcceptAndClose {
            void run() throws IOException;
        }

        abstract void connectAndClose() throws IOException;

        @Override
        public void run(long count) throws Exception {
            for (long i = 0; i < count; i++) {
                while (connected - accepted.get() >= WINDOW) {
                    checkAcceptor();
                    Thread.onSpinWait();
                }
                connectAndClose();
                connected++;
            }
            while (accepted.get() < connected) {
                checkAcceptor();
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }

        private void checkAcceptor() {
            if (failure != null) {
                throw new IllegalStateException("acceptor failed", failure);
            }
            if (!acceptor.isAlive()) {
                throw new IllegalStateException("acceptor stopped");
            }
        }
    }

    static final class SocketChurn extends TcpChurn {
        SocketChurn() throws IOException {
            this(new ServerSocket(0, 1024, Workloads.LOOPBACK));
        }

        /** Connects to {@code server}'s port on the loopback address, whatever address it is bound to. */
        SocketChurn(ServerSocket server) {
            super(server, new InetSocketAddress(Workloads.LOOPBACK, server.getLocalPort()),
                    () -> server.accept().close());
        }

        @Override
        void connectAndClose() throws IOException {
            Socket socket = new Socket();
            socket.setSoLinger(true, 0);
            socket.connect(address);
            socket.close();
        }
    }

    static final class ChannelChurn extends TcpChurn {
        ChannelChurn() throws IOException {
            this(ServerSocketChannel.open().bind(new InetSocketAddress(Workloads.LOOPBACK, 0), 1024));
        }

        private ChannelChurn(ServerSocketChannel server) throws IOException {
            super(server, (InetSocketAddress) server.getLocalAddress(), () -> server.accept().close());
        }

        @Override
        void connectAndClose() throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.connect(address);
            channel.close();
        }
    }

    static final class UdpEcho implements Loop {
        private final DatagramChannel server;
        private final DatagramChannel client;
        private final ByteBuffer out = ByteBuffer.allocate(64);
        private final ByteBuffer in = ByteBuffer.allocate(64);

        UdpEcho() throws IOException {
            server = DatagramChannel.open().bind(new InetSocketAddress(Workloads.LOOPBACK, 0));
            client = DatagramChannel.open().connect(server.getLocalAddress());
            Thread echo = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                try {
                    while (true) {
                        buffer.clear();
                        var from = server.receive(buffer);
                        buffer.flip();
                        server.send(buffer, from);
                    }
                } catch (IOException closed) {
                    // done
                }
            }, "udp-echo");
            echo.setDaemon(true);
            echo.start();
        }

        @Override
        public void run(long count) throws IOException {
            for (long i = 0; i < count; i++) {
                out.clear();
                out.putLong(0, i);
                client.write(out);
                in.clear();
                client.read(in);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    /**
     * 64-byte round trips over one asynchronous connection: the client writes and reads with futures, the accepted
     * side echoes with a chain of completion handlers on the channel group's threads.
     */
    static final class AsyncEcho implements Loop {
        private static final int SIZE = 64;
        private final AsynchronousServerSocketChannel server;
        private final AsynchronousSocketChannel client;
        private final ByteBuffer out = ByteBuffer.allocate(SIZE);
        private final ByteBuffer in = ByteBuffer.allocate(SIZE);

        AsyncEcho() throws Exception {
            server = AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(Workloads.LOOPBACK, 0));
            client = AsynchronousSocketChannel.open();
            client.connect(server.getLocalAddress()).get();
            new Echo(server.accept().get()).readNext();
        }

        /** Reads whatever arrives and writes it back, for ever, without blocking a thread. */
        private record Echo(AsynchronousSocketChannel channel, ByteBuffer buffer)
                implements CompletionHandler<Integer, Void> {
            Echo(AsynchronousSocketChannel channel) {
                this(channel, ByteBuffer.allocate(SIZE));
            }

            void readNext() {
                buffer.clear();
                channel.read(buffer, null, this);
            }

            @Override
            public void completed(Integer bytes, Void attachment) {
                if (bytes < 0) {
                    return;
                }
                buffer.flip();
                channel.write(buffer, null, new CompletionHandler<Integer, Void>() {
                    @Override
                    public void completed(Integer written, Void ignored) {
                        if (buffer.hasRemaining()) {
                            channel.write(buffer, null, this);
                        } else {
                            readNext();
                        }
                    }

                    @Override
                    public void failed(Throwable closed, Void ignored) {
                        // the client went away: done
                    }
                });
            }

            @Override
            public void failed(Throwable closed, Void attachment) {
                // the client went away: done
            }
        }

        @Override
        public void run(long count) throws Exception {
            for (long i = 0; i < count; i++) {
                out.clear();
                out.putLong(0, i);
                while (out.hasRemaining()) {
                    client.write(out).get();
                }
                in.clear();
                while (in.hasRemaining()) {
                    if (client.read(in).get() < 0) {
                        throw new IOException("the echo closed");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }
}
