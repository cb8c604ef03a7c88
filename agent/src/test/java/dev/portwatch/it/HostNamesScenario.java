package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Connects to one listener by host names and by literal addresses, through each kind of client, and to a name that
 * does not resolve. Run with {@code -Djdk.net.hosts.file=} mapping {@value #NAME} (and {@code localhost}) to
 * 127.0.0.1. Each answer names every socket it opened by its local port: {@code how=port}.
 */
public final class HostNamesScenario extends Scenario {

    static final String NAME = "db.portwatch.test";
    static final String DATAGRAM_NAME = "sink.portwatch.test";
    static final String UNRESOLVABLE = "nowhere.portwatch.test";

    private final List<Closeable> open = new ArrayList<>();
    private ServerSocket listener;

    private HostNamesScenario() {
        on("connect", args -> connect());
        on("unresolvable", args -> unresolvable());
    }

    public static void main(String[] args) throws Exception {
        new HostNamesScenario().serve();
    }

    @Override
    protected String prepare() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        open.add(listener);
        return "listener=" + listener.getLocalPort();
    }

    private String connect() throws IOException {
        int port = listener.getLocalPort();
        StringJoiner answer = new StringJoiner(" ");
        answer.add("socketByName=" + socket(new InetSocketAddress(NAME, port)));
        answer.add("socketByLocalhost=" + kept(new Socket("localhost", port)).getLocalPort());
        answer.add("socketByResolvedName=" + socket(new InetSocketAddress(InetAddress.getByName(NAME), port)));
        answer.add("socketByLiteral=" + kept(new Socket("127.0.0.1", port)).getLocalPort());
        answer.add("channelByName=" + channel(new InetSocketAddress(NAME, port)));
        answer.add("channelByLiteral=" + channel(new InetSocketAddress("127.0.0.1", port)));
        DatagramSocket datagram = kept(new DatagramSocket(0, InetAddress.getByName("127.0.0.1")));
        datagram.connect(InetAddress.getByName(DATAGRAM_NAME), port);
        answer.add("datagramByName=" + datagram.getLocalPort());
        for (int i = 0; i < 6; i++) {
            open.add(listener.accept());
        }
        return answer.toString();
    }

    /** Connects to a name that does not resolve: each client must fail, as the application sees it. */
    private String unresolvable() throws IOException {
        int port = listener.getLocalPort();
        InetSocketAddress unresolved = new InetSocketAddress(UNRESOLVABLE, port);
        if (!unresolved.isUnresolved()) {
            throw new IllegalStateException(UNRESOLVABLE + " resolved");
        }
        StringJoiner failures = new StringJoiner(" ");
        try (Socket socket = new Socket()) {
            socket.connect(unresolved, 2000);
            throw new IllegalStateException("connected to " + unresolved);
        } catch (java.net.UnknownHostException expected) {
            failures.add("socket=" + expected.getClass().getSimpleName());
        }
        try (SocketChannel channel = SocketChannel.open()) {
            channel.connect(unresolved);
            throw new IllegalStateException("connected to " + unresolved);
        } catch (UnresolvedAddressException expected) {
            failures.add("channel=" + expected.getClass().getSimpleName());
        }
        return failures.toString();
    }

    private int socket(InetSocketAddress address) throws IOException {
        Socket socket = kept(new Socket());
        socket.connect(address, 5000);
        return socket.getLocalPort();
    }

    private int channel(InetSocketAddress address) throws IOException {
        SocketChannel channel = kept(SocketChannel.open(address));
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private <T extends Closeable> T kept(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
