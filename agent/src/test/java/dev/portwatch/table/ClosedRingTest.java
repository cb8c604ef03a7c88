package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClosedRingTest {

    private static final Opener OPENER = Opener.unknown("Socket.connect");
    private static final Endpoint LOCAL = endpoint("127.0.0.1", 40000);
    private static final Endpoint REMOTE = endpoint("10.1.2.3", 5432);

    /** A row whose every number derives from its id, so a reader can tell a row mixed from two. */
    private static boolean append(ClosedRing ring, long id) {
        return ring.append(id, Transport.TCP, Role.OUTBOUND, id, id + 1, id + 2, "t", OPENER, false, false, id * 3,
                id * 5, id * 7, Ipv4.kept(LOCAL.address()), Ipv4.bits(LOCAL.address()), (char) LOCAL.port(), Ipv4.kept(REMOTE.address()),
                Ipv4.bits(REMOTE.address()), (char) REMOTE.port(), null);
    }

    private static void assertWhole(ConnectionView row) {
        long id = row.id();
        assertEquals(List.of(id, id + 1, id + 2, id * 3, id * 5, id * 7),
                List.of(row.openedAtMillis(), row.connectedAtMillis(), row.closedAtMillis(), row.connectNanos(),
                        row.bytesIn(), row.bytesOut()), "row " + id + " mixes two rows");
        assertEquals(LOCAL, row.local());
        assertEquals(REMOTE, row.remote());
    }

    private static List<ConnectionView> views(ClosedRing ring) {
        List<ConnectionView> views = new ArrayList<>();
        ring.addViews(views);
        return views;
    }

    private static List<Long> ids(ClosedRing ring) {
        List<ConnectionView> views = new ArrayList<>();
        ring.addViews(views);
        return views.stream().map(ConnectionView::id).toList();
    }

    @Test
    void aRowReadsBackAsItWasWrittenWhateverItsEnds() {
        ClosedRing ring = new ClosedRing(10);
        ring.append(1, Transport.TCP, Role.OUTBOUND, 10, 11, 12, "main", OPENER, true, true, 250, 7, 11,
                Ipv4.kept(LOCAL.address()), Ipv4.bits(LOCAL.address()), (char) LOCAL.port(), Ipv4.kept(REMOTE.address()), Ipv4.bits(REMOTE.address()),
                (char) REMOTE.port(), "db.example");
        Endpoint ipv6 = endpoint("fe80::1", 51000);
        ring.append(2, Transport.TCP, Role.INBOUND, 20, 20, 21, "acceptor", OPENER, false, false, -1, 0, 0,
                endpoint("::1", 8080).address(), 0, (char) 8080, ipv6.address(), 0, (char) ipv6.port(), null);
        ring.append(3, Transport.UDP, Role.DATAGRAM, 30, 30, 31, "udp", OPENER, false, false, -1, 0, 0,
                null, 0, (char) 0, null, 0, (char) 0, null);
        List<ConnectionView> views = new ArrayList<>();
        ring.addViews(views);

        assertEquals(List.of(
                new ConnectionView(1, Transport.TCP, Role.OUTBOUND, State.CLOSED, LOCAL, REMOTE, 10, "main", OPENER,
                        true, true, 250, 12, 7, 11, 11, "db.example"),
                new ConnectionView(2, Transport.TCP, Role.INBOUND, State.CLOSED, endpoint("::1", 8080), ipv6, 20,
                        "acceptor", OPENER, false, false, -1, 21, 0, 0, 20, null),
                new ConnectionView(3, Transport.UDP, Role.DATAGRAM, State.CLOSED, null, null, 30, "udp", OPENER,
                        false, false, -1, 31, 0, 0, 30, null)), views);
    }

    @Test
    void wrapsAroundAndDropsTheOldestWhenFull() {
        ClosedRing ring = new ClosedRing(700); // not a whole number of chunks
        for (long id = 1; id <= 1_000; id++) {
            assertEquals(id > 700, append(ring, id), "dropped one to append row " + id);
        }
        assertEquals(700, ring.size());
        assertEquals(300, ring.dropped());
        List<Long> ids = ids(ring);
        assertEquals(301, ids.get(0));
        assertEquals(1_000, ids.get(699));
        assertEquals(700, ids.size());

        assertEquals(100, ring.expire(402)); // rows 301..400 closed at 303..402
        assertEquals(401, ids(ring).get(0));
        assertTrue(ring.dropOldest());
        assertEquals(402, ids(ring).get(0));
        assertEquals(599, ring.size());
    }

    @Test
    void expiresOldestFirstUpToTheTimeGiven() {
        ClosedRing ring = new ClosedRing(10);
        for (long id = 1; id <= 5; id++) {
            append(ring, id * 100); // closed at id * 100 + 2
        }
        assertEquals(0, ring.expire(101));
        assertEquals(2, ring.expire(301));
        assertEquals(List.of(300L, 400L, 500L), ids(ring));
        assertEquals(3, ring.expire(Long.MAX_VALUE));
        assertEquals(List.of(), ids(ring));
        assertFalse(ring.dropOldest(), "nothing left to drop");
    }

    @Test
    void releasesEmptyChunksOnlyOnceAtMostHalfFull() {
        int chunk = ClosedRing.CHUNK_ROWS;
        ClosedRing ring = new ClosedRing(4 * chunk);
        assertEquals(0, ring.chunks(), "an empty ring holds no storage");
        for (long id = 0; id < 4 * chunk; id++) {
            append(ring, id);
        }
        assertEquals(4, ring.chunks());

        ring.expire(chunk + 1L); // the first chunk's rows go (closed at id + 2), but 3 chunks of 4 are still full
        assertEquals(3 * chunk, ring.size());
        assertEquals(4, ring.chunks(), "kept while more than half full: it is about to be written again");

        ring.expire(2L * chunk + 1);
        assertEquals(2 * chunk, ring.size());
        assertEquals(2, ring.chunks(), "half full: the empty chunks go");

        for (long id = 4 * chunk; id < 4 * chunk + 10; id++) {
            append(ring, id); // wraps into the first chunk again
        }
        assertEquals(3, ring.chunks());
        assertEquals(2 * chunk + 10, ring.size());
        List<Long> ids = ids(ring);
        assertEquals(2L * chunk, ids.get(0));
        assertEquals(4L * chunk + 9, ids.get(ids.size() - 1));

        ring.expire(Long.MAX_VALUE);
        assertEquals(0, ring.chunks(), "an idle ring holds nothing");
    }

    @Test
    void steadyChurnBelowCapacityReusesItsChunksInsteadOfAllocatingNewOnes() {
        int chunk = ClosedRing.CHUNK_ROWS;
        ClosedRing ring = new ClosedRing(8 * chunk);
        // A quarter of the capacity lingers (closed at id + 2, kept while id + 2 > now - 2 chunks): the rows slide
        // through every slot lap after lap, each chunk emptied behind the oldest row and reached again a lap later.
        long retention = 2L * chunk;
        for (long id = 0; id < 40L * chunk; id++) {
            append(ring, id);
            if (id % 64 == 0) {
                ring.expire(id + 2 - retention);
            }
        }
        RingChunks storage = ring.storage();
        assertTrue(ring.chunks() <= 4, "a quarter full uses about a quarter of the chunks: " + ring.chunks());
        assertTrue(storage.spares() > 0, "the chunks it emptied are kept");
        assertTrue(storage.allocations() <= 8, "5 laps of 8 chunks, yet no more than 8 allocated: "
                + storage.allocations());
        assertTrue(ring.chunks() + storage.spares() <= 8, "never more arrays than the ring has chunks");
        List<Long> ids = ids(ring);
        assertEquals(40L * chunk - 1, ids.get(ids.size() - 1));
        for (ConnectionView row : views(ring)) {
            assertWhole(row);
        }

        ring.expire(Long.MAX_VALUE);
        assertEquals(0, ring.chunks(), "an idle ring holds nothing");
        assertEquals(0, storage.spares(), "not even spares");
    }

    @Test
    void aSpareKeepsNoReferenceOfADroppedRow() {
        int chunk = ClosedRing.CHUNK_ROWS;
        ClosedRing ring = new ClosedRing(4 * chunk);
        for (long id = 0; id < 2L * chunk; id++) {
            append(ring, id);
        }
        for (int i = 0; i < chunk; i++) {
            assertTrue(ring.dropOldest()); // as an application's thread does: the slots keep their references
        }
        ring.expire(0); // nothing expires, but the first chunk is empty and the ring at most half full
        RingChunks storage = ring.storage();
        assertEquals(1, storage.spares());
        for (long id = 2L * chunk; id < 4L * chunk + 1; id++) {
            append(ring, id); // the last append reaches the first chunk again: the spare
        }
        assertEquals(0, storage.spares());
        assertEquals(4, storage.allocations(), "the first chunk's arrays came back, not new ones");
    }

    @Test
    void theObjectsRowsNameAreKeptOnceAndGoWithTheirLastRow() {
        int chunk = ClosedRing.CHUNK_ROWS;
        ClosedRing ring = new ClosedRing(4 * chunk);
        for (long id = 0; id < 3L * chunk; id++) {
            append(ring, id); // one thread name and one opener for all
        }
        assertEquals(2, ring.referencesHeld());
        Endpoint ipv6 = endpoint("fe80::1", 51000);
        for (long id = 3L * chunk; id < 3L * chunk + 3; id++) { // an IPv6 peer and a host name each
            ring.append(id, Transport.TCP, Role.OUTBOUND, id, id + 1, id + 2, "t" + id, OPENER, false, false, 0, 0, 0,
                    Ipv4.kept(LOCAL.address()), Ipv4.bits(LOCAL.address()), (char) LOCAL.port(), endpoint("fe80::1", 51000).address(),
                    0, (char) ipv6.port(), "host" + id);
        }
        assertEquals(2 + 3 * 3, ring.referencesHeld());
        List<ConnectionView> views = views(ring);
        ConnectionView last = views.get(views.size() - 1);
        assertEquals(List.of("t" + (3L * chunk + 2), "host" + (3L * chunk + 2), ipv6, OPENER),
                List.of(last.thread(), last.remoteHost(), last.remote(), last.opener()));

        for (int i = 0; i < 3 * chunk; i++) {
            assertTrue(ring.dropOldest()); // as an application's thread does: the slots keep their numbers
        }
        ring.expire(0); // the first chunks are empty, the ring at most half full: they go, and their rows' objects
        assertEquals(1 + 3 * 3, ring.referencesHeld(), "the opener, and the last three rows' own");
        ring.expire(Long.MAX_VALUE);
        assertEquals(0, ring.referencesHeld(), "an idle ring names nothing");
        for (long id = 0; id < 5L * chunk; id++) {
            append(ring, id); // wraps: each slot's previous row lets go of its objects as it is written again
        }
        assertEquals(2, ring.referencesHeld());
    }

    @Test
    @Timeout(60)
    void concurrentDropsAndAppendsKeepTheBoundAndEveryRowWhole() throws Exception {
        ClosedRing ring = new ClosedRing(1_000);
        AtomicLong ids = new AtomicLong();
        AtomicLong drops = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) { // appenders
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200_000; i++) {
                    append(ring, ids.incrementAndGet());
                }
            }));
        }
        for (int d = 0; d < 2; d++) { // the application's threads, making room
            threads.add(new Thread(() -> {
                while (running.get()) {
                    if (ring.dropOldest()) {
                        drops.incrementAndGet();
                    }
                    Thread.onSpinWait();
                }
            }));
        }
        threads.add(new Thread(() -> { // a reader of the views, and of the bound
            try {
                while (running.get()) {
                    List<ConnectionView> views = new ArrayList<>();
                    ring.addViews(views);
                    assertTrue(views.size() <= 1_000, "bound exceeded: " + views.size());
                    views.forEach(ClosedRingTest::assertWhole);
                    ring.expire(ids.get() / 2); // housekeeping: expiry and chunk release, under way meanwhile
                }
            } catch (Throwable failure) {
                failures.add(failure);
            }
        }));
        threads.forEach(Thread::start);
        threads.get(0).join();
        threads.get(1).join();
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(ring.size() <= 1_000);
        assertTrue(drops.get() > 0, "no drop raced the appends");
        ring.expire(Long.MAX_VALUE);
        assertEquals(0, ring.size());
        assertEquals(0, ring.chunks());
    }
}
