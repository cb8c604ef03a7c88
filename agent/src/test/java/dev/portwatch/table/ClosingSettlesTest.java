package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The closing threads settle the rows that are due as they close more, without housekeeping. */
class ClosingSettlesTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private ConnectionTable table(int maxRows) {
        return new ConnectionTable(maxRows, 5_000, 4, now::get);
    }

    private static Object open(ConnectionTable table) {
        Object socket = new Object();
        table.create(socket, Role.OUTBOUND, State.ESTABLISHED, endpoint("127.0.0.1", 40000),
                endpoint("127.0.0.1", 5432), ConnectionTableTest.TCP);
        return socket;
    }

    @Test
    void aCloseSettlesTheRowsThatAreDue() {
        ConnectionTable table = table(10);
        Object first = open(table);
        Object second = open(table);
        table.close(first);

        now.addAndGet(RowStore.SETTLE_MILLIS - 1);
        table.close(second);
        assertNotNull(table.find(first), "not due yet: still found by its socket");

        now.addAndGet(1);
        table.close(open(table));
        assertNull(table.find(first), "settled by a later close, no housekeeping pass");
        assertNotNull(table.find(second));
        assertEquals(3, table.snapshot().size());
        assertEquals(3, table.rows());
    }

    @Test
    void aCloseSettlesAFewRowsAtMostAndLaterClosesTheRest() {
        ConnectionTable table = table(100);
        List<Object> sockets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sockets.add(open(table));
        }
        sockets.forEach(table::close);
        now.addAndGet(RowStore.SETTLE_MILLIS);

        table.close(open(table));
        assertEquals(RowStore.SETTLE_PER_CLOSE, sockets.stream().filter(s -> table.find(s) == null).count());
        table.close(open(table));
        table.close(open(table));
        assertEquals(10, sockets.stream().filter(s -> table.find(s) == null).count(), "oldest first, all settled");
        assertEquals(13, table.snapshot().size());
    }

    @Test
    void housekeepingSettlesWhatIsLeftWhenTheClosesStop() {
        ConnectionTable table = table(10);
        Object socket = open(table);
        table.close(socket);
        now.addAndGet(RowStore.SETTLE_MILLIS);
        assertEquals(-1, table.maintain(leak -> { }));
        assertNull(table.find(socket));
        assertEquals(1, table.snapshot().size());
    }

    @Test
    void concurrentClosesLoseNoRowAndSettleEachOnce() throws InterruptedException {
        int threads = 4;
        int each = 5_000;
        // a retention longer than the clock moves here: every row stays
        ConnectionTable table = new ConnectionTable(threads * each, 1_000_000, 4, now::get);
        List<Thread> closers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            closers.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    now.incrementAndGet(); // rows fall due while others close
                    table.close(open(table));
                }
            }));
        }
        closers.forEach(Thread::start);
        for (Thread closer : closers) {
            closer.join();
        }
        now.addAndGet(RowStore.SETTLE_MILLIS);
        table.maintain(leak -> { });

        List<ConnectionView> rows = table.snapshot();
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.id()));
        assertEquals(threads * each, rows.size());
        assertEquals(threads * each, ids.size(), "no row twice");
        assertEquals(threads * each, table.rows());
    }
}
