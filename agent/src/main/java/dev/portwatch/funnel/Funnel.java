package dev.portwatch.funnel;

import dev.portwatch.net.Transport;
import java.util.List;
import java.util.Map;

/**
 * The one model of what each JDK socket funnel is: a kind of socket object that every socket of some public APIs
 * goes through, and whose methods portwatch instruments. Everything the layers need to know about a funnel is here:
 * the id its advice carries, its transport, the public APIs it serves, what its accepts yield, how to read its
 * ends, and how the JDK treats it when collected. What is woven into which JDK class is listed beside it, in
 * {@code instrument/FunnelWeaving}, keyed by these entries.
 *
 * <p>Adding a funnel: one entry here (with its {@link SocketEnds}), its classes and methods in
 * {@code FunnelWeaving}, and advice only if no existing advice has the shape of its methods.
 */
public enum Funnel {

    /** {@code sun.nio.ch.NioSocketImpl}: Socket and ServerSocket. A ServerSocket's impl accepts into a new impl. */
    NIO_SOCKET_IMPL(Transport.TCP, "Socket", "ServerSocket", null, SocketImplEnds.INSTANCE,
            Cleanup.CLOSED_BY_JDK, Connects.DECIDED, Map.of(
                    "java.net.Socket", "Socket",
                    "java.net.ServerSocket", "ServerSocket")),

    /** {@code sun.nio.ch.SocketChannelImpl}: SocketChannel and its socket(). */
    SOCKET_CHANNEL(Transport.TCP, "SocketChannel", "SocketChannel", null, ChannelEnds.STREAM,
            Cleanup.LEFT_OPEN, Connects.DECIDED, Map.of(
                    "sun.nio.ch.SocketAdaptor", "SocketChannel.socket()",
                    "java.nio.channels.SocketChannel", "SocketChannel",
                    "sun.nio.ch.SocketChannelImpl", "SocketChannel")),

    /** {@code sun.nio.ch.ServerSocketChannelImpl}: ServerSocketChannel and its socket(). */
    SERVER_SOCKET_CHANNEL(Transport.TCP, "ServerSocketChannel", "ServerSocketChannel", SOCKET_CHANNEL,
            ChannelEnds.SERVER, Cleanup.LEFT_OPEN, Connects.DECIDED, Map.of(
                    "sun.nio.ch.ServerSocketAdaptor", "ServerSocketChannel.socket()",
                    "sun.nio.ch.ServerSocketChannelImpl", "ServerSocketChannel")),

    /** {@code sun.nio.ch.DatagramChannelImpl}: DatagramSocket, MulticastSocket and DatagramChannel. */
    DATAGRAM_CHANNEL(Transport.UDP, "DatagramChannel", "DatagramChannel", null, ChannelEnds.DATAGRAM,
            Cleanup.CLOSED_BY_JDK, Connects.DECIDED, Map.of(
                    "java.net.DatagramSocket", "DatagramSocket",
                    "java.net.MulticastSocket", "MulticastSocket",
                    "sun.nio.ch.DatagramSocketAdaptor", "DatagramChannel.socket()",
                    "sun.nio.ch.DatagramChannelImpl", "DatagramChannel")),

    /** The asynchronous socket channel classes of {@code sun.nio.ch}. */
    ASYNC_SOCKET_CHANNEL(Transport.TCP, "AsynchronousSocketChannel", "AsynchronousSocketChannel", null,
            ChannelEnds.ASYNC_STREAM, Cleanup.LEFT_OPEN, Connects.UNDECIDED, Map.of(
                    "java.nio.channels.AsynchronousSocketChannel", "AsynchronousSocketChannel",
                    "sun.nio.ch.AsynchronousSocketChannelImpl", "AsynchronousSocketChannel",
                    "sun.nio.ch.UnixAsynchronousSocketChannelImpl", "AsynchronousSocketChannel")),

    /** The asynchronous server socket channel classes of {@code sun.nio.ch}. */
    ASYNC_SERVER_SOCKET_CHANNEL(Transport.TCP, "AsynchronousServerSocketChannel",
            "AsynchronousServerSocketChannel", ASYNC_SOCKET_CHANNEL, ChannelEnds.SERVER, Cleanup.LEFT_OPEN,
            Connects.DECIDED, Map.of(
                    "sun.nio.ch.AsynchronousServerSocketChannelImpl", "AsynchronousServerSocketChannel",
                    "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl", "AsynchronousServerSocketChannel")),

