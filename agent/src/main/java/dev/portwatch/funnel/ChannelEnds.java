package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

/** The ends of the JDK's channels, read through their public API: one per kind of remote end. */
enum ChannelEnds implements SocketEnds {

    STREAM(channel -> ((SocketChannel) channel).getRemoteAddress()),
    DATAGRAM(channel -> ((DatagramChannel) channel).getRemoteAddress()),
    ASYNC_STREAM(channel -> ((AsynchronousSocketChannel) channel).getRemoteAddress()),
    /** A server channel: it only listens, so it has no remote end. */
    SERVER(channel -> null);

    /** A channel's remote address, as its own class reads it. */
    @FunctionalInterface
    private interface RemoteAddress {
        SocketAddress of(Object channel) throws IOException;
    }

    private final RemoteAddress remoteAddress;

    ChannelEnds(RemoteAddress remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public Endpoint local(Object channel) {
        try {
            return Endpoint.of(((NetworkChannel) channel).getLocalAddress());
        } catch (IOException closed) {
            return null;
        }
    }

    @Override
    public Endpoint remote(Object channel) {
        try {
            return Endpoint.of(remoteAddress.of(channel));
        } catch (IOException closed) {
            return null;
        }
    }
}
