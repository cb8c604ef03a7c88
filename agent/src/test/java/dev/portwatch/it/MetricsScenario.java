package dev.portwatch.it;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The application the metrics tests run with the agent: a known amount of everything the metrics count. At start
 * it picks three ports between 20000 and 30000 that nothing uses and that lie outside the OS ephemeral range
 * ({@link Ports#unusedOutsideEphemeralRange}), and says them when ready:
 * {@code OK ready pid=<pid> listener=<tcp port> udp=<udp port> closed=<port nothing listens on> java=<version>}.
 * Its commands ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code open}: a TCP listener on the listener port; {@value #CONNECTIONS} outbound {@link Socket}s to it, each
 *       accepted; on each, the client sends {@value #CLIENT_SENDS} bytes and the server answers
 *       {@value #SERVER_SENDS}; a UDP {@link DatagramSocket} bound to the UDP port, and a client datagram socket
 *       that sends it {@value #UDP_REQUEST} bytes and receives {@value #UDP_REPLY} back;</li>
 *   <li>{@code close}: closes {@value #CLOSED} of the connections, both ends;</li>
 *   <li>{@code errors}: {@value #REFUSED} connects to the closed port (ConnectException) and one bind to the
 *       listener's port (BindException);</li>
 *   <li>{@code exit}.</li>
 * </ul>
 * The byte counts are constants, so a test computes what the agent must report.
 */
public final class MetricsScenario extends Scenario {

    static final int CONNECTIONS = 7;
    static final int CLOSED = 3;
    static final int REFUSED = 4;
    static final int CLIENT_SENDS = 1000;
    static final int SERVER_SENDS = 300;
    static final int UDP_REQUEST = 5;
    static final int UDP_REPLY = 7;

    /** TCP bytes moved in each direction, counting both ends (both are in this process). */
    static final long TCP_BYTES_EACH_WAY = (long) CONNECTIONS * (CLIENT_SENDS + SERVER_SENDS);
    /** UDP bytes moved in each direction, counting both ends. */
    static final long UDP_BYTES_EACH_WAY = UDP_REQUEST + UDP_REPLY;


    private final int listenerPort;
    private final int udpPort;
    private final int closedPort;
    private ServerSocket listener;
    private final List<Socket> clients = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();
    private DatagramSocket udpServer;
    private DatagramSocket udpClient;

    private MetricsScenario() throws IOException {
        int[] ports = Ports.unusedOutsideEphemeralRange(3);
        this.listenerPort = ports[0];
        this.udpPort = ports[1];
        this.closedPort = ports[2];
        on("open", this::open);
        on("close", this::closeSome);
        on("errors", this::errors);
    }

    public static void main(String[] args) throws Exception {
        new MetricsScenario().serve();
    }

    @Override
    protected String prepare() {
        return "listener=" + listenerPort + " udp=" + udpPort + " closed=" + closedPort + " java="
                + System.getProperty("java.version");
    }

    void open() throws IOException {
        listener = new ServerSocket(listenerPort, 50, V4);
        for (int i = 0; i < CONNECTIONS; i++) {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(V4, listenerPort), 5000);
            clients.add(client);
            Socket server = listener.accept();
            accepted.add(server);
            client.getOutputStream().write(new byte[CLIENT_SENDS]);
            server.getInputStream().readNBytes(CLIENT_SENDS);
            server.getOutputStream().write(new byte[SERVER_SENDS]);
            client.getInputStream().readNBytes(SERVER_SENDS);
        }

        udpServer = new DatagramSocket(new InetSocketAddress(V4, udpPort));
        udpClient = new DatagramSocket(new InetSocketAddress(V4, 0));
        udpClient.setSoTimeout(5000);
        udpServer.setSoTimeout(5000);
        udpClient.send(new DatagramPacket(new byte[UDP_REQUEST], UDP_REQUEST, V4, udpPort));
        DatagramPacket request = new DatagramPacket(new byte[64], 64);
        udpServer.receive(request);
        if (request.getLength() != UDP_REQUEST) {
            throw new IOException("received " + request.getLength() + " bytes, sent " + UDP_REQUEST);
        }
        udpServer.send(new DatagramPacket(new byte[UDP_REPLY], UDP_REPLY, request.getSocketAddress()));
        DatagramPacket reply = new DatagramPacket(new byte[64], 64);
        udpClient.receive(reply);
        if (reply.getLength() != UDP_REPLY) {
            throw new IOException("received " + reply.getLength() + " bytes, sent " + UDP_REPLY);
        }
    }

    void closeSome() throws IOException {
        for (int i = 0; i < CLOSED; i++) {
            clients.remove(0).close();
            accepted.remove(0).close();
        }
    }

    void errors() throws IOException {
        for (int i = 0; i < REFUSED; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(V4, closedPort), 5000);
                throw new IOException("connected to port " + closedPort + ", where nothing should listen");
            } catch (ConnectException expected) {
                // refused, as intended
            }
        }
        try (ServerSocket taken = new ServerSocket(listenerPort, 50, V4)) {
            throw new IOException("bound port " + listenerPort + " twice");
        } catch (BindException expected) {
            // address already in use, as intended
        }
    }
}
