package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portwatch.net.Endpoint;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import org.junit.jupiter.api.Test;

/** An accepted socket's local end, from its listener where that is enough, always as the kernel has it. */
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

    private static void assertAcceptedLocalIsTheKernels(ServerSocket listener, String connectTo) throws Exception {
        try (Socket client = new Socket(InetAddress.getByName(connectTo), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            Endpoint local = SocketImplEnds.INSTANCE.acceptedLocal(impl(listener), impl(accepted));
            assertEquals(new Endpoint(accepted.getLocalAddress(), accepted.getLocalPort()), local);
            assertEquals(connectTo, local.address().getHostAddress());
            assertEquals(SocketImplEnds.INSTANCE.local(impl(accepted)), local);
        }
    }

    private static SocketImpl impl(Object socket) throws ReflectiveOperationException, IOException {
        Field impl = socket.getClass().getDeclaredField("impl");
        impl.setAccessible(true);
        return (SocketImpl) impl.get(socket);
    }
}
