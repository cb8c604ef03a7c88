package dev.portwatch.os;

/**
 * Shares reads of the kernel's view. Reading {@code /proc/self/net} is the kernel walking every socket of the
 * network namespace (about 140 ms at 10,000 sockets, most of it inside the kernel), so readers take a recent view
 * instead of each reading their own, and the housekeeping thread keeps one fresh for scrapes.
 */
public final class KernelViews {

    /** How stale a view a scrape accepts: the housekeeping thread refreshes more often than this. */
    static final long FOR_METRICS_MILLIS = 10_000;
    /** Refresh period of the housekeeping thread. */
    public static final long REFRESH_MILLIS = 5_000;
    /** Above this many sockets in the namespace a read takes tens of milliseconds (about 14 µs a socket). */
    private static final int COSTLY_SOCKET_COUNT = 2_000;

    private volatile Snapshot latest;

    private record Snapshot(KernelView view, long capturedAtNanos, long costNanos) {
        long ageMillis() {
            return (System.nanoTime() - capturedAtNanos) / 1_000_000;
        }
    }

    /**
     * A view fresh enough for someone reading the table: the kernel's present state while a read is cheap; when
     * it is costly (tens of thousands of sockets), one younger than twenty times what it cost, so that at most
     * 1/20 of the time goes into reading the kernel's lists.
     */
    public KernelView forTable() {
        Snapshot snapshot = latest;
        boolean costly = snapshot != null && snapshot.view().scanned() > COSTLY_SOCKET_COUNT;
        return within(costly ? 20 * snapshot.costNanos() / 1_000_000 : -1);
    }

    /** A view for a scrape: whatever the housekeeping thread read last, unless there is none yet. */
    public KernelView forMetrics() {
        return within(FOR_METRICS_MILLIS);
    }

    /** Reads the kernel's view now, for the housekeeping thread, unless a reader just did. */
    public void refresh() {
        within(REFRESH_MILLIS / 2);
    }

    private KernelView within(long maxAgeMillis) {
        Snapshot snapshot = latest;
        if (snapshot != null && snapshot.ageMillis() <= maxAgeMillis) {
            return snapshot.view();
        }
        synchronized (this) {
            snapshot = latest;
            if (snapshot != null && snapshot.ageMillis() <= maxAgeMillis) {
                return snapshot.view(); // another reader read it while this one waited
            }
            long start = System.nanoTime();
            KernelView view = KernelView.capture();
            latest = new Snapshot(view, System.nanoTime(), System.nanoTime() - start);
            return view;
        }
    }
}
