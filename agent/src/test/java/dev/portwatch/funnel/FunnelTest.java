package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the funnel model that libraries (Netty) need: relocated names, one class for two transports. */
class FunnelTest {

    @Test
    void aLibraryClassIsFoundUnderAnyPackagePrefixButNoOtherName() {
        String socket = "io.netty.channel.unix.Socket";
        assertTrue(Funnel.isRelocated(socket, socket, '.'));
        assertTrue(Funnel.isRelocated("io.grpc.netty.shaded.io.netty.channel.unix.Socket", socket, '.'));
        assertTrue(Funnel.isRelocated("io/grpc/netty/shaded/io/netty/channel/unix/Socket",
                "io/netty/channel/unix/Socket", '/'));
        assertFalse(Funnel.isRelocated("io.grpc.netty.shaded.xio.netty.channel.unix.Socket", socket, '.'));
        assertFalse(Funnel.isRelocated("io.netty.channel.unix.SocketWritableByteChannel", socket, '.'));
        assertFalse(Funnel.isRelocated("Socket", socket, '.'));
    }

    @Test
    void nettysClassesAreTheLibraryClassesOfItsFunnels() {
        List<String> classes = List.of("io.netty.channel.unix.FileDescriptor", "io.netty.channel.unix.Socket",
                "io.netty.channel.epoll.LinuxSocket");
        assertEquals(classes, Funnel.NETTY_EPOLL.libraryClasses());
        assertEquals(classes, Funnel.NETTY_EPOLL_DATAGRAM.libraryClasses());
        assertTrue(Funnel.NETTY_EPOLL.acceptsDescriptors());
        assertFalse(Funnel.NIO_SOCKET_IMPL.acceptsDescriptors());
        assertEquals(Transport.UDP, Funnel.NETTY_EPOLL_DATAGRAM.transport());
        assertEquals("Netty epoll", Funnel.NETTY_EPOLL.defaultApi(true));
    }

    @Test
    void aJdkFunnelIsItsOwnFunnelForEverySocket() {
        Object anything = new Object();
        for (Funnel funnel : Funnel.values()) {
            if (funnel.libraryClasses().isEmpty()) {
                assertSame(funnel, funnel.forSocket(anything), funnel.name());
            }
        }
    }

    /** An object without Netty's methods (an unknown version) is no TCP or UDP socket: never a row. */
    @Test
    void aNettySocketWithoutNettysMethodsHasNoTransportAndNoEnds() {
        Object unknown = new Object();
        assertNull(Funnel.NETTY_EPOLL.forSocket(unknown));
        assertNull(Funnel.NETTY_EPOLL.ends().local(unknown));
        assertNull(Funnel.NETTY_EPOLL.ends().remote(unknown));
    }
}
