package dev.portwatch.http;

import static dev.portwatch.http.Reports.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.port.EphemeralRange;
import dev.portwatch.port.PortFixtures;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.RowOrigin;
import dev.portwatch.table.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

    private static final PortInfo PORTS = PortFixtures.testPorts();

    private static ConnectionView row(Transport transport, Role role, Endpoint local, Endpoint remote) {
        return new ConnectionView(1, transport, role, State.ESTABLISHED, local, remote, 0, "main",
                Opener.unknown("api"), false, false, -1, 0, 0, 0);
    }

    private static String[] services(PortInfo ports, ConnectionView row) {
        ReportRow reported = new ReportRows(ports).tracked(row, null, false);
        return new String[] {reported.localService(), reported.remoteService()};
    }

    @Test
    void listenerNamesItsLocalPort() {
        ConnectionView listener = row(Transport.TCP, Role.LISTENER, endpoint("0.0.0.0", 443), null);
        assertEquals("https", services(PORTS, listener)[0]);
        assertNull(services(PORTS, listener)[1], "no remote end, no name");
    }

    @Test
    void inboundNamesItsLocalPortOnly() {
        ConnectionView inbound = row(Transport.TCP, Role.INBOUND, endpoint("127.0.0.1", 5432),
                endpoint("127.0.0.1", 6379));
        String[] services = services(PORTS, inbound);
        assertEquals("postgresql", services[0]);
        assertNull(services[1], "the client's port 6379 is not redis here");
    }

    @Test
    void outboundNamesItsRemotePortOnly() {
        ConnectionView outbound = row(Transport.TCP, Role.OUTBOUND, endpoint("127.0.0.1", 6379),
                endpoint("127.0.0.1", 5432));
        String[] services = services(PORTS, outbound);
        assertNull(services[0]);
        assertEquals("postgresql", services[1]);
    }

    @Test
    void datagramNamesItsLocalPortUnlessEphemeral() {
        ConnectionView mdns = row(Transport.UDP, Role.DATAGRAM, endpoint("0.0.0.0", 5353), endpoint("10.0.0.1", 53));
        assertEquals("mdns", services(PORTS, mdns)[0]);
        assertEquals("domain", services(PORTS, mdns)[1]);

        PortInfo rangeAround5353 = new PortInfo(new EphemeralRange(5000, 6000, "test"),
                PortFixtures.builtInServiceNames());
        assertNull(services(rangeAround5353, mdns)[0], "an OS-picked datagram port is nobody's service");
        assertEquals("domain", services(rangeAround5353, mdns)[1]);
    }

    @Test
    void dynamicPortsHaveNoName() {
        ConnectionView listener = row(Transport.TCP, Role.LISTENER, endpoint("0.0.0.0", 50000), null);
        assertNull(services(PORTS, listener)[0]);
    }

    @Test
    void aSocketOnlyTheKernelKnowsIsARowOfItsOwnKindWithUnknownsUnknown() {
        KernelSocket socket = new KernelSocket(Transport.TCP, endpoint("127.0.0.1", 5432), endpoint("127.0.0.1", 40000),
                "ESTABLISHED", 0, 0, 77);
        ReportRow row = new ReportRows(PORTS).kernelOnly(socket, java.util.Set.of(5432));

        assertEquals(ReportRow.Source.KERNEL, row.source());
        assertEquals(ReportRow.NONE, row.id());
        assertEquals(Role.INBOUND, row.role(), "its local port is one the process listens on");
        assertEquals(ReportRow.NONE, row.bytesIn());
        assertEquals(ReportRow.NONE, row.bytesOut());
        assertNull(row.openedAt());
        assertEquals(ReportRow.NONE, row.connectNanos());
        assertEquals(List.of("-", "-", "-", "-", ReportRow.KERNEL_ONLY), List.of(row.bytesInCell(), row.bytesOutCell(),
                row.connectCell(), row.openedAtCell(), row.openedByCell()));
        String json = ConnectionsJson.render(new TableReport(1, 0, List.of(row), List.of(), 0, 0, PORTS,
                ConnectionFilter.ALL));
        assertTrue(json.contains("\"openedAt\":null,\"thread\":null,\"openedBy\":null,\"openedByKind\":null,"
                + "\"bytesIn\":null,\"bytesOut\":null,\"connectSeconds\":null"), json);
    }

    @Test
    void ofFiltersAndOrdersById() throws BadRequestException {
        ConnectionTable table = new ConnectionTable(100, 5_000, 4, () -> Reports.T);
        RowOrigin tcp = new RowOrigin(Transport.TCP, "main", Opener.unknown("Socket"), false, true);
        RowOrigin udp = new RowOrigin(Transport.UDP, "main", Opener.unknown("DatagramSocket"), false, true);
        Object[] sockets = new Object[6];
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = new Object();
            boolean datagram = i % 2 == 0;
            table.bound(sockets[i], endpoint("0.0.0.0", 1000 + i), () -> datagram ? udp : tcp);
        }
        table.close(sockets[2]);
        table.recordError(Reports.CONNECT_REFUSED);

        TableReport report = TableReport.of(table, ConnectionFilter.parse("transport=udp&state=open"), PORTS,
                KernelView.none());

        assertEquals(List.of(1L, 5L), report.rows().stream().map(ReportRow::id).toList());
        assertEquals(List.of(Reports.CONNECT_REFUSED), report.errors());
        assertEquals(ProcessHandle.current().pid(), report.pid());
        assertEquals(0, report.untracked());
        assertEquals(0, report.leaks());
    }

    private static ConnectionView withId(long id) {
        return new ConnectionView(id, Transport.TCP, Role.OUTBOUND, State.ESTABLISHED, endpoint("127.0.0.1", 1),
                endpoint("127.0.0.1", 2), 0, "main", Opener.unknown("api"), false, false, -1, 0, 0, 0);
    }

    /** Rows come by id, whatever order the table's snapshot had, ids that do not fit the packed sort included. */
    @Test
    void rowsAreOrderedById() {
        java.util.Random random = new java.util.Random(14);
        for (int n : new int[] {0, 1, 2, 3, 1000, 4097}) {
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(n % 2 == 0 ? random.nextInt(3 * n + 1) : Long.MAX_VALUE - random.nextInt(1000));
            }
            List<ConnectionView> rows = ids.stream().map(TableReportTest::withId).toList();
            List<Long> sorted = ids.stream().sorted().toList();
            List<ConnectionView> byId = TableReport.byId(rows);
            assertEquals(sorted, byId.stream().map(ConnectionView::id).toList(), () -> n + " rows");
            assertTrue(byId.containsAll(rows) && rows.containsAll(byId), "the same rows");
        }
    }
}
