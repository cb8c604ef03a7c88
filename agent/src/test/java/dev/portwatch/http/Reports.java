package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.port.PortFixtures;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Hand-built rows and errors for the renderers: fixed ids, times and ports, no live sockets. */
final class Reports {

    static final long PID = 4242;
    /** 2023-11-14T22:13:20Z. */
    static final long T = 1_700_000_000_000L;

    private Reports() {}

    static Endpoint endpoint(String literal, int port) {
        try {
            return new Endpoint(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static StackWalker.StackFrame callSite() {
        return StackWalker.getInstance().walk(frames -> frames.findFirst().orElseThrow());
    }

    static final ConnectionView LISTENER = new ConnectionView(1, Transport.TCP, Role.LISTENER, State.LISTEN,
            endpoint("0.0.0.0", 8080), null, T, "main", Opener.unknown("ServerSocket.bind"), false, false, -1, 0,
            0, 0);

    /** A client whose own port happens to be a named one (6379, redis): that name must not be shown. */
    static final ConnectionView OUTBOUND = new ConnectionView(2, Transport.TCP, Role.OUTBOUND,
            State.ESTABLISHED, endpoint("127.0.0.1", 6379), endpoint("127.0.0.1", 5432), T + 1_000, "db-pool-1",
            new Opener("Socket.connect", callSite(), List.of(callSite())), false, false, 1_500_000, 0, 10, 20,
            T + 1_000, "db.internal");

    static final ConnectionView INBOUND_CLOSED = new ConnectionView(3, Transport.TCP, Role.INBOUND, State.CLOSED,
            endpoint("::1", 8080), endpoint("::1", 50000), T, "http-1", Opener.unknown("ServerSocket.accept"),
            false, false, -1, T + 5_000, 300, 400);

    static final ConnectionView LEAKED = new ConnectionView(4, Transport.TCP, Role.OUTBOUND, State.ESTABLISHED,
            endpoint("10.0.0.2", 40000), endpoint("10.0.0.1", 443), T, "main", Opener.unknown("SocketChannel.open"),
            false, true, 2_000_000, 0, 0, 0);

    static final ConnectionView AGENT = new ConnectionView(5, Transport.TCP, Role.LISTENER, State.LISTEN,
            endpoint("127.0.0.1", 9465), null, T, "portwatch-http", Opener.unknown("ServerSocketChannel.bind"),
            true, false, -1, 0, 0, 0);

    static final ConnectionView DATAGRAM = new ConnectionView(6, Transport.UDP, Role.DATAGRAM, State.BOUND,
            endpoint("0.0.0.0", 5353), null, T, "main", Opener.unknown("DatagramSocket"), false, false, -1, 0,
            0, 0);

    static final SocketError CONNECT_REFUSED = new SocketError(SocketError.Operation.CONNECT, Transport.TCP,
            endpoint("10.0.0.1", 5432), 5432, "java.net.ConnectException", "Connection refused", 2_000_000_000L,
            T + 2_000, "db-pool-1", Opener.unknown("Socket.connect"), "db.internal");

    static final SocketError BIND_FAILED = new SocketError(SocketError.Operation.BIND, Transport.TCP, null, -1,
            "java.net.BindException", "Address \"already\" in use\nsecond line", -1, T + 3_000, "main",
            Opener.unknown("ServerSocket.bind"));

    static TableReport report(List<ConnectionView> rows, List<SocketError> errors) {
        return new TableReport(PID, T, rows, java.util.Map.of(), errors, 3, 1, PortFixtures.testPorts(),
                ConnectionFilter.ALL);
    }
}
