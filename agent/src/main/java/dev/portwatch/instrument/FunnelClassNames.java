package dev.portwatch.instrument;

import java.util.List;
import java.util.Set;

/**
 * The classes {@link FunnelWeaving} weaves, by name alone. Kept apart from it because building the weaving list
 * loads Byte Buddy's matchers, and the transformer is installed while the JVM starts, before Byte Buddy is wanted.
 * {@code FunnelClassNamesTest} checks that the two lists agree.
 */
final class FunnelClassNames {

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

    private FunnelClassNames() {}
}
