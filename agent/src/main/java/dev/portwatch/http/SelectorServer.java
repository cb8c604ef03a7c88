package dev.portwatch.http;

import dev.portwatch.http.HttpConnection.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The endpoint's HTTP/1.1 server: one selector thread does every read and write without blocking, and hands
 * complete request heads to a small pool of workers that only compute answers. So no client, however slow, holds a
 * worker. Every state of a connection has a deadline, and connections, heads and waiting responses are capped
 * ({@link ServerLimits}): a flood of idle connections cannot lock a scraper out.
 */
final class SelectorServer implements Runnable, Consumer<SelectionKey> {

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final SSLContext tls;
    private final Function<Request, Response> handler;
    private final ExecutorService workers;
    private final Set<HttpConnection> connections = new LinkedHashSet<>();
    private final Queue<Runnable> answered = new ConcurrentLinkedQueue<>();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(16 * 1024);
    private long pendingBytes;
    private volatile boolean running = true;

    private SelectorServer(ServerSocketChannel listener, Selector selector, SSLContext tls,
                           Function<Request, Response> handler, ExecutorService workers) {
        this.listener = listener;
        this.selector = selector;
        this.tls = tls;
        this.handler = handler;
        this.workers = workers;
    }

    /** Binds {@code address}; {@code tls} null serves plain HTTP. The caller runs the server on a thread of its own. */
    static SelectorServer bind(InetSocketAddress address, SSLContext tls, Function<Request, Response> handler,
                               ExecutorService workers) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(address, ServerLimits.BACKLOG);
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            return new SelectorServer(listener, selector, tls, handler, workers);
        } catch (IOException | RuntimeException failed) {
            listener.close();
            throw failed;
        }
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this, HttpConnection.selectTimeoutMillis(connections));
                for (Runnable answer = answered.poll(); answer != null; answer = answered.poll()) {
                    answer.run();
                }
                expire(System.nanoTime());
            }
        } catch (IOException | RuntimeException broken) {
            // the selector failed: nothing can be served any more
        } finally {
            new ArrayList<>(connections).forEach(this::close);
            workers.shutdownNow();
            try (selector; listener) {
                // both closed here, come what may
            } catch (IOException ignored) { }
        }
    }

    /** A ready key: the server is its selector's consumer itself, so that its first pass spins no lambda class. */
    @Override
    public void accept(SelectionKey key) {
        if (key.attachment() == null) {
            acceptAll();
            return;
        }
        HttpConnection connection = (HttpConnection) key.attachment();
        try {
            switch (connection.state()) {
                case READING -> read(connection);
                case WRITING -> write(connection);
                case DRAINING -> {
                    if (!connection.drain(scratch)) {
                        close(connection);
                    }
                }
                case ANSWERING -> { }
            }
        } catch (IOException | RuntimeException broken) {
            close(connection);
        }
    }

    private void acceptAll() {
        try {
            for (int turn = 0; turn < ServerLimits.ACCEPTS_PER_TURN; turn++) {
                SocketChannel channel = listener.accept();
                if (channel == null) {
                    return;
                }
                if (connections.size() >= ServerLimits.MAX_CONNECTIONS && !evictOneReading()) {
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                // A large body or TLS records take several writes: never wait for the client's delayed ACK.
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                Wire wire = tls == null ? new PlainWire(channel, scratch) : new TlsWire(channel, tls);
                HttpConnection connection = new HttpConnection(channel, key, wire,
                        ((InetSocketAddress) channel.getLocalAddress()).getAddress());
                key.attach(connection);
                connections.add(connection);
                connection.enter(State.READING, ServerLimits.REQUEST_MILLIS);
            }
        } catch (IOException | RuntimeException failed) {
            // out of descriptors, or a connection reset while accepted: the next select tries again
        }
    }

    /** Closes the oldest connection still waiting for a complete request; false when every one has one. */
    private boolean evictOneReading() {
        for (HttpConnection connection : connections) {
            if (connection.state() == State.READING) {
                drop(connection, true); // dropped unanswered: see HttpConnection#close
                return true;
            }
        }
        return false;
    }

    /** Reads until the head is complete or nothing more is there (TLS may hold several records at once). */
    private void read(HttpConnection connection) throws IOException {
        while (true) {
            scratch.clear().limit(Math.min(scratch.capacity(), connection.head.room()));
            int read = connection.wire.read(scratch);
            if (read <= 0) {
                if (read < 0) {
                    close(connection);
                } else {
                    connection.updateInterest();
                }
                return;
            }
            try {
                connection.head.append(scratch.flip());
            } catch (RequestRejected rejected) {
                refuse(connection, rejected);
                return;
            }
            if (connection.head.headEnd() >= 0) {
                serveHead(connection);
                return;
            }
        }
    }

    /** Parses the complete head and hands it to a worker, or answers why it cannot be served. */
    private void serveHead(HttpConnection connection) {
        try {
            dispatch(connection, RequestParser.parse(connection.head.takeHead(), connection.localAddress));
        } catch (RequestRejected rejected) {
            refuse(connection, rejected);
        }
    }

    private void refuse(HttpConnection connection, RequestRejected rejected) {
        respond(connection, Responses.text(null, rejected.status, rejected.getMessage()).closing());
    }

    private void dispatch(HttpConnection connection, Request request) {
        connection.enter(State.ANSWERING, ServerLimits.ANSWER_MILLIS);
        try {
            workers.execute(() -> {
                Response response;
                try {
                    response = handler.apply(request);
                } catch (RuntimeException | Error bug) {
                    response = Responses.text(request, 500, "internal error in portwatch: "
                            + bug.getClass().getName());
                }
                if (!request.keepsAlive()) {
                    response.closing();
                }
                Response answer = response;
                answered.add(() -> respond(connection, answer));
                selector.wakeup();
            });
        } catch (RejectedExecutionException stopping) {
            close(connection);
        }
    }

    /** Starts writing a response, unless so much is already waiting to be written that this one must wait. */
    private void respond(HttpConnection connection, Response response) {
        if (!connections.contains(connection)) {
            return; // closed while its answer was computed
        }
        ByteBuffer[] bytes = response.encode();
        if (pendingBytes > 0 && pendingBytes + HttpConnection.size(bytes) > ServerLimits.MAX_PENDING_BYTES) {
            response = Responses.text(null, 503, "busy writing other responses; try again").closing();
            bytes = response.encode();
        }
        pendingBytes += HttpConnection.size(bytes);
        connection.respond(bytes, response.closes(), ServerLimits.WRITE_MILLIS);
        try {
            write(connection);
        } catch (IOException | RuntimeException broken) {
            close(connection);
        }
    }

    private void write(HttpConnection connection) throws IOException {
        long size = connection.pendingOutputBytes();
        if (!connection.writeOutput()) {
            return;
        }
        pendingBytes -= size;
        if (connection.closesAfterOutput()) {
            // Closing now would reset the connection if the client still sends (a body we never read) and could
            // destroy the response on its way: end our side, and read until the client closes.
            connection.wire.shutdownOutput();
            connection.enter(State.DRAINING, ServerLimits.DRAIN_MILLIS);
            return;
        }
        connection.enter(State.READING, ServerLimits.REQUEST_MILLIS);
        if (connection.head.headEnd() >= 0) {
            serveHead(connection);
        } else {
            read(connection); // the next request may already be here, in the socket or inside TLS
        }
    }

    /** Closes every connection past its state's deadline; a request cut short gets a last 408 if it fits. */
    private void expire(long now) {
        for (HttpConnection connection : new ArrayList<>(connections)) {
            if (now - connection.deadlineNanos() < 0) {
                continue;
            }
            if (connection.state() != State.READING || connection.head.isEmpty() || tls != null) {
                drop(connection, true); // dropped unanswered: see HttpConnection#close
                continue;
            }
            try {
                connection.wire.write(Responses.text(null, 408, "request not finished within " // small: one buffer
                        + ServerLimits.REQUEST_MILLIS / 1000 + " s").closing().encode()[0]); // via the wire: see PlainWire
            } catch (IOException | RuntimeException gone) {
                // it is closed below either way
            }
            close(connection);
        }
    }

    private void close(HttpConnection connection) {
        drop(connection, false);
    }

    private void drop(HttpConnection connection, boolean reset) {
        if (connections.remove(connection)) {
            pendingBytes -= connection.pendingOutputBytes();
            connection.close(reset);
        }
    }
}
