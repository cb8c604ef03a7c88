package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Netty's real native sockets (epoll's, and gRPC's relocated copy): which funnel each is, and its ends, read
 * through Netty's own methods.
 */
class NettySocketEndsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @BeforeAll
    static void nativeTransport() {
        Epoll.ensureAvailability();
        io.grpc.netty.shaded.io.netty.channel.epoll.Epoll.ensureAvailability();
    }

    @Test
    void aStreamSocketIsTcpAndItsEndsAreRead() throws IOException {
        LinuxSocket socket = LinuxSocket.newSocketStream();
        try {
            assertSame(Funnel.NETTY_EPOLL, Funnel.NETTY_EPOLL.forSocket(socket));
            assertNull(Funnel.NETTY_EPOLL.ends().remote(socket), "not connected");
            socket.bind(LOOPBACK);
            Endpoint local = Funnel.NETTY_EPOLL.ends().local(socket);
            assertEquals(InetAddress.getLoopbackAddress(), local.address());
            assertEquals(socket.localAddress().getPort(), local.port());
        } finally {
            socket.close();
        }
    }

    @Test
    void aDatagramSocketIsTheUdpFunnel() throws IOException {
        LinuxSocket socket = LinuxSocket.newSocketDgram();
        try {
            assertSame(Funnel.NETTY_EPOLL_DATAGRAM, Funnel.NETTY_EPOLL.forSocket(socket));
        } finally {
            socket.close();
        }
    }

    @Test
    void aUnixDomainSocketIsNoFunnelAtAll() throws IOException {
        LinuxSocket socket = LinuxSocket.newSocketDomain();
        try {
            assertNull(Funnel.NETTY_EPOLL.forSocket(socket));
        } finally {
            socket.close();
        }
    }

    @Test
    void aClosedSocketIsNoFunnelAndHasNoEnds() throws IOException {
        LinuxSocket socket = LinuxSocket.newSocketStream();
        socket.bind(LOOPBACK);
        socket.close();
        assertNull(Funnel.NETTY_EPOLL.forSocket(socket));
        assertNull(Funnel.NETTY_EPOLL.ends().local(socket));
    }

    @Test
    void grpcsRelocatedCopyIsReadAlike() throws IOException {
        var socket = io.grpc.netty.shaded.io.netty.channel.epoll.LinuxSocket.newSocketStream();
        try {
            socket.bind(LOOPBACK);
            assertSame(Funnel.NETTY_EPOLL, Funnel.NETTY_EPOLL.forSocket(socket));
            assertEquals(socket.localAddress().getPort(), Funnel.NETTY_EPOLL.ends().local(socket).port());
        } finally {
            socket.close();
        }
    }

    /**
     * An io_uring socket of a copy of Netty whose completions are not all woven (here: none, no agent runs) is no
     * funnel at all, left whole to the kernel's view; its channel leads to it, as io_uring's completions need.
     */
    @Test
    void anIoUringSocketOfACopyNotWovenIsNoFunnelAndItsChannelLeadsToIt() throws IOException {
        IoUring.ensureAvailability();
        IoUringSocketChannel channel = new IoUringSocketChannel();
        FileDescriptor socket = channel.fd();
        try {
            assertTrue(socket.getClass().getName().startsWith("io.netty.channel.uring."), socket.getClass().getName());
            assertSame(socket, Funnel.NETTY_IO_URING.socketOf(channel));
            assertSame(socket, Funnel.NETTY_IO_URING.socketOf(socket), "a socket is its own socket");
            assertNull(Funnel.NETTY_EPOLL.forSocket(socket));
            assertNull(Funnel.NETTY_IO_URING.forSocket(socket));
            assertNull(Funnel.NETTY_EPOLL.ends().local(socket));
        } finally {
            socket.close();
        }
    }
}
