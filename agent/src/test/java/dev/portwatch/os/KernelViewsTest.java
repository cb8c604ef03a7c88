package dev.portwatch.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Reads of the kernel's view are shared, and however much a read costs (a namespace full of TIME_WAIT entries),
 * the housekeeping thread's refreshes never spend more than about 1/20 of the time reading.
 */
class KernelViewsTest {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile long readCostMillis = 10;
    private final KernelViews views = new KernelViews(() -> {
        reads.incrementAndGet();
        now.addAndGet(readCostMillis * MS);
        return KernelView.none();
    }, now::get);

    /** Runs the housekeeping thread's schedule for {@code seconds}: a refresh every REFRESH_MILLIS. */
    private void housekeepFor(int seconds) {
        long end = now.get() + seconds * 1_000 * MS;
        while (now.get() < end) {
            views.refresh();
            now.addAndGet(KernelViews.REFRESH_MILLIS * MS);
        }
    }

    @Test
    void cheapReadsAreRefreshedAtEveryHousekeepingPass() {
        housekeepFor(60);
        assertEquals(12, reads.get(), "one read per 5 s pass");
    }

    @Test
    void costlyReadsAreSpacedToTwentyTimesTheirCost() {
        readCostMillis = 1_000; // 1 s a read: at most one read per 20 s
        housekeepFor(120);
        assertEquals(5, reads.get(), "a read every 20-25 s, not every 5 s");
        long readingMillis = reads.get() * readCostMillis;
        assertTrue(readingMillis <= 120_000 / KernelViews.COST_FACTOR + readCostMillis,
                "time spent reading: " + readingMillis + " ms of 120 s");
    }

    @Test
    void scrapesTakeTheHousekeepingThreadsViewEvenWhenItIsSpacedOut() {
        readCostMillis = 1_000;
        housekeepFor(60);
        int byHousekeeping = reads.get();
        for (int i = 0; i < 30; i++) { // a scrape every second for 30 s, housekeeping going on
            views.forMetrics();
            now.addAndGet(1_000 * MS);
            if (i % 5 == 4) {
                views.refresh();
            }
        }
        assertEquals(byHousekeeping + 1, reads.get(), "scrapes read nothing themselves; one refresh fell due");
    }

    @Test
    void tableReadsShareAFreshViewWhileReadsAreCheap() {
        views.forTable();
        views.forTable();
        assertEquals(2, reads.get(), "a small namespace is read afresh for each table read");
    }
}
