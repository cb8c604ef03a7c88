package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {

    static final RowOrigin TCP = new RowOrigin(Transport.TCP, "main", Opener.unknown("Socket.connect"), false, true);

    private final AtomicLong now = new AtomicLong(1_000);

    private ConnectionTable table(int maxRows) {
        return new ConnectionTable(maxRows, 5_000, 4, now::get);
    }

    private static Connection open(ConnectionTable table, Object socket) {
        return table.create(socket, Role.OUTBOUND, State.ESTABLISHED, endpoint("127.0.0.1", 40000),
                endpoint("127.0.0.1", 5432), TCP);
    }

    @Test
    void createThenFindBySocketIdentity() {
        ConnectionTable table = table(10);
        Object socket = new Object();

        Connection row = open(table, socket);

        assertSame(row, table.find(socket));
        assertNull(table.find(new Object()));
        assertEquals(1, table.rows());
        assertEquals(List.of(row.view()), table.snapshot());
    }

    @Test
    void rowsAreKeyedByIdentityNotEquality() {
        ConnectionTable table = table(10);
        String first = new String("socket");
        String second = new String("socket");

        Connection a = open(table, first);
        Connection b = open(table, second);

        assertNotSame(a, b);
        assertSame(b, table.find(second));
        assertEquals(2, table.rows());
    }

    @Test
    void createForAKnownSocketReturnsItsRow() {
        ConnectionTable table = table(10);
        Object socket = new Object();
        Connection row = open(table, socket);

        Connection again = table.create(socket, Role.LISTENER, State.LISTEN, null, null, TCP);

        assertSame(row, again);
        assertEquals(State.ESTABLISHED, again.state());
        assertEquals(1, table.rows());
    }

    @Test
    void idsIncrease() {
        ConnectionTable table = table(10);
        long first = open(table, new Object()).view().id();
        long second = open(table, new Object()).view().id();
        assertTrue(second > first);
    }

    @Test
    void closeIsIdempotent() {
        ConnectionTable table = table(10);
        Object socket = new Object();
        Connection row = open(table, socket);

        now.set(2_000);
        table.close(socket);
        now.set(3_000);
        table.close(socket);

        assertEquals(State.CLOSED, row.state());
        assertEquals(2_000, row.view().closedAtMillis(), "a second close does not move the close time");
        assertSame(row, table.find(socket), "a closed row lingers");
    }

    @Test
    void closeOfAnUnknownSocketIsIgnored() {
        ConnectionTable table = table(10);
        Connection row = open(table, new Object());

        table.close(new Object());

        assertTrue(row.isOpen());
        assertEquals(1, table.rows());
    }

    @Test
    void fullTableEvictsTheRowClosedFirst() {
        ConnectionTable table = table(3);
        Object s1 = new Object();
        Object s2 = new Object();
        Object s3 = new Object();
        open(table, s1);
        open(table, s2);
        open(table, s3);
        table.close(s2);
        now.incrementAndGet();
        table.close(s1);

        assertNotNull(open(table, new Object()));
        assertNull(table.find(s2), "closed first, evicted first");
        assertNotNull(table.find(s1));
        assertEquals(3, table.rows());

        assertNotNull(open(table, new Object()));
        assertNull(table.find(s1));
        assertNotNull(table.find(s3), "open rows are never evicted");
        assertEquals(3, table.rows());
        assertEquals(0, table.untrackedSockets());
    }

    @Test
    void fullTableOfOpenRowsCountsNewSocketsAsUntracked() {
        ConnectionTable table = table(2);
        open(table, new Object());
        open(table, new Object());
        Object third = new Object();

        assertNull(open(table, third));
        assertNull(open(table, new Object()));

        assertNull(table.find(third));
        assertEquals(2, table.untrackedSockets());
        assertEquals(2, table.rows());
        assertEquals(2, table.snapshot().size());
    }

    @Test
    void closedRowsExpireAfterTheRetention() {
        ConnectionTable table = table(10);
        Object closed = new Object();
        Object stillOpen = new Object();
        open(table, closed);
        open(table, stillOpen);
        now.set(2_000);
        table.close(closed);

        now.set(6_999);
        table.maintain(leak -> { });
        assertEquals(2, table.snapshot().size(), "retention not over yet");
        assertEquals(2, table.rows());

        now.set(7_000);
        table.maintain(leak -> { });
        assertEquals(1, table.rows());
        assertEquals(1, table.snapshot().size());

        now.set(7_000 + 3_600_000);
        table.maintain(leak -> { });
        assertNotNull(table.find(stillOpen), "open rows never expire");
        assertEquals(1, table.snapshot().size());
    }

    @Test
    void aSettledClosedRowShowsWhatTheRowShowed() {
        ConnectionTable table = table(10);
        Object socket = new Object();
        Connection row = table.connectStarted(socket, endpoint("127.0.0.1", 40000), endpoint("10.1.2.3", 5432),
                "db.example", 100, () -> TCP);
        table.connected(socket, endpoint("127.0.0.1", 40000).address(), 40000, endpoint("10.1.2.3", 5432).address(),
                5432, null, 0, 350, () -> TCP);
        table.addBytes(socket, 7, true);
        table.addBytes(socket, 11, false);
        now.set(2_000);
        table.close(socket);
        ConnectionView closed = row.view();

        now.set(2_000 + RowStore.SETTLE_MILLIS - 1);
        table.maintain(leak -> { });
        assertSame(row, table.find(socket), "a row just closed is still found by its socket's late events");

        now.set(2_000 + RowStore.SETTLE_MILLIS);
        table.maintain(leak -> { });
        assertNull(table.find(socket), "settled: no key of the socket any more");
        assertEquals(List.of(closed), table.snapshot());
        assertEquals(250, closed.connectNanos());
        assertEquals("db.example", closed.remoteHost());
        assertEquals(1, table.rows());
    }

    @Test
    void maintainSaysWhenTheOldestClosedRowIsDueToSettle() {
        ConnectionTable table = table(10);
        Object socket = new Object();
        open(table, socket);
        assertEquals(-1, table.maintain(leak -> { }), "an open row waits for nothing");

        table.close(socket);
        assertEquals(RowStore.SETTLE_MILLIS, table.maintain(leak -> { }),
                "just closed: housekeeping comes back when it is due to settle");
        now.addAndGet(RowStore.SETTLE_MILLIS - 30);
        assertEquals(30, table.maintain(leak -> { }), "30 ms to go");

        now.addAndGet(30);
        assertEquals(-1, table.maintain(leak -> { }), "settled into the ring");
        assertNull(table.find(socket));
        assertEquals(1, table.snapshot().size());
        assertEquals(State.CLOSED, table.snapshot().get(0).state());
    }

    @Test
    void aSettledRowKeepsAnIpv6PeerAndAnUnknownOne() {
        ConnectionTable table = table(10);
        Object ipv6 = new Object();
        Object noPeer = new Object();
        table.create(ipv6, Role.INBOUND, State.ESTABLISHED, endpoint("::1", 8080), endpoint("fe80::1", 51000),
                TCP);
        table.create(noPeer, Role.DATAGRAM, State.BOUND, endpoint("0.0.0.0", 5353), null, TCP);
        table.close(ipv6);
        table.close(noPeer);
        List<ConnectionView> before = table.snapshot();

        now.addAndGet(RowStore.SETTLE_MILLIS);
        table.maintain(leak -> { });

        assertNull(table.find(ipv6));
        assertEquals(byId(before), byId(table.snapshot()));
    }

    @Test
    void settledRowsAreEvictedFirstThenRowsJustClosed() {
        ConnectionTable table = table(3);
        Object s1 = new Object();
        Object s2 = new Object();
        Object s3 = new Object();
        Connection first = open(table, s1);
        open(table, s2);
        open(table, s3);
        table.close(s1);
        now.addAndGet(RowStore.SETTLE_MILLIS);
        table.maintain(leak -> { });
        table.close(s2);

        assertNotNull(open(table, new Object()));
        assertEquals(3, table.rows());
        assertTrue(table.snapshot().stream().noneMatch(view -> view.id() == first.id), "the settled row went");
        assertNotNull(table.find(s2));

        assertNotNull(open(table, new Object()));
        assertNull(table.find(s2), "then the row just closed");
        assertNull(open(table, new Object()), "then none: every row is open");
        assertEquals(3, table.rows());
        assertEquals(3, table.snapshot().size());
    }

    private static List<ConnectionView> byId(List<ConnectionView> views) {
        return views.stream().sorted(java.util.Comparator.comparingLong(ConnectionView::id)).toList();
    }

    @Test
    void recentErrorsKeepTheNewestOldestFirst() {
        ConnectionTable table = table(10);

        table.recordError(error(1));
        table.recordError(error(2));
        assertEquals(List.of(1, 2), ports(table.recentErrors()));

        IntStream.rangeClosed(3, 6).forEach(port -> table.recordError(error(port)));
        assertEquals(List.of(3, 4, 5, 6), ports(table.recentErrors()));
        assertEquals(6, table.errorsRecorded());
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionTable(0, 0, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionTable(1, 0, 0, now::get));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionTable(1, -1, 1, now::get));
    }

    private static SocketError error(int port) {
        return new SocketError(SocketError.Operation.CONNECT, Transport.TCP, endpoint("10.0.0.1", port), port,
                "java.net.ConnectException", "Connection refused", -1, 0, "main", Opener.unknown("Socket.connect"));
    }

    private static List<Integer> ports(List<SocketError> errors) {
        return errors.stream().map(SocketError::port).toList();
    }
}
