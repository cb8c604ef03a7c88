package dev.portwatch.bench;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.RowOrigin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Tables filled like a busy service's: one listener, half the rows accepted connections to it, the rest outbound
 * connections to a handful of server ports, every 50th a UDP socket. The socket objects are plain {@code Object}s,
 * held here strongly (the table holds them weakly), and every row has a real opener frame and some bytes.
 */
public final class BenchTables {

    /** The default of the {@code maxRows} option. */
    public static final int DEFAULT_MAX_ROWS = 20_000;

    private static final int[] SERVER_PORTS = {5432, 6379, 443, 9092, 8443, 3306, 27017, 11211, 9200, 5672,
        2181, 8500, 4317, 9042, 6380, 1521, 8081, 9000, 7001, 25};

    public final ConnectionTable table;
    public final Object[] sockets;

    private BenchTables(ConnectionTable table, Object[] sockets) {
        this.table = table;
        this.sockets = sockets;
    }

    /** A table (maxRows 20,000, 5 s retention like the defaults) holding {@code rows} open rows. */
    public static BenchTables withOpenRows(int rows) {
        ConnectionTable table = new ConnectionTable(DEFAULT_MAX_ROWS, 5_000, 100, System::currentTimeMillis);
        Object[] sockets = new Object[rows];
        Opener opener = new Opener("Socket", openerFrame(), List.of());
        Endpoint listen = endpoint("127.0.0.1", 8080);
        Object listener = new Object();
        table.listening(listener, listen, () -> origin(Transport.TCP, opener, 0));
        for (int i = 0; i < rows; i++) {
            Object socket = new Object();
            sockets[i] = socket;
            int ephemeral = 32768 + i % 28000;
            int n = i;
            if (i % 50 == 49) {
                table.bound(socket, endpoint("0.0.0.0", ephemeral), () -> origin(Transport.UDP, opener, n));
            } else if (i % 2 == 0) {
                table.accepted(listener, socket, listen.address(), listen.port(),
                        endpoint("127.0.0.1", ephemeral).address(), ephemeral,
                        listenerRow -> origin(Transport.TCP, opener, n));
            } else {
                int serverPort = SERVER_PORTS[i % SERVER_PORTS.length];
                table.connected(socket, endpoint("10.0.0.1", ephemeral).address(), ephemeral,
                        endpoint("10.0.0.2", serverPort).address(), serverPort, null, 0, 250_000,
                        () -> origin(Transport.TCP, opener, n));
            }
            table.addBytes(socket, 100 + i, true);
            table.addBytes(socket, 200 + i, false);
        }
        if (table.rows() != rows + 1) {
            throw new IllegalStateException("expected " + (rows + 1) + " rows, have " + table.rows());
        }
        return new BenchTables(table, sockets);
    }

    public static RowOrigin origin(Transport transport, Opener opener, int i) {
        return new RowOrigin(transport, "worker-" + (i % 16), opener, false, true);
    }

    /** A real frame, as the capture keeps it: formatted only when the table is rendered. */
    public static StackWalker.StackFrame openerFrame() {
        return StackWalker.getInstance().walk(frames -> frames.findFirst().orElseThrow());
    }

    public static Endpoint endpoint(String literal, int port) {
        try {
            return new Endpoint(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
