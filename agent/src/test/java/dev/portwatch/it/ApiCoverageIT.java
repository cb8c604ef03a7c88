package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * One test per family of public socket APIs, on each JDK: the rows the agent reports for it — API name, role,
 * state, bytes each way, connect duration — and that closing the sockets closes every row.
 */
@Timeout(90)
class ApiCoverageIT {

    static Stream<String> families() {
        return Stream.of("stream", "channels", "adaptors", "datagrams", "async");
    }

    @EachJdk(with = "families")
    void apiFamilyIsRecorded(Path jdk, String family) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,closedRetention=60s", ApiExercise.class.getName(),
                family)) {
            assertFamilyRecorded(jvm, jdk, family);
        }
    }

    /** Runs {@link ApiExercise}'s {@code family} in {@code jvm}, started with closed rows kept 60 s, and checks it. */
    static void assertFamilyRecorded(AgentJvm jvm, Path jdk, String family) throws Exception {
        jvm.awaitReady();
        List<Row> rows = jvm.table().applicationRows();
        String context = jdk.getFileName() + " " + family + ": " + rows;
        switch (family) {
            case "stream" -> {
                assertConnections(rows, "ServerSocket", 2, "Socket", 2, context);
                assertBytes(rows, "Socket", "outbound", ApiExercise.ANSWERED, ApiExercise.SENT, context);
                assertBytes(rows, "ServerSocket", "inbound", ApiExercise.SENT, ApiExercise.ANSWERED, context);
                assertTrue(rows.stream().anyMatch(r -> "ipv6".equals(r.family())), context);
            }
            case "channels" -> {
                assertConnections(rows, "ServerSocketChannel", 1, "SocketChannel", 2, context);
                assertBytes(rows, "SocketChannel", "outbound", ApiExercise.ANSWERED, ApiExercise.SENT, context);
                assertBytes(rows, "ServerSocketChannel", "inbound", ApiExercise.SENT, ApiExercise.ANSWERED,
                        context);
            }
            case "adaptors" -> {
                assertConnections(rows, "ServerSocketChannel.socket()", 1, "SocketChannel.socket()", 1,
                        context);
                assertBytes(rows, "SocketChannel.socket()", "outbound", ApiExercise.ANSWERED, ApiExercise.SENT,
                        context);
            }
            case "datagrams" -> {
                assertRows(rows, "DatagramSocket", "datagram", "BOUND", 1, context);
                assertRows(rows, "MulticastSocket", "datagram", "BOUND", 1, context);
                assertRows(rows, "DatagramChannel", "datagram", "CONNECTED", 1, context);
                // the implicitly bound channel, and the one connected then disconnected
                assertRows(rows, "DatagramChannel", "datagram", "BOUND", 2, context);
                assertRows(rows, "DatagramChannel.socket()", "datagram", "BOUND", 1, context);
                assertBytes(rows, "DatagramChannel", "datagram", ApiExercise.ANSWERED, ApiExercise.SENT,
                        context, "CONNECTED");
                assertBytes(rows, "DatagramSocket", "datagram", 2L * ApiExercise.SENT, ApiExercise.ANSWERED,
                        context);
                assertBytes(rows, "DatagramChannel.socket()", "datagram", 0, ApiExercise.SENT, context);
            }
            case "async" -> {
                assertConnections(rows, "AsynchronousServerSocketChannel", 1, "AsynchronousSocketChannel", 1, context);
                assertBytes(rows, "AsynchronousSocketChannel", "outbound", 2L * ApiExercise.ANSWERED,
                        ApiExercise.SENT, context);
                assertBytes(rows, "AsynchronousServerSocketChannel", "inbound", ApiExercise.SENT,
                        2L * ApiExercise.ANSWERED, context);
            }
            default -> throw new IllegalArgumentException(family);
        }
        for (Row row : rows) {
            if ("outbound".equals(row.role())) {
                double seconds = row.connectSeconds();
                assertTrue(seconds > 0 && seconds < 5, "connect duration of " + row);
            }
            assertTrue(String.valueOf(row.openedBy()).startsWith(ApiExercise.class.getName())
                    || !"main".equals(row.thread()), "opener of " + row);
        }

        jvm.command("close");
        List<Row> after = jvm.table().applicationRows();
        assertEquals(rows.size(), after.size(), "closed rows linger: " + after);
        assertTrue(after.stream().allMatch(row -> "CLOSED".equals(row.state())), "all closed: " + after);
        assertFalse(after.stream().anyMatch(Row::leaked), "nothing leaked: " + after);
    }

    /**
     * {@code listeners} LISTEN rows of {@code serverApi}, and {@code connections} ESTABLISHED connections to them from
     * {@code clientApi}: an outbound row of the client's API and an inbound one of the server's for each.
     */
    private static void assertConnections(List<Row> rows, String serverApi, int listeners, String clientApi,
                                          int connections, String context) {
        assertRows(rows, serverApi, "listener", "LISTEN", listeners, context);
        assertRows(rows, clientApi, "outbound", "ESTABLISHED", connections, context);
        assertRows(rows, serverApi, "inbound", "ESTABLISHED", connections, context);
    }

    private static void assertRows(List<Row> rows, String api, String role, String state, int count,
                                   String context) {
        long found = rows.stream().filter(r -> api.equals(r.api()) && role.equals(r.role())
                && state.equals(r.state())).count();
        assertEquals(count, found, api + " " + role + " " + state + " in " + context);
    }

    private static void assertBytes(List<Row> rows, String api, String role, long in, long out, String context,
                                    String... state) {
        List<Row> matching = rows.stream().filter(r -> api.equals(r.api()) && role.equals(r.role())
                && (state.length == 0 || state[0].equals(r.state()))).toList();
        assertFalse(matching.isEmpty(), api + " " + role + " in " + context);
        for (Row row : matching) {
            assertEquals(in, row.bytesIn(), "bytesIn of " + row);
            assertEquals(out, row.bytesOut(), "bytesOut of " + row);
        }
    }
}
