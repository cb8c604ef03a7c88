package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.bridge.LocalAddresses;
import dev.portwatch.net.Endpoint;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import org.junit.jupiter.api.Test;

/**
 * A socket's local end: from the JDK's own read when it was handed over, an accepted one's from its listener where
 * that is enough, else as the kernel has it.
 */
class SocketImplEndsTest {

    @Test
    void aListenerBoundToOneAddressGivesItsConnectionsItsAddress() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertAcceptedLocalIsTheKernels(listener, "127.0.0.1");
        }
    }

    /** A wildcard listener cannot tell on which address a connection arrived: the kernel is asked. */
    @Test
    void aWildcardListenersConnectionsHaveTheAddressTheyArrivedOn() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(0));
            assertAcceptedLocalIsTheKernels(listener, "127.0.0.1");
            assertAcceptedLocalIsTheKernels(listener, "127.0.0.2");
        }
    }

    /** One getsockname instead of SO_BINDADDR's two, with the same answer, and none once the socket is closed. */
    @Test
    void aConnectedSocketsLocalEndIsTheKernelsInOneCall() throws Exception {
        assertTrue(SocketImplEnds.readsLocalAddressInOneCall(), "sun.nio.ch is open to the tests, as to the agent");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(0));
            for (String connectTo : new String[] {"127.0.0.1", "127.0.0.3", "::1"}) {
                Socket client = new Socket(InetAddress.getByName(connectTo), listener.getLocalPort());
                try (Socket accepted = listener.accept()) {
                    SocketImpl impl = impl(client);
                    assertEquals(new Endpoint(client.getLocalAddress(), client.getLocalPort()),
                            SocketImplEnds.INSTANCE.local(impl));
                    client.close();
                    assertNull(SocketImplEnds.INSTANCE.local(impl));
                }
            }
        }
    }

    /**
     * The address the JDK's own read handed over (woven code does it in the agent; here the test does), with a
     * loopback address no kernel would give, so that only the hand-over can be its source: taken once, and only for
     * that socket's descriptor, port and open state; otherwise the kernel is asked.
     */
    @Test
    void aSocketsLocalEndIsTheOneTheJdkReadWhenItHandedItOver() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             Socket client = new Socket(InetAddress.getByName("127.0.0.1"), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            SocketImpl impl = impl(client);
            FileDescriptor fd = (FileDescriptor) field(SocketImpl.class, "fd").get(impl);
            Endpoint kernels = new Endpoint(client.getLocalAddress(), client.getLocalPort());
            InetAddress unseen = InetAddress.getByName("127.0.0.99");

            LocalAddresses.read(fd, new InetSocketAddress(unseen, client.getLocalPort()));
            assertEquals(new Endpoint(unseen, client.getLocalPort()), SocketImplEnds.INSTANCE.local(impl));
            assertEquals(kernels, SocketImplEnds.INSTANCE.local(impl), "taken once");

            LocalAddresses.read(new FileDescriptor(), new InetSocketAddress(unseen, client.getLocalPort()));
            assertEquals(kernels, SocketImplEnds.INSTANCE.local(impl), "another descriptor's");
            LocalAddresses.read(fd, new InetSocketAddress(unseen, client.getLocalPort() + 1));
            assertEquals(kernels, SocketImplEnds.INSTANCE.local(impl), "another port");

            SocketImpl acceptedImpl = impl(accepted);
            LocalAddresses.read((FileDescriptor) field(SocketImpl.class, "fd").get(acceptedImpl),
                    new InetSocketAddress(unseen, accepted.getLocalPort()));
            assertEquals(new Endpoint(unseen, accepted.getLocalPort()),
                    SocketImplEnds.INSTANCE.acceptedLocal(impl(listener), acceptedImpl), "before the listener's");

            LocalAddresses.read(fd, new InetSocketAddress(unseen, client.getLocalPort()));
            client.close();
            assertNull(SocketImplEnds.INSTANCE.local(impl), "closed");
        }
    }

    private static void assertAcceptedLocalIsTheKernels(ServerSocket listener, String connectTo) throws Exception {
        try (Socket client = new Socket(InetAddress.getByName(connectTo), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            Endpoint local = SocketImplEnds.INSTANCE.acceptedLocal(impl(listener), impl(accepted));
            assertEquals(new Endpoint(accepted.getLocalAddress(), accepted.getLocalPort()), local);
            assertEquals(connectTo, local.address().getHostAddress());
            assertEquals(SocketImplEnds.INSTANCE.local(impl(accepted)), local);
        }
    }

    /** The platform impl the funnel sees: a client {@code Socket} wraps it in a {@code SocksSocketImpl}. */
    private static SocketImpl impl(Object socket) throws ReflectiveOperationException, IOException {
        Object impl = field(socket.getClass(), "impl").get(socket);
        for (Class<?> type = impl.getClass(); type != SocketImpl.class; type = type.getSuperclass()) {
            if (type.getName().equals("java.net.DelegatingSocketImpl")) {
                impl = field(type, "delegate").get(impl);
                break;
            }
        }
        return (SocketImpl) impl;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
