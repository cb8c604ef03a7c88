package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketImpl;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The capture on real JDK sockets of the loopback, fed the events the advice would report, in the orders the JDK
 * can report them (including from other threads), against a real table.
 */
class SocketEventCaptureTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int SOCKET_CHANNEL = Funnel.SOCKET_CHANNEL.id();
    private static final int SERVER_SOCKET_CHANNEL = Funnel.SERVER_SOCKET_CHANNEL.id();
    private static final int DATAGRAM_CHANNEL = Funnel.DATAGRAM_CHANNEL.id();
    private static final int ASYNC_SOCKET_CHANNEL = Funnel.ASYNC_SOCKET_CHANNEL.id();

    private final ConnectionTable table = new ConnectionTable(1_000, 60_000, 16, System::currentTimeMillis);
    private final SocketEventCapture capture = newCapture();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private SocketEventCapture newCapture() {
        try {
            return new SocketEventCapture(table, OpenerMode.STACK);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the tests run with java.net opened (surefire's argLine)", e);
        }
    }

    @AfterEach
    void closeSockets() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private ServerSocketChannel server() throws IOException {
        return keep(ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
    }

    /** A loopback port nothing listens on: a connect there is refused. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocketChannel gone = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            return (InetSocketAddress) gone.getLocalAddress();
        }
    }

    private static void onOtherThread(Runnable action) throws InterruptedException {
        Thread other = new Thread(action, "completing-thread");
        other.start();
        other.join(10_000);
        assertFalse(other.isAlive());
    }

    private long opened(Transport transport, Role direction) {
        return table.counters().opened(transport, direction);
    }

    @Test
    void aPendingConnectCompletedOnAnotherThreadKeepsItsOpenerAndStart() throws Exception {
        ServerSocketChannel server = server();
        SocketChannel client = keep(SocketChannel.open());
        client.configureBlocking(false);
        long start = System.nanoTime();
        boolean connectedAtOnce = client.connect(server.getLocalAddress());
        capture.onConnect(SOCKET_CHANNEL, client, server.getLocalAddress(), connectedAtOnce, null, start);
        if (!connectedAtOnce) {
            assertEquals(State.SYN_SENT, table.find(client).state());
        }

        onOtherThread(() -> {
            try {
                while (!client.finishConnect()) {
                    Thread.onSpinWait();
                }
                capture.onFinishConnect(SOCKET_CHANNEL, client, true, null, System.nanoTime());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        Connection row = table.find(client);
        assertEquals(State.ESTABLISHED, row.state());
        assertEquals(Endpoint.of(client.getLocalAddress()), row.local());
        assertEquals(Endpoint.of(server.getLocalAddress()), row.remote());
        assertEquals(Thread.currentThread().getName(), row.view().thread(), "opened here, not where it completed");
        assertEquals("SocketChannel", row.opener().api());
        assertTrue(row.view().connectNanos() >= 0);
        assertEquals(1, opened(Transport.TCP, Role.OUTBOUND));

        capture.onFinishConnect(SOCKET_CHANNEL, client, true, null, System.nanoTime());
        assertEquals(1, opened(Transport.TCP, Role.OUTBOUND), "finishConnect() again counts nothing");
    }

    @Test
    void aFailedConnectIsReportedOnceWhenTheJdkClosesFirst() throws Exception {
        SocketChannel client = keep(SocketChannel.open());
        client.configureBlocking(false);
        InetSocketAddress refused = closedPort();
        long start = System.nanoTime();
        boolean connected = client.connect(refused);
        capture.onConnect(SOCKET_CHANNEL, client, refused, connected, null, start);
        ConnectException failure = assertThrows(ConnectException.class, () -> {
            while (!client.finishConnect()) {
                Thread.sleep(1);
            }
        });

        capture.onClose(SOCKET_CHANNEL, client); // the JDK closes a channel whose connect failed, then throws
        capture.onFinishConnect(SOCKET_CHANNEL, client, false, failure, start);
        capture.onFinishConnect(SOCKET_CHANNEL, client, false, failure, start);

        assertEquals(1, table.errorsRecorded());
        SocketError error = table.recentErrors().get(0);
        assertEquals(SocketError.Operation.CONNECT, error.operation());
        assertEquals("ConnectException", error.errorType());
        assertEquals(refused.getPort(), error.port(), "the pending connect's remote");
        assertEquals(State.CLOSED, table.find(client).state());
        assertEquals(0, opened(Transport.TCP, Role.OUTBOUND));
    }

    @Test
    void aFailedConnectIsReportedOnceAndClosesItsRowWhenTheFailureComesFirst() throws Exception {
        SocketChannel client = keep(SocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        capture.onBind(SOCKET_CHANNEL, client, new InetSocketAddress(LOOPBACK, 0), -1, null);
        assertEquals(State.BOUND, table.find(client).state());
        InetSocketAddress refused = closedPort();
        long start = System.nanoTime();
        ConnectException failure = assertThrows(ConnectException.class, () -> client.connect(refused));

        capture.onConnect(SOCKET_CHANNEL, client, refused, false, failure, start);
        capture.onClose(SOCKET_CHANNEL, client);
        capture.onConnect(SOCKET_CHANNEL, client, refused, false, failure, start);

        assertEquals(1, table.errorsRecorded());
        assertEquals(refused.getPort(), table.recentErrors().get(0).port());
        assertEquals(State.CLOSED, table.find(client).state(), "a failed connect leaves no open row");
        assertEquals(1, table.counters().connectErrors().counts().get(List.of("tcp", "ConnectException")).sum());
    }

    @Test
    void anAsynchronousConnectThatFailsIsReportedOnceByWhicheverThreadSeesItFirst() throws Exception {
        AsynchronousSocketChannel client = keep(AsynchronousSocketChannel.open());
        InetSocketAddress refused = closedPort();
        long start = System.nanoTime();
        capture.onConnectStart(ASYNC_SOCKET_CHANNEL, client, refused, start);
        assertEquals(State.SYN_SENT, table.find(client).state());
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> client.connect(refused).get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException);
        assertFalse(client.isOpen(), "the asynchronous channel closes itself when its connect fails");

        onOtherThread(() -> capture.onFinishConnect(ASYNC_SOCKET_CHANNEL, client, false, null, start));
        capture.onConnect(ASYNC_SOCKET_CHANNEL, client, refused, false, null, start);

        assertEquals(1, table.errorsRecorded());
        assertEquals("ConnectException", table.recentErrors().get(0).errorType());
        assertEquals(Thread.currentThread().getName(), table.find(client).view().thread());
        assertEquals(State.CLOSED, table.find(client).state());
    }

    @Test
    void anAsynchronousConnectCompletedBeforeItsCallReturnsStaysEstablished() throws Exception {
        ServerSocketChannel server = server();
        AsynchronousSocketChannel client = keep(AsynchronousSocketChannel.open());
        long start = System.nanoTime();
        capture.onConnectStart(ASYNC_SOCKET_CHANNEL, client, server.getLocalAddress(), start);
        client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);

        onOtherThread(() -> capture.onFinishConnect(ASYNC_SOCKET_CHANNEL, client, false, null, start));
        capture.onConnect(ASYNC_SOCKET_CHANNEL, client, server.getLocalAddress(), false, null, start);

        assertEquals(State.ESTABLISHED, table.find(client).state());
        assertEquals(Endpoint.of(client.getLocalAddress()), table.find(client).local());
        assertEquals(1, opened(Transport.TCP, Role.OUTBOUND));
        assertEquals(0, table.errorsRecorded());
    }

    @Test
    void acceptsOnOneThreadFromOneListenerReuseTheOpener() throws Exception {
        ServerSocketChannel server = server();
        capture.onListen(SERVER_SOCKET_CHANNEL, server, server.getLocalAddress(), null);
        assertEquals(Role.LISTENER, table.find(server).role());

        SocketChannel first = accept(server);
        SocketChannel second = accept(server);
        Connection[] elsewhere = new Connection[1];
        onOtherThread(() -> elsewhere[0] = accepted(server));

        Connection firstRow = table.find(first);
        assertEquals(Role.INBOUND, firstRow.role());
        assertEquals(State.ESTABLISHED, firstRow.state());
        assertEquals(Endpoint.of(first.getRemoteAddress()), firstRow.remote());
        assertEquals("ServerSocketChannel", firstRow.opener().api());
        assertSame(firstRow.opener(), table.find(second).opener(), "the second accept walks no stack");
        assertNotSame(firstRow.opener(), elsewhere[0].opener(), "another thread walks its own");
        assertEquals(3, opened(Transport.TCP, Role.INBOUND));
    }

    @Test
    void theAgentsOwnSocketsAreMarkedAndNotCounted() throws Exception {
        ServerSocketChannel server = server();
        capture.asAgent(() -> {
            capture.onListen(SERVER_SOCKET_CHANNEL, server, server.getLocalAddress(), null);
            return null;
        });
        SocketChannel accepted = accept(server);

        assertTrue(table.find(server).agentOwned());
        assertTrue(table.find(accepted).agentOwned(), "accepted from the agent's listener");
        assertEquals(0, opened(Transport.TCP, Role.INBOUND));
        capture.onClose(SOCKET_CHANNEL, accepted);
        assertEquals(0, table.counters().closed(Transport.TCP, Role.INBOUND));
    }

    @Test
    void aUdpSocketCountsOneConnectionPerConnectAndCloseNotPerEvent() throws Exception {
        DatagramChannel peer = keep(DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        DatagramChannel udp = keep(DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        capture.onBind(DATAGRAM_CHANNEL, udp, new InetSocketAddress(LOOPBACK, 0), -1, null);
        assertEquals(Role.DATAGRAM, table.find(udp).role());
        assertEquals(State.BOUND, table.find(udp).state());

        udp.connect(peer.getLocalAddress());
        capture.onConnect(DATAGRAM_CHANNEL, udp, peer.getLocalAddress(), true, null, System.nanoTime());
        capture.onConnect(DATAGRAM_CHANNEL, udp, peer.getLocalAddress(), true, null, System.nanoTime());
        assertEquals(State.CONNECTED, table.find(udp).state());
        assertEquals(Endpoint.of(peer.getLocalAddress()), table.find(udp).remote());
        assertEquals(1, opened(Transport.UDP, Role.OUTBOUND), "connected twice to the same peer: once");

        udp.disconnect();
        capture.onDisconnect(DATAGRAM_CHANNEL, udp);
        assertEquals(State.BOUND, table.find(udp).state());
        assertEquals(1, table.counters().closed(Transport.UDP, Role.OUTBOUND));
        capture.onClose(DATAGRAM_CHANNEL, udp);
        assertEquals(1, table.counters().closed(Transport.UDP, Role.OUTBOUND), "closing a bound socket: no more");
    }

    @Test
    void aSocketsImplIsReadThroughItsProtectedFields() throws Exception {
        ServerSocketChannel server = server();
        SocketImpl impl = platformSocketImpl();
        Socket socket = keep(new Socket(impl) { });
        socket.connect(server.getLocalAddress());
        capture.onConnect(Funnel.NIO_SOCKET_IMPL.id(), impl, server.getLocalAddress(), true, null, System.nanoTime());

        Connection row = table.find(impl);
        assertNotNull(row);
        assertEquals(new Endpoint(socket.getLocalAddress(), socket.getLocalPort()), row.local());
        assertEquals(Endpoint.of(server.getLocalAddress()), row.remote());
        assertEquals("Socket", row.opener().api());
    }

    @Test
    void aFailedBindIsRecordedWithThePortItAskedFor() {
        capture.onBind(Funnel.NIO_SOCKET_IMPL.id(), new Object(), LOOPBACK, 8080,
                new BindException("Address already in use"));

        SocketError error = table.recentErrors().get(0);
        assertEquals(SocketError.Operation.BIND, error.operation());
        assertEquals(8080, error.port());
        assertEquals(1, table.counters().bindErrors().counts().get(List.of("tcp", "BindException")).sum());
        assertEquals(1, table.counters().bindErrorsByPort().counts().get(List.of("tcp", "8080")).sum());
    }

    private SocketChannel accept(ServerSocketChannel server) throws IOException {
        SocketChannel client = keep(SocketChannel.open(server.getLocalAddress()));
        SocketChannel accepted = keep(server.accept());
        assertNotNull(client);
        capture.onAccept(SERVER_SOCKET_CHANNEL, server, accepted, null);
        return accepted;
    }

    private Connection accepted(ServerSocketChannel server) {
        try {
            return table.find(accept(server));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The JDK's own {@code NioSocketImpl}, as a plain Socket gets it (unwrapped: no SOCKS layer). */
    private static SocketImpl platformSocketImpl() throws ReflectiveOperationException {
        Method create = SocketImpl.class.getDeclaredMethod("createPlatformSocketImpl", boolean.class);
        create.setAccessible(true);
        SocketImpl impl = (SocketImpl) create.invoke(null, false);
        assertEquals("sun.nio.ch.NioSocketImpl", impl.getClass().getName());
        return impl;
    }
}
