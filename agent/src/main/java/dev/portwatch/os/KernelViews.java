package dev.portwatch.os;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shares reads of the kernel's view. Reading {@code /proc/self/net} is the kernel walking every socket of the
 * network namespace (about 140 ms at 10,000 sockets, most of it inside the kernel; a busy server's tens of thousands
 * of TIME_WAIT entries count too), so readers take a recent view instead of each reading their own, the
 * housekeeping thread keeps one fresh for scrapes, and no reader makes the agent spend more than about 1/20 of a core
 * on it.
 */
public final class KernelViews {

    /** How stale a view a scrape accepts while reads are cheap: the housekeeping thread refreshes more often. */
    static final long FOR_METRICS_MILLIS = 10_000;
    /** Refresh period of the housekeeping thread while reads are cheap. */
    public static final long REFRESH_MILLIS = 5_000;
    /** A view is kept at least this many times as long as reading it took. */
    static final int COST_FACTOR = 20;
    /** Above this many sockets in the namespace a read takes tens of milliseconds (about 14 µs a socket). */
    static final int COSTLY_SOCKET_COUNT = 2_000;

    private final Supplier<KernelView> reader;
    private final LongSupplier nanoClock;
    private volatile Snapshot latest;
    /** Whether anyone has read a view: until then {@link #refresh()} reads nothing (an idle agent reads no /proc). */
    private volatile boolean wanted;

    private record Snapshot(KernelView view, long capturedAtNanos, long costNanos) {}

    public KernelViews() {
        this(new SystemReads(), new SystemReads());
    }

    /**
     * The kernel's own view and the JVM's clock: a class, not method references, so that the agent's start spins
     * no lambda class (on JDK 25 each is a class-file build that C1 then compiles, on an otherwise idle JVM).
     */
    private static final class SystemReads implements Supplier<KernelView>, LongSupplier {
        @Override
        public KernelView get() {
            return KernelView.capture();
        }

        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    }

    KernelViews(Supplier<KernelView> reader, LongSupplier nanoClock) {
        this.reader = reader;
        this.nanoClock = nanoClock;
    }

    /**
     * A view fresh enough for someone reading the table: the kernel's present state while a read is cheap; when
     * it is costly (thousands of sockets), one younger than twenty times what it cost.
     */
    public KernelView forTable() {
        asked();
        Snapshot snapshot = latest;
        return within(costly(snapshot) ? costBoundMillis(snapshot) : -1);
    }

    /** A view for a scrape: whatever the housekeeping thread read last, unless there is none yet. */
    public KernelView forMetrics() {
        asked();
        return within(Math.max(FOR_METRICS_MILLIS, refreshAgeMillis() + 2 * REFRESH_MILLIS));
    }

    /** Someone reads views from now on: the housekeeping thread's refreshes begin. */
    void asked() {
        wanted = true;
    }

    /**
     * Reads the kernel's view, for the housekeeping thread (which calls every {@link #REFRESH_MILLIS}), unless the
     * present one is younger than {@link #refreshAgeMillis()}, or no one has asked for a view yet.
     */
    public void refresh() {
        if (wanted) {
            within(refreshAgeMillis());
        }
    }

    /** Half the refresh period, or, for a namespace that is costly to read, twenty times what the last read cost. */
    long refreshAgeMillis() {
        Snapshot snapshot = latest;
        return Math.max(REFRESH_MILLIS / 2, costly(snapshot) ? costBoundMillis(snapshot) : 0);
    }

    /**
     * Whether the namespace is large enough for its reads to cost: a small one is cheap to read whatever the last
     * read took (a loaded machine stretches any read; counting that as the namespace's cost spaced the refreshes
     * out and left the views, and the metrics, up to half a minute stale).
     */
    private static boolean costly(Snapshot snapshot) {
        return snapshot != null && snapshot.view().scanned() > COSTLY_SOCKET_COUNT;
    }

    private static long costBoundMillis(Snapshot snapshot) {
        return COST_FACTOR * snapshot.costNanos() / 1_000_000;
    }

    private long ageMillis(Snapshot snapshot) {
        return (nanoClock.getAsLong() - snapshot.capturedAtNanos()) / 1_000_000;
    }

    private KernelView within(long maxAgeMillis) {
        Snapshot snapshot = latest;
        if (snapshot != null && ageMillis(snapshot) <= maxAgeMillis) {
            return snapshot.view();
        }
        synchronized (this) {
            snapshot = latest;
            if (snapshot != null && ageMillis(snapshot) <= maxAgeMillis) {
                return snapshot.view(); // another reader read it while this one waited
            }
            long start = nanoClock.getAsLong();
            KernelView view = reader.get();
            long end = nanoClock.getAsLong();
            // The first read also loads and warms the parser, while the agent starts: its time is not what reading
            // the namespace costs, and spacing the next read by it kept that first view, taken before the
            // application had opened anything, for as long as twenty times a cold read.
            latest = new Snapshot(view, end, snapshot == null ? 0 : end - start);
            return view;
        }
    }
}
