package dev.portwatch.it;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a socket of every synchronous kind on the first lines of {@code main}, while the agent's own start-up
 * thread is still busy (its endpoint is not up yet), then serves the protocol holding them open. The ready line
 * gives their local ports, whether the agent's endpoint was already up when they were opened
 * ({@code endpointUpBefore}) and how long after the process started they were all open ({@code openedAfterMillis}).
 */
public final class FirstLineSockets extends Scenario {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Closeable> OPEN = new ArrayList<>();
    private static String ports;

    public static void main(String[] args) throws Exception {
        boolean endpointUpBefore = System.getProperty("portwatch.endpoint") != null;
        ServerSocket listener = keep(new ServerSocket(0, 50, LOOPBACK));
        Socket client = keep(new Socket(LOOPBACK, listener.getLocalPort()));
        keep(listener.accept());
        ServerSocketChannel channelListener = keep(ServerSocketChannel.open()
                .bind(new InetSocketAddress(LOOPBACK, 0)));
        SocketChannel channelClient = keep(SocketChannel.open(channelListener.getLocalAddress()));
        keep(channelListener.accept());
        DatagramSocket datagramSocket = keep(new DatagramSocket(0, LOOPBACK));
        DatagramChannel datagramChannel = keep(DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        // Since the process started (to the clock tick): the agent's thread does nothing before its settle wait.
        long openedAfter = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        ports = "endpointUpBefore=" + endpointUpBefore + " openedAfterMillis=" + openedAfter
                + " listener=" + listener.getLocalPort() + " client=" + client.getLocalPort()
                + " channelListener=" + ((InetSocketAddress) channelListener.getLocalAddress()).getPort()
                + " channelClient=" + ((InetSocketAddress) channelClient.getLocalAddress()).getPort()
                + " datagramSocket=" + datagramSocket.getLocalPort()
                + " datagramChannel=" + ((InetSocketAddress) datagramChannel.getLocalAddress()).getPort();
        new FirstLineSockets().serve();
    }

    private static <T extends Closeable> T keep(T socket) {
        OPEN.add(socket);
        return socket;
    }

    @Override
    protected String prepare() {
        return ports;
    }
}
