package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A socket object collected while its row is open is a leak; the table must find it without keeping it alive. */
class LeakDetectionTest {

    private static final long RETENTION = 5_000;

    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectionTable table = new ConnectionTable(10, RETENTION, 4, now::get);
    private final List<ConnectionView> reported = new ArrayList<>();

    private static RowOrigin origin(boolean closedByJdkWhenCollected) {
        return new RowOrigin(Transport.TCP, "main", Opener.unknown("Socket.connect"), false,
                closedByJdkWhenCollected);
    }

    /** Creates a row for a socket nobody references afterwards; returns a probe that clears when it is gone. */
    private WeakReference<Object> openAndDrop(RowOrigin origin, boolean closeFirst) {
        Object socket = new Object();
        table.create(socket, Role.OUTBOUND, State.ESTABLISHED, endpoint("127.0.0.1", 40000),
                endpoint("127.0.0.1", 5432), origin);
        if (closeFirst) {
            table.close(socket);
        }
        return new WeakReference<>(socket);
    }

    /** Collects garbage and runs housekeeping until the condition holds; at most about five seconds. */
    private boolean gcUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            System.gc();
            table.maintain(reported::add);
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** More rounds of garbage collection and housekeeping, for what must not happen. */
    private void moreRounds() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            System.gc();
            table.maintain(reported::add);
            Thread.sleep(5);
        }
    }

    @Test
    void leakOfASocketTheJdkClosesIsReportedOnceAndClosed() throws InterruptedException {
        openAndDrop(origin(true), false);
        now.set(2_000);

        assertTrue(gcUntil(() -> !reported.isEmpty()), "the leak was never reported");
        moreRounds(); // must not report it again

        assertEquals(1, reported.size());
        ConnectionView leak = reported.get(0);
        assertTrue(leak.leaked());
        assertEquals(State.CLOSED, leak.state());
        assertEquals(2_000, leak.closedAtMillis());
        assertEquals(1, table.leakedSockets());
        assertEquals(List.of(leak), table.snapshot(), "the leaked row lingers like any closed row");
        now.set(2_000 + RowStore.SETTLE_MILLIS);
        table.maintain(reported::add);
        assertEquals(List.of(leak), table.snapshot(), "and shows the same once settled");

        now.set(2_000 + RETENTION);
        table.maintain(reported::add);
        assertEquals(List.of(), table.snapshot());
        assertEquals(0, table.rows());
    }

    @Test
    void leakOfAChannelStaysOpen() throws InterruptedException {
        openAndDrop(origin(false), false);

        assertTrue(gcUntil(() -> !reported.isEmpty()), "the leak was never reported");
        moreRounds();

        assertEquals(1, reported.size());
        ConnectionView leak = reported.get(0);
        assertTrue(leak.leaked());
        assertEquals(State.ESTABLISHED, leak.state(), "nothing closes a collected channel's descriptor");
        assertEquals(0, leak.closedAtMillis());

        now.addAndGet(3_600_000);
        table.maintain(reported::add);
        assertEquals(List.of(leak), table.snapshot(), "an open leaked row does not expire");
        assertEquals(1, table.rows());
        assertEquals(1, table.leakedSockets());
    }

    @Test
    void collectingAClosedSocketIsNotALeak() throws InterruptedException {
        WeakReference<Object> probe = openAndDrop(origin(false), true);

        assertTrue(gcUntil(() -> probe.get() == null), "the socket was never collected");
        moreRounds();

        assertEquals(List.of(), reported);
        assertEquals(0, table.leakedSockets());
        List<ConnectionView> rows = table.snapshot();
        assertEquals(1, rows.size(), "the closed row lingers until its retention ends");
        assertFalse(rows.get(0).leaked());
        assertEquals(State.CLOSED, rows.get(0).state());

        now.addAndGet(RETENTION);
        table.maintain(reported::add);
        assertEquals(List.of(), table.snapshot());
        assertEquals(0, table.rows());
    }
}
