package dev.portwatch.metrics;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.port.EphemeralRange;
import dev.portwatch.port.PortInfo;
import dev.portwatch.port.ServiceNames;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.RowOrigin;
import dev.portwatch.table.SocketError;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConnectionTable} fed by hand, the way the capture layer feeds it: each "socket" is a plain object the
 * fixture keeps alive (the table holds sockets weakly). Ephemeral range 32768–60999; client ports come from it.
 */
final class HandFedTable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final PortInfo PORTS = new PortInfo(new EphemeralRange(32768, 60999, "test"), ServiceNames.load());

    final ConnectionTable table = new ConnectionTable(1_000_000, 60_000, 100, System::currentTimeMillis);
    private final List<Object> sockets = new ArrayList<>();
    private int nextClientPort = 32768;

    Object listener(Transport transport, int port, boolean agentOwned) {
        Object socket = keep();
        if (transport == Transport.TCP) {
            table.listening(socket, endpoint(port), () -> origin(transport, agentOwned));
        } else {
            table.bound(socket, endpoint(port), () -> origin(transport, agentOwned));
        }
        return socket;
    }

    /** An outbound TCP connection to {@code serverPort}, connected in {@code connectNanos}. */
    Object outbound(int serverPort, boolean agentOwned, long connectNanos) {
        Object socket = keep();
        Endpoint local = endpoint(nextClientPort++);
        table.bound(socket, local, () -> origin(Transport.TCP, agentOwned));
        long start = System.nanoTime();
        table.connectStarted(socket, local, endpoint(serverPort), null, start, () -> origin(Transport.TCP, agentOwned));
        table.connected(socket, local.address(), local.port(), endpoint(serverPort).address(), serverPort, null, start,
                start + connectNanos, () -> origin(Transport.TCP, agentOwned));
        return socket;
    }

    /** A TCP connection accepted by a listener on {@code listenerPort}. */
    Object inbound(int listenerPort, boolean agentOwned) {
        Object socket = keep();
        Endpoint local = endpoint(listenerPort);
        Endpoint remote = endpoint(nextClientPort++);
        table.accepted(new Object(), socket, local.address(), local.port(), remote.address(), remote.port(),
                listenerRow -> origin(Transport.TCP, agentOwned));
        return socket;
    }

    /** A UDP socket on a client port, connected to {@code serverPort}. */
    Object connectedDatagram(int serverPort, boolean agentOwned) {
        Object socket = keep();
        Endpoint local = endpoint(nextClientPort++);
        table.bound(socket, local, () -> origin(Transport.UDP, agentOwned));
        table.datagramConnected(socket, local, endpoint(serverPort), null, () -> origin(Transport.UDP, agentOwned));
        return socket;
    }

    void connectError(String errorType, int port) {
        table.recordError(new SocketError(SocketError.Operation.CONNECT, Transport.TCP, endpoint(port), port,
                errorType, "test", 1_000_000, System.currentTimeMillis(), "main", Opener.unknown("Socket")));
    }

    void bindError(int port) {
        table.recordError(new SocketError(SocketError.Operation.BIND, Transport.TCP, endpoint(port), port,
                "BindException", "Address already in use", -1, System.currentTimeMillis(), "main",
                Opener.unknown("ServerSocket")));
    }

    static Endpoint endpoint(int port) {
        return new Endpoint(LOOPBACK, port);
    }

    private Object keep() {
        Object socket = new Object();
        sockets.add(socket);
        return socket;
    }

    private static RowOrigin origin(Transport transport, boolean agentOwned) {
        return new RowOrigin(transport, "main", Opener.unknown(transport == Transport.TCP ? "Socket"
                : "DatagramSocket"), agentOwned, true);
    }
}
