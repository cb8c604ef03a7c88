package dev.portwatch.agent;

import dev.portwatch.capture.SocketEventCapture;
import dev.portwatch.log.AgentLog;
import dev.portwatch.os.KernelView;
import dev.portwatch.os.KernelViews;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import java.util.function.Consumer;

/**
 * The agent's background thread: once a second, finds leaked sockets, expires closed rows and closes the rows of
 * ring closes the kernel has run unreported, and as soon as just-closed rows are due to settle (so they die young);
 * every few seconds, re-reads the kernel's view (on Linux) so that scrapes never wait for it; once, after start-up,
 * trims the C heap ({@link NativeHeapTrim}).
 */
final class Housekeeping implements Runnable {

    private static final long PERIOD_MILLIS = 1000;
    /**
     * While rows wait to settle, the next pass comes when the oldest is due (RowStore's settle time, 100 ms after its
     * close), but no sooner than this after the last: a row then lives 100-125 ms rather than 100-200 ms with a
     * fixed period of 100 ms, and under steady closes the table's connections that a young collection finds alive
     * (and copies) are a quarter fewer, at 40 passes a second instead of 10.
     */
    private static final long MIN_SETTLING_PERIOD_MILLIS = 25;
    /** How often, at most, the closes that io_uring ran unreported are looked for, as before the settling passes. */
    private static final long RING_CLOSES_PERIOD_MILLIS = 100;

    // The thread's body and the leaks' reporter are this class and LeakReport, not lambdas: on JDK 25 each lambda is
    // a class spun at start-up (and JIT work), while the application is still starting.
    private final ConnectionTable table;
    private final SocketEventCapture capture;
    private final KernelViews kernelViews;
    private final AgentLog log;

    private Housekeeping(ConnectionTable table, SocketEventCapture capture, KernelViews kernelViews, AgentLog log) {
        this.table = table;
        this.capture = capture;
        this.kernelViews = kernelViews;
        this.log = log;
    }

    static void start(ConnectionTable table, SocketEventCapture capture, KernelViews kernelViews, AgentLog log) {
        Thread thread = new Thread(new Housekeeping(table, capture, kernelViews, log), "portwatch-housekeeping");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        boolean kernelViewAvailable = KernelView.available();
        long lastKernelRead = 0;
        long lastRingCloses = 0;
        NativeHeapTrim trim = new NativeHeapTrim(System.currentTimeMillis());
        Consumer<ConnectionView> onLeak = new LeakReport(log);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long settleDue = table.maintain(onLeak);
                long now = System.currentTimeMillis();
                if (now - lastRingCloses >= RING_CLOSES_PERIOD_MILLIS) { // reads addresses: not at every pass
                    capture.settleRingCloses();
                    lastRingCloses = now;
                }
                if (kernelViewAvailable && now - lastKernelRead >= KernelViews.REFRESH_MILLIS) {
                    kernelViews.refresh();
                    lastKernelRead = now;
                }
                trim.runIfDue(now);
                Thread.sleep(settleDue < 0 ? PERIOD_MILLIS : Math.max(MIN_SETTLING_PERIOD_MILLIS, settleDue));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException bug) {
                log.warn("housekeeping", "housekeeping failed: " + bug);
            }
        }
    }

    /** Says in the log that a row's socket was garbage-collected without its close. */
    private static final class LeakReport implements Consumer<ConnectionView> {
        private final AgentLog log;

        LeakReport(AgentLog log) {
            this.log = log;
        }

        @Override
        public void accept(ConnectionView row) {
            reportLeak(row, log);
        }
    }

    private static void reportLeak(ConnectionView row, AgentLog log) {
        String where = row.opener().openedBy() == null ? "thread " + row.thread() : row.opener().openedBy();
        String still = row.isOpen() ? "its descriptor is still open" : "the JDK closed its descriptor";
        log.warn("leak:" + where, "leaked " + row.transport().label() + " socket "
                + (row.local() == null ? "" : row.local().display()) + " (" + row.opener().api()
                + ") was garbage-collected without close(); " + still + "; opened at " + where);
    }
}
