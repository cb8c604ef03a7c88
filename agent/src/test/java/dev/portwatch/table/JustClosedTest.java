package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JustClosedTest {

    private static final RowOrigin ORIGIN = new RowOrigin(Transport.TCP, "t", Opener.unknown("Socket"), false, true);
    private static final AtomicLong IDS = new AtomicLong();

    private static Connection row() {
        return new Connection(new Object(), null, IDS.incrementAndGet(), ORIGIN, Role.INBOUND, State.CLOSED, null,
                0, null, 0, 0);
    }

    @Test
    void rowsAreTakenOldestFirstWhenAddsAndTakesInterleave() {
        JustClosed closed = new JustClosed();
        Connection a = row();
        Connection b = row();
        Connection c = row();
        Connection d = row();
        assertNull(closed.peek());
        closed.add(a);
        closed.add(b);
        assertSame(a, closed.peek());
        closed.add(c); // pushed after the older ones were reversed into the list
        assertSame(a, closed.poll());
        closed.add(d);
        assertSame(b, closed.poll());
        assertSame(c, closed.poll());
        assertSame(d, closed.poll());
        assertNull(closed.poll());
        assertNull(a.closedNext, "a taken row keeps no other reachable");
    }

    @Test
    void onlyTheOldestCanBeRemovedAndOnlyOnce() {
        JustClosed closed = new JustClosed();
        Connection a = row();
        Connection b = row();
        closed.add(a);
        closed.add(b);
        assertFalse(closed.removeOldest(b));
        assertTrue(closed.removeOldest(a));
        assertFalse(closed.removeOldest(a), "taken already (by eviction, say)");
        assertFalse(closed.removeOldest(null));
        assertSame(b, closed.peek());
    }

    @Test
    @Timeout(30)
    void rowsAddedByManyThreadsAreTakenOnceEachAndInEachThreadsOrder() throws InterruptedException {
        JustClosed closed = new JustClosed();
        int threads = 4;
        int perThread = 20_000;
        List<List<Connection>> added = new ArrayList<>();
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Connection> rows = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                rows.add(row());
            }
            added.add(rows);
            adders.add(new Thread(() -> rows.forEach(closed::add)));
        }
        adders.forEach(Thread::start);
        List<Connection> taken = new ArrayList<>();
        while (taken.size() < threads * perThread) {
            // poll's oldest may differ from peek's a moment before: a stripe refilled in between can hold an
            // equally old row; what poll returns is taken either way
            Connection row = taken.size() % 2 == 0 ? closed.peek() : closed.poll();
            if (row != null && (taken.size() % 2 != 0 || closed.removeOldest(row))) {
                taken.add(row);
            }
        }
        for (Thread adder : adders) {
            adder.join();
        }
        assertNull(closed.poll());
        assertEquals(threads * perThread, new HashSet<>(taken).size());
        for (List<Connection> rows : added) {
            Set<Connection> ofThread = new HashSet<>(rows);
            assertEquals(rows, taken.stream().filter(ofThread::contains).toList());
        }
    }

    /** Closed on two threads that push onto two stacks: taken by when they closed, whichever stack holds them. */
    @Test
    void rowsOfTwoStripesAreTakenByWhenTheyClosed() throws InterruptedException {
        JustClosed closed = new JustClosed();
        Connection a = closedAt(10);
        Connection b = closedAt(20);
        Connection c = closedAt(30);
        Connection d = closedAt(40);
        Thread first = new Thread(() -> {
            closed.add(a);
            closed.add(d);
        });
        Runnable secondAdds = () -> {
            closed.add(b);
            closed.add(c);
        };
        Thread second = new Thread(secondAdds);
        while ((System.identityHashCode(second) & 3) == (System.identityHashCode(first) & 3)) {
            second = new Thread(secondAdds); // the stripe is the adding thread's
        }
        first.start();
        first.join();
        second.start();
        second.join();
        assertSame(a, closed.peek());
        assertFalse(closed.removeOldest(b), "not the oldest yet");
        assertSame(a, closed.poll());
        assertTrue(closed.removeOldest(b));
        assertSame(c, closed.poll());
        assertSame(d, closed.poll());
        assertNull(closed.peek());
    }

    private static Connection closedAt(long millis) {
        Connection row = new Connection(new Object(), null, IDS.incrementAndGet(), ORIGIN, Role.INBOUND,
                State.ESTABLISHED, null, 0, null, 0, 0);
        row.close(millis);
        return row;
    }
}