    /** The UDP sockets of {@link #NETTY_EPOLL}'s classes (one Netty socket class serves both transports). */
    NETTY_EPOLL_DATAGRAM(Transport.UDP, "Netty epoll", null, null, NettySocketEnds.CLASSES),

    /**
     * The TCP sockets of Netty 4.2's io_uring transport ({@code io.netty.channel.uring}): made, bound, listening and
     * closed through the same socket classes as epoll's, but connected, accepted, read and written by ring
     * submissions whose results reach its channels' completion methods. Those report the channel, not its socket
     * ({@link #socketOf}); an accept reports the new channel, made around a socket of its own (Netty makes a first,
     * throwaway socket from the same descriptor). Its UDP sockets are not covered: no entry, so they stay in the
     * kernel's view.
     */
    NETTY_IO_URING(Transport.TCP, "Netty io_uring", null, null, NettySocketEnds.IO_URING_CLASSES),

    /**
     * Netty's native sockets ({@code io.netty.channel.unix.Socket}, epoll's {@code LinuxSocket}), in every copy of
     * Netty, relocated ones included: they make their system calls through JNI, never through {@code sun.nio.ch}.
     * Their accepts return a descriptor; the accepted socket object is made from it afterwards. The io_uring
     * transport's sockets are of these classes too: their events belong to {@link #NETTY_IO_URING}.
     */
    NETTY_EPOLL(Transport.TCP, "Netty epoll", NETTY_EPOLL_DATAGRAM, NETTY_IO_URING, NettySocketEnds.CLASSES);

    /** What the JDK does with the descriptor when the socket object is garbage-collected unclosed. */
    enum Cleanup {
        /** A cleaner closes it ({@code NioSocketImpl}, {@code DatagramChannelImpl}). */
        CLOSED_BY_JDK,
        /** Nothing closes it: the descriptor stays open in the kernel (stream and asynchronous channels). */
        LEFT_OPEN
    }

    /** Whether a funnel's connect methods say how the connect ended. */
    enum Connects {
        /** They return or throw: established, pending, or failed. */
        DECIDED,
        /**
         * They neither return the outcome nor throw: the asynchronous channel reports to a handler, may complete on
         * a group thread before the call returns, and closes itself on failure. The outcome is read off the channel.
         */
        UNDECIDED
    }

    private static final Funnel[] BY_ID = values();

    private final Transport transport;
    private final String api;
    private final String listenerApi;
    private final Funnel acceptedInto;
    private final SocketEnds ends;
    private final boolean closedByJdkWhenCollected;
    private final boolean undecidedConnects;
    private final Map<String, String> apiFrames;
    private final Funnel datagramFunnel;
    private final Funnel ioUringFunnel;
    private final List<String> libraryClasses;

    Funnel(Transport transport, String api, String listenerApi, Funnel acceptedInto, SocketEnds ends,
           Cleanup cleanup, Connects connects, Map<String, String> apiFrames) {
        this(transport, api, listenerApi, acceptedInto, ends, cleanup, connects, apiFrames, null, null, List.of());
    }

    /**
     * A funnel in a library: Netty's sockets, which nothing closes when collected, whose connects return or throw,
     * and whose class serves UDP too ({@code datagramFunnel}: null when this entry is the UDP one, or when the
     * transport's UDP sockets are not covered) and io_uring's sockets ({@code ioUringFunnel}, null if not).
     */
    Funnel(Transport transport, String api, Funnel datagramFunnel, Funnel ioUringFunnel,
           List<String> libraryClasses) {
        this(transport, api, api, null, NettySocketEnds.INSTANCE, Cleanup.LEFT_OPEN, Connects.DECIDED, Map.of(),
                datagramFunnel, ioUringFunnel, libraryClasses);
    }

