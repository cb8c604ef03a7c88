package dev.portwatch.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Plain HTTP: the socket's bytes are the request's. A response leaves through the server's own direct buffer: a heap
 * buffer handed to {@code SocketChannel.write} would be copied into a temporary direct buffer of its whole size (a
 * body's chunk is 64 KiB), allocated against the application's {@code -XX:MaxDirectMemorySize}, where a host with a
 * small limit would see the JDK call {@code System.gc()} for the agent's response, then fail it.
 */
final class PlainWire implements Wire {

    private final SocketChannel channel;
    /** The selector thread's one direct buffer: free whenever a response is written (a read copies out of it first). */
    private final ByteBuffer staging;

    PlainWire(SocketChannel channel, ByteBuffer staging) {
        this.channel = channel;
        this.staging = staging;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return channel.read(target);
    }

    @Override
    public boolean write(ByteBuffer source) throws IOException {
        if (source.isDirect()) {
            channel.write(source);
            return !source.hasRemaining();
        }
        while (source.hasRemaining()) {
            int length = Math.min(staging.capacity(), source.remaining());
            staging.clear().put(0, source, source.position(), length).limit(length);
            int written = channel.write(staging);
            source.position(source.position() + written);
            if (written < length) {
                return false; // the socket is full: the rest when it has room
            }
        }
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException | RuntimeException gone) {
            // the peer is gone: nothing left to end
        }
    }
}
