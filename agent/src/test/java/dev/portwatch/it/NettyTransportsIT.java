package dev.portwatch.it;

import static dev.portwatch.it.NettyRuns.netty;
import static dev.portwatch.it.NettyRuns.only;
import static dev.portwatch.it.NettyRuns.port;
import static dev.portwatch.it.NettyRuns.withKernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Sockets that bypass the JDK: Netty's epoll transport makes its system calls through JNI (its io_uring transport
 * through a ring), and Reactor Netty and gRPC-Java (through its relocated copy of Netty) use it by default on
 * Linux. On each JDK, every TCP socket {@code ss} lists for the process must be a row the instrumentation recorded,
 * opened by named code, with its bytes, connect time and failed connects.
 */
@Timeout(180)
class NettyTransportsIT {

    @EachJdk
    void nettyEpollSocketsAreRows(Path jdk) throws Exception {
        withKernel(netty(jdk), (jvm, agreement) -> {
            assertTcpRows(jvm, agreement, "epoll", "Netty epoll", "io.netty.channel.epoll.");

            String datagrams = jvm.command("datagrams", 60);
            List<Row> rows = agreeingRows(jvm, agreement, "after the datagrams");
            String context = jvm.jdk + ": " + rows;
            int peerPort = port(datagrams, "peer");
            Row peer = only(rows, r -> "udp".equals(r.transport()) && r.local().port() == peerPort, context);
            assertEquals("BOUND", peer.state(), context);
            Row connected = only(rows, r -> "udp".equals(r.transport())
                    && r.local().port() == port(datagrams, "connected"), context);
            assertEquals("CONNECTED", connected.state(), context);
            assertEquals(peerPort, connected.remote().port(), context);
            assertEquals(NettyTcpExchange.SENT, connected.bytesOut(), "bytes sent by a connected datagram socket: "
                    + context);
            for (Row row : List.of(peer, connected)) {
                assertEquals("datagram", row.role(), context);
                assertEquals("Netty epoll", row.api(), context);
            }

            assertRefusedRow(jvm, "refused", "Netty epoll");
            assertCounted(Exposition.parse(jvm.get("/metrics")), jvm.jdk);
            assertAllClosed(jvm, agreement);
        });
    }

    /**
     * Netty 4.2's io_uring transport: its connects, accepts, reads and writes complete in its channels, not in its
     * socket classes, and are rows all the same, with their peers, exact bytes, connect times and refusals.
     */
    @EachJdk
    void nettyIoUringSocketsAreRows(Path jdk) throws Exception {
        withKernel(NettyRuns.nettyWithIoUring(jdk), (jvm, agreement) -> {
            assertTcpRows(jvm, agreement, "io_uring", "Netty io_uring", "io.netty.channel.uring.");
            assertRefusedRow(jvm, "io_uring-refused", "Netty io_uring");
            assertEquals(0.0, Exposition.parse(jvm.get("/metrics")).value("portwatch_agent_errors_total"),
                    jvm.jdk);
            assertAllClosed(jvm, agreement);
        });
    }

    /**
     * A listener's close that the kernel ran but whose completion its channel never read before its event loop
     * stopped (Netty's shutdown leaves one at times, under load): the row closes with the descriptor.
     */
    @EachJdk
    void nettyIoUringCloseUnreadBeforeTheLoopStops(Path jdk) throws Exception {
        withKernel(NettyRuns.nettyWithIoUring(jdk), (jvm, agreement) -> {
            int listenerPort = port(jvm.command("io_uring-unread-close", 60), "listener");
            List<Row> rows = agreeingRows(jvm, agreement, "after the listener's unread close");
            Row listener = only(rows, r -> "listener".equals(r.role()) && r.local().port() == listenerPort,
                    jvm.jdk + ": " + rows);
            assertEquals("CLOSED", listener.state(), jvm.jdk + ": " + listener);
            assertEquals("Netty io_uring", listener.api(), jvm.jdk + ": " + listener);
        });
    }

    /** A library's HTTP or gRPC server and client: what starts its JVM, the scenario's command, its rows' origin. */
    private record Served(String name, NettyStart start, String command, String what, String library, String api,
                          int request) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@link NettyRuns#netty} or {@link NettyRuns#nettyWithIoUring}. */
    private interface NettyStart {
        AgentJvm start(Path jdk) throws Exception;
    }