    private Funnel(Transport transport, String api, String listenerApi, Funnel acceptedInto, SocketEnds ends,
                   Cleanup cleanup, Connects connects, Map<String, String> apiFrames, Funnel datagramFunnel,
                   Funnel ioUringFunnel, List<String> libraryClasses) {
        this.transport = transport;
        this.api = api;
        this.listenerApi = listenerApi;
        this.acceptedInto = acceptedInto;
        this.ends = ends;
        this.closedByJdkWhenCollected = cleanup == Cleanup.CLOSED_BY_JDK;
        this.undecidedConnects = connects == Connects.UNDECIDED;
        this.apiFrames = apiFrames;
        this.datagramFunnel = datagramFunnel;
        this.ioUringFunnel = ioUringFunnel;
        this.libraryClasses = libraryClasses;
    }

    /** The funnel whose advice carries {@code id}: one array read, so the hot path pays nothing more. */
    public static Funnel byId(int id) {
        return BY_ID[id];
    }

    /**
     * The funnel of this very socket: this one, but for a class that serves more than one transport (Netty's), the
     * entry of the socket's own transport, or null when it is not a TCP or UDP socket at all.
     */
    public Funnel forSocket(Object socket) {
        if (libraryClasses.isEmpty() || transport == Transport.UDP) {
            return this;
        }
        if (ioUringFunnel != null && NettySocketEnds.isIoUring(socket)) {
            return ioUringFunnel.forSocket(socket);
        }
        Transport actual = ends.transport(socket, transport);
        return actual == transport ? this : actual == Transport.UDP ? datagramFunnel : null;
    }

    /**
     * The socket object an event of this funnel is about: the object reported, but for a funnel whose completions
     * are methods of a channel (io_uring's), that channel's socket.
     */
    public Object socketOf(Object reported) {
        return this == NETTY_IO_URING ? NettySocketEnds.socketOfChannel(reported) : reported;
    }

    /**
     * Whether its closes are submitted to run later (io_uring's, in a ring): a close event then says the descriptor
     * is closed or will be, and the kernel tells which ({@link SocketEnds#local}), as it does once the ring is gone.
     */
    public boolean closesLater() {
        return this == NETTY_IO_URING;
    }

    /**
     * Whether its accepts return a descriptor rather than a socket object (Netty's): the accepted socket is the next
     * one this thread makes from that descriptor.
     */
    public boolean acceptsDescriptors() {
        return !libraryClasses.isEmpty() && this != NETTY_IO_URING;
    }

    /**
     * The library classes of this funnel (as the ends of their names: a library may be relocated), whose frames
     * are the funnel's own and never name who opened a socket; empty for the JDK's funnels.
     */
    public List<String> libraryClasses() {
        return libraryClasses;
    }

    /**
     * Whether {@code className} is {@code libraryClass} under some package prefix ({@code io.grpc.netty.shaded.}),
     * or itself; {@code separator} is '.' for binary names, '/' for internal ones.
     */
    public static boolean isRelocated(String className, String libraryClass, char separator) {
        return RelocatedNames.isRelocated(className, libraryClass, separator);
    }

    /** The int bound into this funnel's advice ({@code @FunnelId}) and carried by every event it reports. */
    public int id() {
        return ordinal();
    }

    public Transport transport() {
        return transport;
    }

    /** The public API its sockets come from when no frame on the stack names one; {@code listener}: a server's. */
    public String defaultApi(boolean listener) {
        return listener ? listenerApi : api;
    }

    /**
     * JDK classes whose frame on the stack names the public API an application called, with that API's name; the
     * capture takes the outermost such frame.
     */
    public Map<String, String> apiFrames() {
        return apiFrames;
    }

    /**
     * The funnel of the sockets this funnel's accepts yield: a server channel accepts into a channel of another
     * kind, while a ServerSocket's {@code NioSocketImpl} accepts into another {@code NioSocketImpl} (and a funnel
     * that never accepts is given none), so no accepted funnel given means its own.
     */
    public Funnel acceptedFunnel() {
        return acceptedInto == null ? this : acceptedInto;
    }

    /** How to read the local and remote ends of this funnel's socket objects. */
    public SocketEnds ends() {
        return ends;
    }

    /** Whether the JDK closes the descriptor when the socket object is collected unclosed (a leak's fate). */
    public boolean closedByJdkWhenCollected() {
        return closedByJdkWhenCollected;
    }

    /** Whether its connect methods leave the outcome to be read off the channel ({@link Connects#UNDECIDED}). */
    public boolean undecidedConnects() {
        return undecidedConnects;
    }
}
