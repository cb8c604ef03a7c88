package dev.portwatch.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain HTTP: the socket's bytes are the request's. */
final class PlainWire implements Wire {

    private final SocketChannel channel;

    PlainWire(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return channel.read(target);
    }

    @Override
    public boolean write(ByteBuffer source) throws IOException {
        channel.write(source);
        return !source.hasRemaining();
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
