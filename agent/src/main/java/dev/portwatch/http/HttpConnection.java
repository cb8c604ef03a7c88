package dev.portwatch.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the endpoint and where it stands. Only the selector's thread touches it. Each state
 * has a deadline: a connection that does not move on in time is closed.
 */
final class HttpConnection {

    enum State {
        /** Waiting for (the rest of) a request head; the only state a connection can be evicted in. */
        READING,
        /** A worker is answering its request. */
        ANSWERING,
        /** Its response is being written. */
        WRITING,
        /** Response written, sending side ended: reading what the client still sends until it closes. */
        DRAINING
    }

    final SocketChannel channel;
    final SelectionKey key;
    final Wire wire;
    final InetAddress localAddress;
    final HeadBuffer head = new HeadBuffer();
    private State state = State.READING;
    private long deadlineNanos;
    /** The response being written: its buffers in order, the first not yet fully written, their total size. */
    private ByteBuffer[] output;
    private int outputIndex;
    private long outputBytes;
    private boolean closeAfterOutput;
    private int drained;

    HttpConnection(SocketChannel channel, SelectionKey key, Wire wire, InetAddress localAddress) {
        this.channel = channel;
        this.key = key;
        this.wire = wire;
        this.localAddress = localAddress;
    }

    State state() {
        return state;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * How long the selector may wait: until the nearest deadline of {@code connections}, at most a second; with no
     * connection, until one comes (0: no timeout), so that an endpoint nobody reads never wakes.
     */
    static long selectTimeoutMillis(Iterable<HttpConnection> connections) {
        long now = System.nanoTime();
        long next = now + TimeUnit.SECONDS.toNanos(1);
        boolean any = false;
        for (HttpConnection connection : connections) {
            any = true;
            if (connection.deadlineNanos() - next < 0) {
                next = connection.deadlineNanos();
            }
        }
        return any ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1) : 0;
    }

    /** Moves to {@code next}, to be left within {@code millis}. */
    void enter(State next, long millis) {
        this.state = next;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        updateInterest();
    }

    /** Starts writing a response (the bytes on the wire); {@code close} when the connection ends after it. */
    void respond(ByteBuffer[] bytes, boolean close, long millis) {
        this.output = bytes;
        this.outputIndex = 0;
        this.outputBytes = size(bytes);
        this.closeAfterOutput = close;
        enter(State.WRITING, millis);
    }

    long pendingOutputBytes() {
        return output == null ? 0 : outputBytes;
    }

    static long size(ByteBuffer[] buffers) {
        long size = 0;
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        return size;
    }

    boolean closesAfterOutput() {
        return closeAfterOutput;
    }

    /** Writes what the socket takes; true once the whole response is out. */
    boolean writeOutput() throws IOException {
        for (; outputIndex < output.length; outputIndex++) {
            if (!wire.write(output[outputIndex])) {
                return false;
            }
            output[outputIndex] = null; // written: its chunk may be collected while the rest goes out
        }
        output = null;
        return true;
    }

    /** Reads and drops what the client still sends; false once it closed or sent too much to wait for. */
    boolean drain(ByteBuffer scratch) throws IOException {
        scratch.clear();
        int read = wire.read(scratch);
        drained += Math.max(read, 0);
        return read >= 0 && drained <= ServerLimits.MAX_DRAINED_BYTES;
    }

    /** Registers for what the state waits on: bytes to read, or room to write. */
    void updateInterest() {
        if (!key.isValid()) {
            return;
        }
        int ops = switch (state) {
            case READING, DRAINING -> SelectionKey.OP_READ | (wire.hasPendingOutput() ? SelectionKey.OP_WRITE : 0);
            case ANSWERING -> 0;
            case WRITING -> SelectionKey.OP_WRITE;
        };
        key.interestOps(ops);
    }

    /**
     * Closes the connection; with {@code reset}, by a reset rather than a FIN: for a connection dropped (evicted, or
     * silent past its deadline), so that a flood of them leaves no TIME_WAIT entries behind in the kernel.
     */
    void close(boolean reset) {
        key.cancel();
        try {
            if (reset) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            channel.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }
}
