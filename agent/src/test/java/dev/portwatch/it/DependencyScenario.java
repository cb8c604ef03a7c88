package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A known amount of traffic to servers asked for by name, for the per-dependency metrics. Run with
 * {@code -Djdk.net.hosts.file=} mapping {@value #DB}, {@value #CACHE} and {@value #SINK} to 127.0.0.1. Ready line:
 * {@code listener=<port> backlog=<port> closed=<port> udp=<port>}. Command {@code play}:
 * <ul>
 *   <li>{@value #DB_CONNECTIONS} connections to {@value #DB}:listener and {@value #CACHE_CONNECTIONS} to
 *       {@value #CACHE}:listener (one server, two names), one to 127.0.0.1:listener by address; on each the client
 *       sends {@value #CLIENT_SENDS} bytes and reads {@value #SERVER_SENDS}; all stay open;</li>
 *   <li>{@value #BACKLOGGED} connections by address to a second listener that never accepts (its accept queue);</li>
 *   <li>{@value #REFUSED} connects to {@value #CACHE}:closed (refused), one to {@value #UNRESOLVABLE}:listener;</li>
 *   <li>a UDP socket connected to {@value #SINK}:udp that sends {@value #DATAGRAMS} datagrams of
 *       {@value #DATAGRAM_BYTES} bytes.</li>
 * </ul>
 */
public final class DependencyScenario extends Scenario {

    static final String DB = "db.portwatch.test";
    static final String CACHE = "cache.portwatch.test";
    static final String SINK = "sink.portwatch.test";
    static final String UNRESOLVABLE = "nowhere.portwatch.test";
    static final int DB_CONNECTIONS = 3;
    static final int CACHE_CONNECTIONS = 2;
    static final int BACKLOGGED = 2;
    static final int REFUSED = 2;
    static final int CLIENT_SENDS = 700;
    static final int SERVER_SENDS = 90;
    static final int DATAGRAMS = 3;
    static final int DATAGRAM_BYTES = 11;

    private static final InetAddress V4 = loopback();

    private final List<Closeable> open = new ArrayList<>();
    private final int closedPort;
    private ServerSocket listener;
    private ServerSocket backlog;
    private DatagramSocket udpServer;

    private DependencyScenario() throws IOException {
        closedPort = Ports.closedBelowEphemeralRange();
        on("play", this::play);
    }

    public static void main(String[] args) throws Exception {
        new DependencyScenario().serve();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // no name held
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String prepare() throws IOException {
        listener = kept(new ServerSocket(0, 50, V4));
        backlog = kept(new ServerSocket(0, 50, V4));
        udpServer = kept(new DatagramSocket(0, V4));
        return "listener=" + listener.getLocalPort() + " backlog=" + backlog.getLocalPort() + " closed="
                + closedPort + " udp=" + udpServer.getLocalPort();
    }

    private void play() throws IOException {
        int port = listener.getLocalPort();
        for (int i = 0; i < DB_CONNECTIONS; i++) {
            exchange(new InetSocketAddress(DB, port));
        }
        for (int i = 0; i < CACHE_CONNECTIONS; i++) {
            exchange(new InetSocketAddress(CACHE, port));
        }
        exchange(new InetSocketAddress(V4, port));
        for (int i = 0; i < BACKLOGGED; i++) {
            kept(new Socket()).connect(new InetSocketAddress(V4, backlog.getLocalPort()), 5000);
        }
        for (int i = 0; i < REFUSED; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(CACHE, closedPort), 5000);
                throw new IOException("connected to " + closedPort + ", where nothing should listen");
            } catch (ConnectException expected) {
                // refused, as intended
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(UNRESOLVABLE, port), 5000);
            throw new IOException(UNRESOLVABLE + " resolved");
        } catch (UnknownHostException expected) {
            // as intended
        }
        DatagramSocket sink = kept(new DatagramSocket(0, V4));
        sink.connect(new InetSocketAddress(SINK, udpServer.getLocalPort()));
        for (int i = 0; i < DATAGRAMS; i++) {
            sink.send(new DatagramPacket(new byte[DATAGRAM_BYTES], DATAGRAM_BYTES));
        }
    }

    private void exchange(InetSocketAddress server) throws IOException {
        Socket client = kept(new Socket());
        client.connect(server, 5000);
        Socket accepted = kept(listener.accept());
        client.getOutputStream().write(new byte[CLIENT_SENDS]);
        accepted.getInputStream().readNBytes(CLIENT_SENDS);
        accepted.getOutputStream().write(new byte[SERVER_SENDS]);
        client.getInputStream().readNBytes(SERVER_SENDS);
    }

    private <T extends Closeable> T kept(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
