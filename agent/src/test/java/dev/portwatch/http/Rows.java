package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.port.EphemeralRange;
import dev.portwatch.port.PortInfo;
import dev.portwatch.port.ServiceNames;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Rows, errors and reports made by hand, for the renderers' tests. */
final class Rows {

    static final long T0 = 1_795_000_000_000L;
    static final PortInfo PORTS = new PortInfo(new EphemeralRange(32768, 60999, "test"), ServiceNames.load());

    private Rows() {}

    static Endpoint endpoint(String address, int port) {
        try {
            return new Endpoint(InetAddress.getByName(address), port);
        } catch (UnknownHostException notNumeric) {
            throw new IllegalArgumentException(notNumeric);
        }
    }

    /** An opener whose first application frame prints as {@code className.method(file:line)}. */
    static Opener opener(String api, String className, String method, String file, int line) {
        StackTraceElement element = new StackTraceElement(className, method, file, line);
        StackWalker.StackFrame frame = (StackWalker.StackFrame) Proxy.newProxyInstance(Rows.class.getClassLoader(),
                new Class<?>[] {StackWalker.StackFrame.class}, (proxy, invoked, args) -> {
                    if (invoked.getName().equals("toStackTraceElement")) {
                        return element;
                    }
                    throw new UnsupportedOperationException(invoked.getName());
                });
        return new Opener(api, frame, List.of());
    }

    static ConnectionView listener(long id, int port, String thread, Opener opener) {
        return new ConnectionView(id, Transport.TCP, Role.LISTENER, State.LISTEN, endpoint("127.0.0.1", port), null,
                T0, thread, opener, false, false, -1, 0, 0, 0);
    }

    static ConnectionView row(long id, Role role, State state, Endpoint local, Endpoint remote, boolean agent,
                              boolean leaked) {
        return new ConnectionView(id, role == Role.DATAGRAM ? Transport.UDP : Transport.TCP, role, state, local,
                remote, T0, "main", opener("Socket", "com.example.App", "run", "App.java", 10), agent, leaked, -1,
                state == State.CLOSED ? T0 + 1000 : 0, 300, 1000);
    }

    static SocketError error(String message, Opener opener) {
        return new SocketError(SocketError.Operation.CONNECT, Transport.TCP, endpoint("127.0.0.1", 6379), 6379,
                "ConnectException", message, 400_000, T0, "main", opener);
    }

    static TableReport report(ConnectionFilter filter, List<ConnectionView> rows, List<SocketError> errors) {
        return new TableReport(4242, T0, rows, java.util.Map.of(), errors, 0, 0, PORTS, filter);
    }
}
