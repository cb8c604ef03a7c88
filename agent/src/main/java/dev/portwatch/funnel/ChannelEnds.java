package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

/** The ends of the JDK's channels, read through their public API: one per kind of remote end. */
enum ChannelEnds implements SocketEnds {

    STREAM,
    DATAGRAM,
    ASYNC_STREAM,
    /** A server channel: it only listens, so it has no remote end. */
    SERVER;

    @Override
    public Endpoint local(Object channel) {
        if (this == STREAM && ChannelFields.reads(channel)) {
            return Endpoint.of(ChannelFields.local(channel));
        }
        try {
            return Endpoint.of(((NetworkChannel) channel).getLocalAddress());
        } catch (IOException closed) {
            return null;
        }
    }

    @Override
    public Endpoint remote(Object channel) {
        if (this == STREAM && ChannelFields.reads(channel)) {
            return Endpoint.of(ChannelFields.remote(channel));
        }
        try {
            return Endpoint.of(publicRemoteAddress(channel));
        } catch (IOException closed) {
            return null;
        }
    }

    /** A {@code SocketChannel} whose ends are read from its fields: each part is a field read of its own. */
    @Override
    public boolean readsParts(Object channel) {
        return this == STREAM && ChannelFields.reads(channel);
    }

    // The part reads below are called only when readsParts said so: the fields, never the public methods.

    @Override
    public InetAddress localAddress(Object channel) {
        return addressOf(ChannelFields.local(channel));
    }

    @Override
    public int localPort(Object channel) {
        return ChannelFields.localPort(channel);
    }

    @Override
    public InetAddress remoteAddress(Object channel) {
        return addressOf(ChannelFields.remote(channel));
    }

    @Override
    public int remotePort(Object channel) {
        return ChannelFields.remotePort(channel);
    }

    /** The IP address of a socket address, null when it is none (Unix-domain, unresolved), as {@link Endpoint#of}. */
    private static InetAddress addressOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** A switch rather than a lambda per kind: this enum is loaded in premain, where each lambda spins a class. */
    private SocketAddress publicRemoteAddress(Object channel) throws IOException {
        return switch (this) {
            case STREAM -> ((SocketChannel) channel).getRemoteAddress();
            case DATAGRAM -> ((DatagramChannel) channel).getRemoteAddress();
            case ASYNC_STREAM -> ((AsynchronousSocketChannel) channel).getRemoteAddress();
            case SERVER -> null;
        };
    }
}
