package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelView;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rows the kernel's view calls dead, against this JVM's own sockets on loopback. */
class DeadConnectionsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static ConnectionView row(Role role, State state, Socket socket, int remotePort, long connectedAt) {
        return new ConnectionView(1, Transport.TCP, role, state, new Endpoint(LOOPBACK, socket.getLocalPort()),
                new Endpoint(LOOPBACK, remotePort), connectedAt - 10, "main", Opener.unknown("Socket"), false, false,
                1000, 0, 0, 0, connectedAt, null);
    }

    @Test
    void onlyAnOpenConnectionTheViewShouldListButDoesNotIsDead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK);
             Socket client = new Socket(LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            long before = System.currentTimeMillis() - 1000;
            Thread.sleep(5);
            KernelView view = KernelView.capture();
            assertTrue(view.readAtMillis() > before, "a real view says when it was read");
            int port = server.getLocalPort();

            assertFalse(DeadConnections.isDead(row(Role.OUTBOUND, State.ESTABLISHED, client, port, before), view),
                    "a connection the kernel lists");
            // The same local port towards a port it is not connected to: no such connection in the kernel.
            int elsewhere = port == 65535 ? 65534 : port + 1;
            assertTrue(DeadConnections.isDead(row(Role.OUTBOUND, State.ESTABLISHED, client, elsewhere, before), view),
                    "an open connection the kernel does not have");
            assertTrue(DeadConnections.isDead(row(Role.INBOUND, State.ESTABLISHED, accepted, elsewhere, before), view),
                    "inbound too");
            assertFalse(DeadConnections.isDead(
                    row(Role.OUTBOUND, State.ESTABLISHED, client, elsewhere, view.readAtMillis()), view),
                    "a view read before the connection was established says nothing of it");
            assertFalse(DeadConnections.isDead(row(Role.OUTBOUND, State.CLOSED, client, elsewhere, before), view),
                    "a closed row");
            assertFalse(DeadConnections.isDead(row(Role.OUTBOUND, State.SYN_SENT, client, elsewhere, before), view),
                    "a pending connect");
            assertFalse(DeadConnections.isDead(row(Role.OUTBOUND, State.ESTABLISHED, client, elsewhere, before),
                    KernelView.none()), "no view (off Linux, or unreadable)");
            // A reader that found the row's socket in the view already gets the same answer.
            for (ConnectionView row : List.of(row(Role.OUTBOUND, State.ESTABLISHED, client, port, before),
                    row(Role.OUTBOUND, State.ESTABLISHED, client, elsewhere, before),
                    row(Role.INBOUND, State.ESTABLISHED, accepted, elsewhere, before),
                    row(Role.OUTBOUND, State.CLOSED, client, elsewhere, before))) {
                int slot = view.slotOf(row.transport(), row.local(), row.remote());
                assertEquals(DeadConnections.isDead(row, view),
                        DeadConnections.isDead(row, view, slot < 0 ? null : view.socketAt(slot)), row.toString());
            }
            assertTrue(view.slotOf(Transport.TCP, new Endpoint(LOOPBACK, client.getLocalPort()),
                    new Endpoint(LOOPBACK, port)) >= 0, "the view finds the client's connection by its ends");
        }
    }
}
