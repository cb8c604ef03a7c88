package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One compare-and-set per row gives both its id and its place: ids unique, the size never past the bound. */
class RowCountTest {

    @Test
    void reservesUpToTheBoundThenRefusesUntilARowGoes() {
        RowCount count = new RowCount();
        assertEquals(1, count.reserve(2));
        assertEquals(2, count.reserve(2));
        assertEquals(0, count.reserve(2), "full");
        assertEquals(2, count.get());
        count.decrementAndGet();
        assertEquals(1, count.get());
        assertEquals(3, count.reserve(2), "ids keep growing after a row goes");
        count.addAndGet(-2);
        count.addAndGet(0);
        assertEquals(0, count.get());
    }

    @Test
    void concurrentReservationsGetUniqueIdsAndNeverPassTheBound() throws Exception {
        RowCount count = new RowCount();
        int maxRows = 1_000;
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    long id = count.reserve(maxRows);
                    if (id != 0) {
                        ids.add(id);
                        if (count.get() > maxRows) {
                            throw new AssertionError("past the bound: " + count.get());
                        }
                        count.decrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, count.get());
        assertEquals(200_000, ids.size(), "every reservation succeeded with its own id");
    }
}
