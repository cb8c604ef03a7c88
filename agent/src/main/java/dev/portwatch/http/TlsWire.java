package dev.portwatch.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * HTTPS through an {@link SSLEngine}, on the selector's thread and never blocking: received records are unwrapped
 * as they arrive, handshake messages go out as the socket takes them, and the engine's delegated tasks (a few
 * signature operations per handshake) run inline. A handshake is part of the request, so it gets no more time
 * than an unfinished request does.
 */
final class TlsWire implements Wire {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Received and not yet unwrapped (write mode). */
    private ByteBuffer netIn;
    /** Wrapped and not yet written (read mode). */
    private ByteBuffer netOut;
    /** Unwrapped and not yet handed out (write mode). */
    private ByteBuffer appIn;

    TlsWire(SocketChannel channel, SSLContext context) {
        this.channel = channel;
        this.engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                return handOut(target);
            }
            if (!flush()) {
                return 0; // a handshake message must go out before anything more can come in
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
                continue;
            }
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            runDelegatedTasks();
            switch (result.getStatus()) {
                case CLOSED -> {
                    return appIn.position() > 0 ? handOut(target) : -1;
                }
                case BUFFER_OVERFLOW -> appIn = enlarged(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = enlarged(netIn, engine.getSession().getPacketBufferSize());
                    }
                    int received = channel.read(netIn);
                    if (received <= 0) {
                        return received;
                    }
                }
                case OK -> {
                    boolean stalled = result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
                    if (stalled) {
                        int received = channel.read(netIn);
                        if (received <= 0) {
                            return received;
                        }
                    }
                }
            }
        }
    }

    @Override
    public boolean write(ByteBuffer source) throws IOException {
        while (true) {
            if (!flush()) {
                return false;
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
            } else if (source.hasRemaining()) {
                if (wrap(source).getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new IOException("TLS session closed");
                }
            } else {
                return true;
            }
        }
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    @Override
    public void shutdownOutput() {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone() && flush()) {
                wrap(EMPTY);
            }
            flush();
            channel.shutdownOutput();
        } catch (IOException | RuntimeException gone) {
            // the peer is gone, or never finished its handshake: nothing left to end
        }
    }

    /** Writes what is wrapped; true when nothing is left. */
    private boolean flush() throws IOException {
        if (netOut.hasRemaining()) {
            channel.write(netOut);
        }
        return !netOut.hasRemaining();
    }

    private SSLEngineResult wrap(ByteBuffer source) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(source, netOut);
        } finally {
            netOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            netOut = enlargedForReading(netOut, engine.getSession().getPacketBufferSize());
        }
        runDelegatedTasks();
        return result;
    }

    private void runDelegatedTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private int handOut(ByteBuffer target) {
        appIn.flip();
        int count = Math.min(appIn.remaining(), target.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), count);
        target.put(slice);
        appIn.position(appIn.position() + count);
        appIn.compact();
        return count;
    }

    /** A larger buffer (write mode) holding what {@code buffer} (write mode) held. */
    private static ByteBuffer enlarged(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        return larger.put(buffer.flip());
    }

    /** A larger buffer (read mode) holding what {@code buffer} (read mode) held. */
    private static ByteBuffer enlargedForReading(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        return larger.put(buffer).flip();
    }
}
