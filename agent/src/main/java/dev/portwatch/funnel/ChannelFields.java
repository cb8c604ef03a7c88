package dev.portwatch.funnel;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channel;

/**
 * A {@code SocketChannel}'s two ends read from the fields the JDK keeps them in ({@code SocketChannelImpl}'s
 * {@code localAddress} and {@code remoteAddress}, named so on JDK 17 and 25), not through
 * {@code getLocalAddress()}/{@code getRemoteAddress()}: each of those takes the channel's state lock, on the
 * connecting and the accepting thread of every connection, twice each. A connect or accept writes the fields on the
 * thread whose event then reads them (an acquire read covers any other thread's). Closed, a channel has no ends, as
 * the public methods say by throwing. {@link #AVAILABLE} is false when the JDK's names differ or {@code sun.nio.ch}
 * is not open to portwatch: then the public methods are called.
 */
final class ChannelFields {

    static final boolean AVAILABLE;
    private static final Class<?> TYPE;
    private static final VarHandle LOCAL;
    private static final VarHandle REMOTE;

    static {
        Class<?> type = null;
        VarHandle local = null;
        VarHandle remote = null;
        try {
            Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
            MethodHandles.Lookup lookup = JdkAccess.in(impl);
            local = lookup.findVarHandle(impl, "localAddress", SocketAddress.class);
            remote = lookup.findVarHandle(impl, "remoteAddress", SocketAddress.class);
            type = impl;
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            type = null;
        }
        TYPE = type;
        LOCAL = local;
        REMOTE = remote;
        AVAILABLE = type != null;
    }

    private ChannelFields() {}

    /** Whether the fields can be read for this channel (a subclass or another provider's is asked publicly). */
    static boolean reads(Object channel) {
        return AVAILABLE && channel.getClass() == TYPE;
    }

    /** The channel's local address; null when closed or not bound. Only for a channel {@link #reads} accepts. */
    static SocketAddress local(Object channel) {
        SocketAddress address = (SocketAddress) LOCAL.getAcquire(channel);
        return ((Channel) channel).isOpen() ? address : null;
    }

    /** The channel's remote address; null when closed or not connected. Only for a channel {@link #reads} accepts. */
    static SocketAddress remote(Object channel) {
        SocketAddress address = (SocketAddress) REMOTE.getAcquire(channel);
        return ((Channel) channel).isOpen() ? address : null;
    }

    /**
     * The port of the local address {@link #local} just read, without asking again whether the channel is open: the
     * field outlives the close, so the port always belongs to the address read.
     */
    static int localPort(Object channel) {
        return portOf((SocketAddress) LOCAL.getAcquire(channel));
    }

    /** The port of the remote address {@link #remote} just read; see {@link #localPort}. */
    static int remotePort(Object channel) {
        return portOf((SocketAddress) REMOTE.getAcquire(channel));
    }

    private static int portOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }
}
