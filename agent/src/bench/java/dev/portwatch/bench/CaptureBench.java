package dev.portwatch.bench;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.capture.SocketEventCapture;
import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.State;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The capture as the bridge calls it from inside the JDK's socket methods, on a real connected SocketChannel pair
 * (opened once): a connect's event (addresses read from the channel, one stack walk for the opener, a row created
 * and established), an accept's, and a close. This class is outside the agent's packages, so the stack walk stops
 * at its frame, as it stops at an application's.
 *
 * <p>{@code connectThenClose} and {@code acceptThenClose} also run the table's housekeeping (retention 0 here), so
 * that the next event finds no row and pays the whole first-event path again; {@code housekeepingOnly} is that
 * part alone.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class CaptureBench extends HotPathBench {

    private static final int SOCKET_CHANNEL = Funnel.SOCKET_CHANNEL.id();
    private static final int SERVER_SOCKET_CHANNEL = Funnel.SERVER_SOCKET_CHANNEL.id();
    private static final int SOCKET_IMPL = Funnel.NIO_SOCKET_IMPL.id();

    /** How openers are found: the default, or {@code openers=thread} (no stack read). */
    @Param({"STACK", "THREAD"})
    public OpenerMode openers;

    private ConnectionTable table;
    private ServerSocketChannel server;
    private SocketChannel client;
    private SocketChannel accepted;
    private InetSocketAddress serverAddress;
    /** The same server, as an application asks for it by name: the address holds the name it was resolved from. */
    private InetSocketAddress serverByName;
    private final Object openSocket = new Object();
    /** A {@code Socket} pair and its listener, as the funnel sees them: their platform {@code SocketImpl}s. */
    private ServerSocket socketServer;
    private Socket socketClient;
    private Socket socketAccepted;
    private SocketImpl listenerImpl;
    private SocketImpl clientImpl;
    private SocketImpl acceptedImpl;
    private InetSocketAddress socketServerAddress;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReflectiveOperationException {
        table = new ConnectionTable(BenchTables.DEFAULT_MAX_ROWS, 0, 100, System::currentTimeMillis);
        SocketEventCapture capture = new SocketEventCapture(table, openers);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverAddress = (InetSocketAddress) server.getLocalAddress();
        serverByName = new InetSocketAddress("localhost", serverAddress.getPort());
        client = SocketChannel.open(serverAddress);
        accepted = server.accept();
        socketServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socketServerAddress = (InetSocketAddress) socketServer.getLocalSocketAddress();
        socketClient = new Socket(socketServerAddress.getAddress(), socketServerAddress.getPort());
        socketAccepted = socketServer.accept();
        listenerImpl = platformImpl(socketServer);
        clientImpl = platformImpl(socketClient);
        acceptedImpl = platformImpl(socketAccepted);
        Bridge.install(capture);
        Bridge.listen(Funnel.SERVER_SOCKET_CHANNEL.id(), server, serverAddress, null);
        Bridge.listen(SOCKET_IMPL, listenerImpl, socketServerAddress, null);
        InetAddress loopback = BenchTables.endpoint("127.0.0.1", 0).address();
        table.connected(openSocket, loopback, 40000, loopback, 5432, null, 0, 250_000,
                () -> BenchTables.origin(Transport.TCP, new Opener("SocketChannel", null, List.of()), 0));
        if (table.rows() != 3 || Bridge.listenerErrors() != 0) {
            throw new IllegalStateException("setup: rows " + table.rows() + ", errors " + Bridge.listenerErrors());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Bridge.uninstall();
        if (Bridge.listenerErrors() != 0) {
            throw new IllegalStateException("the listener threw " + Bridge.listenerErrors() + " times");
        }
        client.close();
        accepted.close();
        server.close();
        socketClient.close();
        socketAccepted.close();
        socketServer.close();
    }

    /** The impl the funnel is given: a client {@code Socket} wraps its platform impl in a SOCKS one. */
    private static SocketImpl platformImpl(Object socket) throws ReflectiveOperationException {
        Object impl = field(socket.getClass(), "impl").get(socket);
        for (Class<?> type = impl.getClass(); type != SocketImpl.class; type = type.getSuperclass()) {
            if (type.getName().equals("java.net.DelegatingSocketImpl")) {
                return (SocketImpl) field(type, "delegate").get(impl);
            }
        }
        return (SocketImpl) impl;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** {@code SocketChannel.connect} returned (blocking, established), then {@code close}. */
    @Benchmark
    public int connectThenClose() {
        Bridge.connect(SOCKET_CHANNEL, client, serverAddress, true, null, System.nanoTime());
        Bridge.close(SOCKET_CHANNEL, client);
        table.maintain(row -> { });
        return table.rows();
    }

    /** {@link #connectThenClose} to a server asked for by host name: the name travels with the row. */
    @Benchmark
    public int connectByNameThenClose() {
        Bridge.connect(SOCKET_CHANNEL, client, serverByName, true, null, System.nanoTime());
        Bridge.close(SOCKET_CHANNEL, client);
        table.maintain(row -> { });
        return table.rows();
    }

    /** {@code ServerSocketChannel.accept} returned a channel, later closed. */
    @Benchmark
    public int acceptThenClose() {
        Bridge.accept(SERVER_SOCKET_CHANNEL, server, accepted, null);
        Bridge.close(SOCKET_CHANNEL, accepted);
        table.maintain(row -> { });
        return table.rows();
    }

    /** {@code Socket.connect} returned (the funnel's {@code NioSocketImpl}), then {@code close}. */
    @Benchmark
    public int socketConnectThenClose() {
        Bridge.connect(SOCKET_IMPL, clientImpl, socketServerAddress, true, null, System.nanoTime());
        Bridge.close(SOCKET_IMPL, clientImpl);
        table.maintain(row -> { });
        return table.rows();
    }

    /** {@code ServerSocket.accept} returned a socket (listener bound to the loopback address), later closed. */
    @Benchmark
    public int socketAcceptThenClose() {
        Bridge.accept(SOCKET_IMPL, listenerImpl, acceptedImpl, null);
        Bridge.close(SOCKET_IMPL, acceptedImpl);
        table.maintain(row -> { });
        return table.rows();
    }

    /** The housekeeping step the two above include (here with no closed row to expire). */
    @Benchmark
    public int housekeepingOnly() {
        table.maintain(row -> { });
        return table.rows();
    }

    /** A read of 1460 bytes on an open socket as the advice reports it: the bridge's guard, then addBytes. */
    @Benchmark
    public void transfer() {
        Bridge.transfer(SOCKET_CHANNEL, openSocket, 1460, true);
    }
}
