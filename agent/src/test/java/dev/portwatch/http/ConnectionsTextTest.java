package dev.portwatch.http;

import static dev.portwatch.http.Reports.AGENT;
import static dev.portwatch.http.Reports.BIND_FAILED;
import static dev.portwatch.http.Reports.CONNECT_REFUSED;
import static dev.portwatch.http.Reports.DATAGRAM;
import static dev.portwatch.http.Reports.INBOUND_CLOSED;
import static dev.portwatch.http.Reports.LEAKED;
import static dev.portwatch.http.Reports.LISTENER;
import static dev.portwatch.http.Reports.OUTBOUND;
import static dev.portwatch.http.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.table.ConnectionView;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConnectionsTextTest {

    private static final List<String> COLUMNS = List.of("Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address",
            "Remote Host", "State", "PID", "Role", "Port Class", "Service", "Bytes In", "Bytes Out", "API", "Thread", "Opened By");

    private static final String TEXT = ConnectionsText.render(report(
            List.of(LISTENER, OUTBOUND, INBOUND_CLOSED, LEAKED, AGENT, DATAGRAM), List.of()));

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    /** Columns are separated by at least two spaces; no cell holds two spaces in a row. */
    private static List<String> cells(String line) {
        return List.of(line.split(" {2,}"));
    }

    @Test
    void summaryThenNetstatHeader() {
        List<String> lines = lines(TEXT);

        assertEquals("portwatch: pid 4242, 2023-11-14T22:13:20Z, 5 open, 1 recently closed; "
                + "ephemeral ports 32768-60999", lines.get(0));
        assertTrue(lines.get(1).startsWith("Proto "), lines.get(1));
        assertEquals(COLUMNS, cells(lines.get(1)));
        assertEquals(8, lines.size(), "summary, header and one line per row");
    }

    @Test
    void oneLinePerRowInNetstatColumns() {
        List<String> lines = lines(TEXT);

        assertEquals(List.of("tcp", "-", "-", "*:8080", "*:*", "-", "LISTEN", "4242", "listener", "registered",
                "http-alt", "0", "0", "ServerSocket.bind", "main", "-"), cells(lines.get(2)));
        List<String> outbound = cells(lines.get(3));
        assertEquals(List.of("tcp", "-", "-", "127.0.0.1:6379", "127.0.0.1:5432", "db.internal", "ESTABLISHED", "4242",
                "outbound", "registered", "postgresql", "10", "20", "Socket.connect", "db-pool-1"), outbound.subList(0, 15));
        assertTrue(outbound.get(15).startsWith("dev.portwatch.http.Reports.callSite(Reports.java:"), lines.get(3));
        assertEquals(List.of("tcp6", "-", "-", "[::1]:8080", "[::1]:50000", "-", "CLOSED", "4242", "inbound", "registered",
                "http-alt", "300", "400", "ServerSocket.accept", "http-1", "-"), cells(lines.get(4)));
        assertEquals(List.of("tcp", "-", "-", "10.0.0.2:40000", "10.0.0.1:443", "-", "ESTABLISHED (leaked)", "4242", "outbound",
                "well-known", "https", "0", "0", "SocketChannel.open", "main", "-"), cells(lines.get(5)));
        assertEquals(List.of("tcp", "-", "-", "127.0.0.1:9465", "*:*", "-", "LISTEN", "4242", "listener", "registered",
                "portwatch", "0", "0", "ServerSocketChannel.bind", "portwatch-http", "portwatch endpoint"),
                cells(lines.get(6)));
        assertEquals(List.of("udp", "-", "-", "*:5353", "*:*", "-", "BOUND", "4242", "datagram", "registered", "mdns", "0", "0",
                "DatagramSocket", "main", "-"), cells(lines.get(7)));
    }

    @Test
    void aThreadNameIsEscapedLikeEveryCell() {
        ConnectionView hostile = new ConnectionView(9, LISTENER.transport(), LISTENER.role(), LISTENER.state(),
                LISTENER.local(), null, LISTENER.openedAtMillis(), "evil\n\u001b[31mred\u202e", LISTENER.opener(),
                false, false, -1, 0, 0, 0);
        List<String> lines = lines(ConnectionsText.render(report(List.of(hostile), List.of())));

        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals("evil\\u000a\\u001b[31mred\\u202e", cells(lines.get(2)).get(14), lines.get(2));
    }

    @Test
    void columnsAreAligned() {
        List<String> lines = lines(TEXT);
        int localColumn = lines.get(1).indexOf("Local Address");
        int stateColumn = lines.get(1).indexOf("State");

        assertEquals(localColumn, lines.get(2).indexOf("*:8080"));
        assertEquals(localColumn, lines.get(4).indexOf("[::1]:8080"));
        assertEquals(stateColumn, lines.get(3).indexOf("ESTABLISHED"));
        assertEquals(stateColumn, lines.get(6).indexOf("LISTEN"));
    }

    @Test
    void noErrorsSectionWithoutErrors() {
        assertFalse(TEXT.contains("Recent errors"));
    }

    @Test
    void recentErrorsTable() {
        List<String> lines = lines(ConnectionsText.render(report(List.of(), List.of(CONNECT_REFUSED))));

        assertEquals(COLUMNS, cells(lines.get(1)));
        assertEquals("", lines.get(2));
        assertEquals("Recent errors:", lines.get(3));
        assertEquals(List.of("Operation", "Proto", "Address", "Host", "Error", "Duration", "Time", "Opened By"),
                cells(lines.get(4)));
        assertEquals(List.of("connect", "tcp", "10.0.0.1:5432", "db.internal", "java.net.ConnectException: Connection refused",
                "2000.0 ms", "2023-11-14T22:13:22Z", "-"), cells(lines.get(5)));
        assertEquals(6, lines.size());
    }

    @Test
    void errorMessageStaysOnItsLine() {
        List<String> lines = lines(ConnectionsText.render(report(List.of(), List.of(BIND_FAILED))));

        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals(List.of("bind", "tcp", "-", "-",
                "java.net.BindException: Address \"already\" in use\\u000asecond line", "-", "2023-11-14T22:13:23Z",
                "-"), cells(lines.get(5)));
    }

    @Test
    void durationDoesNotDependOnTheHostLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String text = ConnectionsText.render(report(List.of(), List.of(CONNECT_REFUSED)));
            assertTrue(text.contains("  2000.0 ms  "), text);
        } finally {
            Locale.setDefault(saved);
        }
    }
}
