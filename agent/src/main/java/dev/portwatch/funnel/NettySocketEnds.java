package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The ends of a Netty native socket ({@code io.netty.channel.unix.Socket} and its subclasses, in any copy of Netty,
 * relocated ones included), read through its own public {@code localAddress()}, {@code remoteAddress()} and
 * {@code getIntOpt(int,int)}. The agent cannot link to Netty (it lives in the application's class loader, maybe more
 * than one copy of it), so the method handles are looked up once per socket class and kept beside it.
 *
 * <p>One Netty socket class serves TCP, UDP and Unix-domain sockets alike, so {@link #transport} asks the kernel
 * which one a socket is ({@code SO_PROTOCOL}), once per event that may create a row.
 */
final class NettySocketEnds implements SocketEnds {

    static final NettySocketEnds INSTANCE = new NettySocketEnds();

    /**
     * The classes of Netty's native sockets, as the ends of their names (Netty may be relocated under any prefix):
     * their frames on a stack are the funnel itself, never who opened the socket.
     */
    static final List<String> CLASSES = List.of(
            "io.netty.channel.unix.FileDescriptor", "io.netty.channel.unix.Socket",
            "io.netty.channel.epoll.LinuxSocket");

    /**
     * The classes of Netty's io_uring sockets: epoll's socket classes but for its own {@code LinuxSocket}. Its
     * channels are not among them: their frames name who opened a socket, as epoll's channels' do.
     */
    static final List<String> IO_URING_CLASSES = List.of(
            "io.netty.channel.unix.FileDescriptor", "io.netty.channel.unix.Socket",
            "io.netty.channel.uring.LinuxSocket");

    private static final int SOL_SOCKET = 1;
    private static final int SO_PROTOCOL = 38;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;

    /** Netty's io_uring transport, in 4.2 and in the incubator before it. */
    private static final String IO_URING_PACKAGE = ".channel.uring.";

    private final SharedAddresses sharedAddresses = new SharedAddresses();

    private static final ClassValue<Boolean> IO_URING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> socketClass) {
            return socketClass.getName().contains(IO_URING_PACKAGE);
        }
    };

    /** The way from a channel to its socket ({@code UnixChannel.fd()}), per channel class; null: not a channel. */
    private static final ClassValue<MethodHandle> CHANNEL_SOCKET = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> channelClass) {
            Class<?> unixChannel = unixChannel(channelClass);
            if (unixChannel == null) {
                return null;
            }
            try {
                Class<?> descriptor = unixChannel.getMethod("fd").getReturnType();
                return MethodHandles.publicLookup().findVirtual(unixChannel, "fd",
                        MethodType.methodType(descriptor)).asType(Handles.ADDRESS);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unknownVersion) {
                return null;
            }
        }
    };

    private NettySocketEnds() {}

    /**
     * The method handles of one socket class. Loaded with the first Netty socket event, not with the funnel model
     * (at start), so an application without Netty loads none of {@code java.lang.invoke} for it.
     */
    private record Handles(MethodHandle localAddress, MethodHandle remoteAddress, MethodHandle intOption) {

        private static final MethodType ADDRESS = MethodType.methodType(Object.class, Object.class);
        private static final MethodType INT_OPTION =
                MethodType.methodType(int.class, Object.class, int.class, int.class);

        /** A Netty version whose socket class lacks one of the methods: its sockets have no readable ends. */
        private static final Handles NONE = new Handles(null, null, null);
        /** An io_uring socket class whose channels are not woven yet: asked again once they are. */
        private static final Handles UNCOVERED = new Handles(null, null, null);

        private static final ClassValue<Handles> BY_CLASS = new ClassValue<>() {
            @Override
            protected Handles computeValue(Class<?> socketClass) {
                return Handles.of(socketClass);
            }
        };

        static Handles forSocket(Object socket) {
            Class<?> socketClass = socket.getClass();
            Handles handles = BY_CLASS.get(socketClass);
            if (handles == UNCOVERED && IoUringCopies.isCovered(socketClass)) {
                BY_CLASS.remove(socketClass); // its channels were woven since: its ends are readable now
                handles = BY_CLASS.get(socketClass);
            }
            return handles;
        }

        private static Handles of(Class<?> socketClass) {
            if (IO_URING.get(socketClass) && !IoUringCopies.isCovered(socketClass)) {
                // io_uring's connects, accepts, reads and writes are ring submissions, never calls of these
                // classes: unless its channels' completions are woven, a row would have its bind and close but no
                // peer, bytes or accepts. Such sockets are left to the kernel's view, like any other that
                // portwatch does not instrument.
                return UNCOVERED;
            }
            Class<?> declaring = socketClass;
            while (declaring != null && !Modifier.isPublic(declaring.getModifiers())) {
                declaring = declaring.getSuperclass(); // epoll's LinuxSocket is public, kqueue's BsdSocket is not
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new Handles(
                        lookup.findVirtual(declaring, "localAddress", MethodType.methodType(InetSocketAddress.class))
                                .asType(ADDRESS),
                        lookup.findVirtual(declaring, "remoteAddress",
                                MethodType.methodType(InetSocketAddress.class)).asType(ADDRESS),
                        lookup.findVirtual(declaring, "getIntOpt",
                                MethodType.methodType(int.class, int.class, int.class)).asType(INT_OPTION));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unknownVersion) {
                return NONE;
            }
        }
    }

    /** Whether this Netty socket is one of the io_uring transport's. */
    static boolean isIoUring(Object socket) {
        return IO_URING.get(socket.getClass());
    }

    /**
     * The socket of a Netty channel; the object itself when it is no channel (a socket already) or its socket is
     * unreadable: no socket, so no row has it as key, and its event changes nothing.
     */
    static Object socketOfChannel(Object channel) {
        MethodHandle socket = CHANNEL_SOCKET.get(channel.getClass());
        if (socket == null) {
            return channel;
        }
        try {
            return (Object) socket.invokeExact(channel);
        } catch (Throwable unreadable) {
            return channel;
        }
    }

    /** The public {@code …channel.unix.UnixChannel} interface a channel class implements, under any prefix. */
    private static Class<?> unixChannel(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (Funnel.isRelocated(implemented.getName(), "io.netty.channel.unix.UnixChannel", '.')
                        && Modifier.isPublic(implemented.getModifiers())) {
                    return implemented;
                }
                Class<?> inherited = unixChannel(implemented);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    @Override
    public Endpoint local(Object socket) {
        Endpoint end = read(Handles.forSocket(socket).localAddress(), socket);
        return end == null ? null : new Endpoint(sharedAddresses.share(end.address()), end.port());
    }

    @Override
    public Endpoint remote(Object socket) {
        return read(Handles.forSocket(socket).remoteAddress(), socket);
    }

    /** TCP or UDP as the kernel says; null for any other socket (Unix-domain, VSOCK) or a closed one. */
    @Override
    public Transport transport(Object socket, Transport declared) {
        MethodHandle intOption = Handles.forSocket(socket).intOption();
        if (intOption == null) {
            return null;
        }
        try {
            int protocol = (int) intOption.invokeExact(socket, SOL_SOCKET, SO_PROTOCOL);
            return protocol == IPPROTO_TCP ? Transport.TCP : protocol == IPPROTO_UDP ? Transport.UDP : null;
        } catch (Throwable closedOrUnknown) {
            return null;
        }
    }

    private static Endpoint read(MethodHandle address, Object socket) {
        if (address == null) {
            return null;
        }
        try {
            return Endpoint.of((Object) address.invokeExact(socket));
        } catch (Throwable closed) {
            return null;
        }
    }
}