    /**
     * gRPC-Java over its relocated copy of Netty, and Reactor Netty's HTTP server and client on epoll and on
     * io_uring (Reactor Netty 1.3 prefers Netty's io_uring transport when it is on the class path).
     */
    static List<Served> servedExchanges() {
        int httpRequest = "GET /hello HTTP/1.1\r\n".length();
        return List.of(
                new Served("gRPC", NettyRuns::netty, "grpc", "after the gRPC call",
                        "io.grpc.netty.shaded.io.netty.", "Netty epoll", NettyTcpExchange.SENT),
                new Served("Reactor Netty", NettyRuns::netty, "reactor", "after the HTTP exchange",
                        "io.netty.", "Netty epoll", httpRequest),
                new Served("Reactor Netty on io_uring", NettyRuns::nettyWithIoUring, "reactor",
                        "after the HTTP exchange", "io.netty.channel.uring.", "Netty io_uring", httpRequest));
    }

    @EachJdk(with = "servedExchanges")
    void librariesOnNettySocketsAreRows(Path jdk, Served served) throws Exception {
        withKernel(served.start().start(jdk), (jvm, agreement) -> {
            int server = port(jvm.command(served.command(), 60), "server");
            List<Row> rows = agreeingRows(jvm, agreement, served.what());
            String context = jvm.jdk + ": " + rows;
            assertExchange(rows, server, served.library(), served.api(), served.request(), context);
        });
    }

    /**
     * The scenario's TCP exchange on one transport ({@code command}): a listener, the client's outbound connection
     * and the server's inbound one, each with the known bytes, opened in that transport's channels.
     */
    private static void assertTcpRows(AgentJvm jvm, KernelAgreement agreement, String command, String api,
                                      String channels) throws Exception {
        String answer = jvm.command(command, 60);
        List<Row> rows = agreeingRows(jvm, agreement, "after the " + command + " exchange");
        int listenerPort = port(answer, "listener");
        int clientPort = port(answer, "client");
        String context = jvm.jdk + ": " + rows;

        Row listener = only(rows, r -> "listener".equals(r.role()) && r.local().port() == listenerPort, context);
        assertEquals("LISTEN", listener.state(), context);
        Row outbound = only(rows, r -> "outbound".equals(r.role()) && r.local().port() == clientPort, context);
        assertEquals("ESTABLISHED", outbound.state(), context);
        assertEquals(listenerPort, outbound.remote().port(), context);
        assertEquals(NettyTcpExchange.SENT, outbound.bytesOut(), "bytes the client sent: " + context);
        assertEquals(NettyTcpExchange.ANSWERED, outbound.bytesIn(), "bytes the client read: " + context);
        assertNotNull(outbound.connectSeconds(), context);
        assertTrue(outbound.connectSeconds() >= 0, context);
        Row inbound = only(rows, r -> "inbound".equals(r.role()) && r.remote().port() == clientPort, context);
        assertEquals(listenerPort, inbound.local().port(), context);
        assertEquals(NettyTcpExchange.SENT, inbound.bytesIn(), "bytes the server read: " + context);
        assertEquals(NettyTcpExchange.ANSWERED, inbound.bytesOut(), "bytes the server sent: " + context);
        for (Row row : List.of(listener, outbound, inbound)) {
            assertEquals(api, row.api(), context);
            assertTrue(row.openedBy().startsWith(channels), "a frame of " + api + "'s channels, not of its "
                    + "socket class: " + row);
        }
    }

    /** The scenario's connect ({@code command}) to a closed port: an error row of the API, with its duration. */
    private static void assertRefusedRow(AgentJvm jvm, String command, String api) throws Exception {
        int closed = Ports.closedBelowEphemeralRange();
        assertEquals(command + " " + closed + " error=ConnectException",
                jvm.command(command + " " + closed, 60).substring("OK ".length()));
        ErrorRow refused = jvm.table().errors("connect").stream().filter(e -> e.port() == closed)
                .findFirst().orElseThrow(() -> new AssertionError(jvm.jdk + ": no error row for the refused "
                        + api + " connect to " + closed));
        assertEquals("ConnectException", refused.errorType(), refused.toString());
        assertEquals("tcp", refused.transport(), refused.toString());
        assertEquals(api, refused.api(), refused.toString());
        assertNotNull(refused.durationSeconds(), refused.toString());
        assertTrue(refused.durationSeconds() >= 0 && refused.durationSeconds() < 10, refused.toString());
    }

