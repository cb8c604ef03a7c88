package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rows' own map: a socket's row is found whatever else is added, removed or moved meanwhile (a lookup that
 * missed a present row would make the socket's event create a second row), every row is listed once, and a row is
 * removed by itself even after its socket was collected.
 */
class RowMapTest {

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final RowOrigin ORIGIN = new RowOrigin(Transport.TCP, "t", Opener.unknown("Socket"), false, true);
    private final AtomicLong ids = new AtomicLong();

    @Test
    void findsAddsAndRemovesBySocketIdentity() {
        RowMap map = new RowMap();
        Object socket = new Object();
        Connection row = row(socket);
        assertNull(map.find(socket));
        assertNull(map.putIfAbsent(row));
        assertSame(row, map.find(socket));
        assertSame(row, map.putIfAbsent(row(socket)), "a second row for the same socket loses to the first");
        assertNull(map.find(new Object()));
        assertTrue(map.remove(row));
        assertFalse(map.remove(row));
        assertNull(map.find(socket));
        assertEquals(0, map.size());
    }

    @Test
    void growsAndKeepsEveryRowOnce() {
        RowMap map = new RowMap();
        List<Object> sockets = new ArrayList<>();
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object socket = new Object();
            sockets.add(socket);
            Connection row = row(socket);
            rows.add(row);
            assertNull(map.putIfAbsent(row));
        }
        for (int i = 0; i < sockets.size(); i++) {
            assertSame(rows.get(i), map.find(sockets.get(i)));
        }
        List<Connection> listed = map.rows();
        assertEquals(10_000, listed.size());
        assertEquals(new HashSet<>(rows), new HashSet<>(listed));
        for (int i = 0; i < rows.size(); i += 2) {
            assertTrue(map.remove(rows.get(i)));
        }
        assertEquals(5_000, map.rows().size());
        assertEquals(5_000, map.size());
        assertNull(map.find(sockets.get(0)));
        assertSame(rows.get(1), map.find(sockets.get(1)));
    }

    @Test
    void aRowWhoseSocketWasCollectedIsStillRemovedByItself() throws Exception {
        RowMap map = new RowMap();
        Connection row = row(new Object());
        map.putIfAbsent(row);
        row.clear(); // what the GC does to a collected socket's row
        assertTrue(map.remove(row));
        assertTrue(map.rows().isEmpty());
    }

    /**
     * Writers add and remove rows (the table grows through every doubling up to 2^17 slots) while readers look up
     * sockets that are in the map throughout: no lookup may miss one, and a listing holds each of them once (and
     * ends: a listing that kept reading a table replaced meanwhile once looped on a row unlinked from it).
     */
    @RepeatedTest(3)
    @Timeout(120)
    void aPresentRowIsAlwaysFoundWhileOthersComeGoAndMove() throws Exception {
        RowMap map = new RowMap();
        List<Object> resident = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Object socket = new Object();
            resident.add(socket);
            map.putIfAbsent(row(socket));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            threads.add(new Thread(() -> {
                List<Connection> mine = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 50_000; i++) {
                        Connection row = row(new Object());
                        if (map.putIfAbsent(row) != null) {
                            failures.add("a new socket found a row");
                        }
                        mine.add(row);
                    }
                    for (Connection row : mine) {
                        if (!map.remove(row)) {
                            failures.add("a row added was not there to remove");
                        }
                    }
                    mine.clear();
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                while (running.get()) {
                    for (Object socket : resident) {
                        if (map.find(socket) == null) {
                            failures.add("a resident row was missed");
                        }
                    }
                    Set<Connection> seen = new HashSet<>();
                    int residents = 0;
                    for (Connection row : map.rows()) {
                        if (!seen.add(row)) {
                            failures.add("a row listed twice");
                        }
                        residents += resident.contains(row.get()) ? 1 : 0;
                    }
                    if (residents != resident.size()) {
                        failures.add("a listing held " + residents + " resident rows");
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.setDaemon(true); // a thread stuck in the map must fail this test, not hold the test JVM
            thread.start();
        }
        threads.get(0).join();
        threads.get(1).join();
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures.stream().distinct().toList());
        assertEquals(resident.size(), map.size());
    }

    private Connection row(Object socket) {
        return new Connection(socket, COLLECTED, ids.incrementAndGet(), ORIGIN, Role.OUTBOUND, State.ESTABLISHED,
                null, 0, null, 0, 0);
    }
}
