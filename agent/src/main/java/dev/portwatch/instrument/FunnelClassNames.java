package dev.portwatch.instrument;

import dev.portwatch.funnel.RelocatedNames;
import java.util.List;
import java.util.Set;

/**
 * The classes {@link FunnelWeaving} weaves, by name alone. Kept apart from it because building the weaving list
 * loads Byte Buddy's matchers, and the transformer is installed while the JVM starts, before Byte Buddy is wanted.
 * {@code FunnelClassNamesTest} checks that the two lists agree.
 */
public final class FunnelClassNames {

    /** The JDK's funnel classes, all of the boot loader. */
    static final Set<String> JDK = Set.of(
            "sun.nio.ch.NioSocketImpl",
            "sun.nio.ch.SocketChannelImpl",
            "sun.nio.ch.ServerSocketChannelImpl",
            "sun.nio.ch.DatagramChannelImpl",
            "sun.nio.ch.AsynchronousServerSocketChannelImpl",
            "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl",
            "sun.nio.ch.AsynchronousSocketChannelImpl",
            "sun.nio.ch.UnixAsynchronousSocketChannelImpl");

    /** The libraries' funnel classes (Netty's), never the boot loader's, under any relocated package. */
    static final List<String> LIBRARY = List.of(
            "io.netty.channel.unix.Socket",
            "io.netty.channel.unix.FileDescriptor",
            "io.netty.channel.epoll.LinuxSocket",
            "io.netty.channel.uring.AbstractIoUringChannel$AbstractUringUnsafe",
            "io.netty.channel.uring.AbstractIoUringChannel",
            "io.netty.channel.uring.IoUringIoHandler",
            "io.netty.channel.uring.IoUringServerSocketChannel",
            "io.netty.channel.uring.AbstractIoUringStreamChannel$IoUringStreamUnsafe",
            "io.netty.channel.uring.IoUringSocketChannel$IoUringSocketUnsafe");

    /**
     * The funnels of the synchronous socket APIs, which nearly every application reaches: woven ahead of use, in
     * this order (the classic {@code Socket} first: JDBC drivers and HTTP clients use it).
     */
    static final List<String> COMMON = List.of(
            "sun.nio.ch.NioSocketImpl",
            "sun.nio.ch.SocketChannelImpl",
            "sun.nio.ch.ServerSocketChannelImpl",
            "sun.nio.ch.DatagramChannelImpl");

    private static final Set<String> JDK_INTERNAL = internalNames(JDK);
    private static final List<String> LIBRARY_INTERNAL = List.copyOf(internalNames(LIBRARY));

    private FunnelClassNames() {}

    /**
     * Whether a class of this internal name, loaded by the boot loader ({@code bootLoader}) or another, is one the
     * agent weaves. JDK types only, no Byte Buddy: asked as each class loads while the JVM starts.
     */
    public static boolean isFunnel(boolean bootLoader, String internalName) {
        if (bootLoader) {
            return JDK_INTERNAL.contains(internalName);
        }
        for (String library : LIBRARY_INTERNAL) {
            if (RelocatedNames.isRelocated(internalName, library, '/')) {
                return true;
            }
        }
        return false;
    }

    /** A loop, not a stream: this class is initialized in {@code premain}, where each lambda spins a class. */
    private static Set<String> internalNames(java.util.Collection<String> names) {
        Set<String> internal = new java.util.LinkedHashSet<>();
        for (String name : names) {
            internal.add(name.replace('.', '/'));
        }
        return Set.copyOf(internal);
    }
}
