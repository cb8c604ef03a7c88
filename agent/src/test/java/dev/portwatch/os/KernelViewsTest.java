package dev.portwatch.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads of the kernel's view are shared, and however much a read costs (a namespace full of TIME_WAIT entries),
 * the housekeeping thread's refreshes never spend more than about 1/20 of the time reading. A small namespace is
 * read at every pass whatever its reads take (a cold or loaded JVM).
 */
class KernelViewsTest {

    /** A namespace past the size whose reads cost: TIME_WAIT entries, as a busy server leaves them. */
    private static final KernelView CROWDED = crowded(KernelViews.COSTLY_SOCKET_COUNT + 1);

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile long readCostMillis = 10;
    private volatile KernelView namespace = KernelView.none();
    private final KernelViews views = new KernelViews(() -> {
        reads.incrementAndGet();
        now.addAndGet(readCostMillis * MS);
        return namespace;
    }, now::get);

    @BeforeEach
    void someoneReadsTheViews() {
        views.asked();
    }

    @Test
    void nothingIsReadUntilSomeoneAsksForAView() {
        KernelViews idle = new KernelViews(() -> {
            reads.incrementAndGet();
            return namespace;
        }, now::get);
        for (int i = 0; i < 12; i++) {
            idle.refresh();
            now.addAndGet(KernelViews.REFRESH_MILLIS * MS);
        }
        assertEquals(0, reads.get(), "an agent nobody asks reads no /proc");
        idle.forMetrics();
        idle.refresh();
        assertEquals(1, reads.get(), "the first scrape reads, and housekeeping keeps its view fresh from then on");
    }

    private static KernelView crowded(int sockets) {
        try {
            Path procSelf = Files.createTempDirectory("portwatch-proc");
            Files.createDirectories(procSelf.resolve("fd"));
            Files.createDirectories(procSelf.resolve("net"));
            StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st\n");
            for (int i = 0; i < sockets; i++) {
                tcp.append(String.format("%4d: 0100007F:%04X 0100007F:1F90 06 00000000:00000000 03:00000000 "
                        + "00000000     0        0 0 3 0000000000000000%n", i, 32768 + i));
            }
            Files.writeString(procSelf.resolve("net/tcp"), tcp);
            KernelView view = KernelView.read(procSelf);
            assertEquals(sockets, view.scanned());
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the housekeeping thread's schedule for {@code seconds}: a refresh every REFRESH_MILLIS; the passes. */
    private int housekeepFor(int seconds) {
        long end = now.get() + seconds * 1_000 * MS;
        int passes = 0;
        while (now.get() < end) {
            views.refresh();
            passes++;
            now.addAndGet(KernelViews.REFRESH_MILLIS * MS);
        }
        return passes;
    }

    @Test
    void cheapReadsAreRefreshedAtEveryHousekeepingPass() {
        housekeepFor(60);
        assertEquals(12, reads.get(), "one read per 5 s pass");
    }

    @Test
    void aSlowReadOfASmallNamespaceDoesNotSpaceOutTheRefreshes() {
        readCostMillis = 1_000; // a first read that loads classes, or a machine busy with something else
        int passes = housekeepFor(60);
        assertEquals(passes, reads.get(), "a read at every pass");
        assertTrue(passes >= 10, "passes: " + passes);
    }

    @Test
    void theFirstReadsTimeDoesNotSpaceOutTheNext() {
        namespace = CROWDED;
        readCostMillis = 3_000; // a cold read while the agent starts
        views.refresh();
        readCostMillis = 100;
        housekeepFor(6);
        assertEquals(2, reads.get(), "the next pass reads again: the first view predates the application's sockets");
    }

    @Test
    void costlyReadsAreSpacedToTwentyTimesTheirCost() {
        namespace = CROWDED;
        readCostMillis = 1_000; // 1 s a read: at most one read per 20 s
        views.refresh(); // the agent's first read, whose time is not taken as the namespace's cost
        reads.set(0);
        housekeepFor(120);
        assertEquals(5, reads.get(), "a read every 20-25 s, not every 5 s");
        long readingMillis = reads.get() * readCostMillis;
        assertTrue(readingMillis <= 120_000 / KernelViews.COST_FACTOR + readCostMillis,
                "time spent reading: " + readingMillis + " ms of 120 s");
    }

    @Test
    void scrapesTakeTheHousekeepingThreadsViewEvenWhenItIsSpacedOut() {
        namespace = CROWDED;
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
