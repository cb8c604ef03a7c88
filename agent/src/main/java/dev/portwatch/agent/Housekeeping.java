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
 * ring closes the kernel has run unreported, and settles the just-closed rows that no later close settled;
 * every few seconds, re-reads the kernel's view (on Linux) so that scrapes never wait for it; once, after start-up,
 * trims the C heap ({@link NativeHeapTrim}).
 */
final class Housekeeping {

    /**
     * Once a second, whatever waits: the closing threads settle the rows that are due as they close more
     * (RowStore), so this thread only settles what is left when the closes stop. Waking as each row fell due (40
     * times a second under steady closes) took the cores from the application's threads at every pass.
     */
    private static final long PERIOD_MILLIS = 1000;

    private Housekeeping() {}

    static void start(ConnectionTable table, SocketEventCapture capture, KernelViews kernelViews, AgentLog log) {
        Thread thread = new Thread(() -> run(table, capture, kernelViews, log), "portwatch-housekeeping");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(ConnectionTable table, SocketEventCapture capture, KernelViews kernelViews,
                            AgentLog log) {
        boolean kernelViewAvailable = KernelView.available();
        long lastKernelRead = 0;
        NativeHeapTrim trim = new NativeHeapTrim(System.currentTimeMillis());
        Consumer<ConnectionView> onLeak = row -> reportLeak(row, log);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                table.maintain(onLeak);
                capture.settleRingCloses();
                long now = System.currentTimeMillis();
                if (kernelViewAvailable && now - lastKernelRead >= KernelViews.REFRESH_MILLIS) {
                    kernelViews.refresh();
                    lastKernelRead = now;
                }
                trim.runIfDue(now);
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException bug) {
                log.warn("housekeeping", "housekeeping failed: " + bug);
            }
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