    /** Closes everything the scenario opened; the table's open rows and the kernel's sockets must agree again. */
    private static void assertAllClosed(AgentJvm jvm, KernelAgreement agreement) throws Exception {
        jvm.command("close", 30);
        agreeingRows(jvm, agreement, "after closing everything");
    }

    /**
     * The epoll scenario's sockets are the application's only ones (the endpoint's own count nowhere), so the
     * metrics count exactly them: one connection each way and one connected UDP socket, the known bytes, the
     * refused connect and both connect times.
     */
    private static void assertCounted(Exposition metrics, String jdk) {
        String tcp = "tcp";
        assertEquals(1.0, metrics.value("portwatch_connections_opened_total", "network_transport", tcp,
                "direction", "outbound"), jdk);
        assertEquals(1.0, metrics.value("portwatch_connections_opened_total", "network_transport", tcp,
                "direction", "inbound"), jdk);
        assertEquals(1.0, metrics.value("portwatch_connections_opened_total", "network_transport", "udp",
                "direction", "outbound"), jdk);
        double exchanged = NettyTcpExchange.SENT + NettyTcpExchange.ANSWERED;
        assertEquals(exchanged, metrics.value("portwatch_io_bytes_total", "network_transport", tcp,
                "network_io_direction", "transmit"), jdk);
        assertEquals(exchanged, metrics.value("portwatch_io_bytes_total", "network_transport", tcp,
                "network_io_direction", "receive"), jdk);
        assertEquals(NettyTcpExchange.SENT, metrics.value("portwatch_io_bytes_total", "network_transport", "udp",
                "network_io_direction", "transmit"), jdk);
        assertEquals(1.0, metrics.value("portwatch_connect_errors_total", "network_transport", tcp,
                "error_type", "ConnectException"), jdk);
        assertEquals(1.0, metrics.value("portwatch_connect_duration_seconds_count", "network_transport", tcp,
                "outcome", "success"), jdk);
        assertEquals(1.0, metrics.value("portwatch_connect_duration_seconds_count", "network_transport", tcp,
                "outcome", "error"), jdk);
    }

    /**
     * Waits for the table's open rows to be the kernel's sockets (so none is the kernel's alone), then returns the
     * application's rows, each recorded by the instrumentation with a thread and an opener.
     */
    private static List<Row> agreeingRows(AgentJvm jvm, KernelAgreement agreement, String what) throws Exception {
        agreement.await(Duration.ofSeconds(15), what);
        List<Row> rows = jvm.table().applicationRows();
        for (Row row : rows) {
            assertTrue(row.recorded(), jvm.jdk + ": " + what + ": not recorded by the agent: " + row);
            assertNotNull(row.openedBy(), jvm.jdk + ": " + what + ": no opener: " + row);
            assertNotNull(row.thread(), jvm.jdk + ": " + what + ": no thread: " + row);
        }
        return rows;
    }

    /**
     * A server's listener, its inbound connection and the client's outbound one, opened in the given library with
     * the given API; the client sent at least {@code request} bytes and was answered at least
     * {@link NettyTcpExchange#ANSWERED}.
     */
    private static void assertExchange(List<Row> rows, int serverPort, String library, String api, int request,
                                       String context) {
        Row listener = only(rows, r -> "listener".equals(r.role()) && r.local().port() == serverPort, context);
        Row outbound = only(rows, r -> "outbound".equals(r.role()) && "ESTABLISHED".equals(r.state())
                && r.remote().port() == serverPort, context);
        Row inbound = only(rows, r -> "inbound".equals(r.role()) && "ESTABLISHED".equals(r.state())
                && r.remote().port() == outbound.local().port(), context);
        for (Row row : List.of(listener, outbound, inbound)) {
            assertEquals(api, row.api(), context);
            assertTrue(row.openedBy().startsWith(library), "opened in " + library + ": " + row);
        }
        assertTrue(outbound.bytesOut() >= request, "the request's bytes: " + outbound);
        assertTrue(outbound.bytesIn() >= NettyTcpExchange.ANSWERED, "the answer's bytes: " + outbound);
        assertEquals(outbound.bytesOut(), inbound.bytesIn(), "what one side sent, the other read: " + context);
        assertEquals(outbound.bytesIn(), inbound.bytesOut(), "what one side sent, the other read: " + context);
        assertNotNull(outbound.connectSeconds(), context);
    }
}
