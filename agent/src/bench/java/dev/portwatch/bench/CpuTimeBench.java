package dev.portwatch.bench;

import com.sun.management.ThreadMXBean;
import dev.portwatch.config.OpenerMode;
import dev.portwatch.metrics.ConnectTimersBench;
import dev.portwatch.table.ConnectionTableBench;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The per-event JMH benchmarks' bodies timed in the calling thread's CPU time rather than wall-clock time, for a
 * shared machine: a thread that waits for a core does not count the wait. 11 rounds after a warm-up; the median,
 * the fastest and the slowest round per operation, and the bytes the thread allocated per operation (counted, not
 * timed: the same on a loaded machine). The capture's bodies run once per opener mode, as JMH runs them per
 * {@code CaptureBench.openers}. Run with
 * {@code java --add-opens java.base/java.net=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp agent/target/bench/portwatch-benchmarks.jar
 * dev.portwatch.bench.CpuTimeBench} (the packages the agent opens to its own access module: without the last one,
 * openers are not shared per call site).
 */
public final class CpuTimeBench {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 11;

    private CpuTimeBench() {}

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        for (OpenerMode openers : new OpenerMode[] {OpenerMode.STACK, OpenerMode.THREAD}) {
            // The mode is JMH's parameter: set by hand here, or the capture is made without one
            CaptureBench capture = new CaptureBench();
            capture.openers = openers;
            capture.setUp();
            String prefix = "CaptureBench(" + openers + ").";
            measure(prefix + "connectThenClose", capture::connectThenClose, 50_000);
            measure(prefix + "connectByNameThenClose", capture::connectByNameThenClose, 50_000);
            measure(prefix + "acceptThenClose", capture::acceptThenClose, 50_000);
            measure(prefix + "socketConnectThenClose", capture::socketConnectThenClose, 50_000);
            measure(prefix + "socketAcceptThenClose", capture::socketAcceptThenClose, 50_000);
            measure(prefix + "transfer", capture::transfer, 5_000_000);
            capture.tearDown();
        }
        ConnectionTableBench table = new ConnectionTableBench();
        table.setUp();
        ConnectionTableBench.Cursor cursor = new ConnectionTableBench.Cursor();
        cursor.start();
        measure("ConnectionTableBench.createAndClose", table::createAndClose, 200_000);
        measure("ConnectionTableBench.addBytes", () -> table.addBytes(cursor), 5_000_000);
        for (boolean scraped : new boolean[] {false, true}) {
            ConnectTimersBench timers = new ConnectTimersBench();
            timers.scraped = scraped;
            timers.setUp();
            measure("ConnectTimersBench(scraped=" + scraped + ").connectThenClose", timers::connectThenClose,
                    200_000);
            measure("ConnectTimersBench(scraped=" + scraped + ").micrometerTimers", timers::micrometerTimers,
                    1_000_000);
            measure("ConnectTimersBench(scraped=" + scraped + ").foldedHistograms", timers::foldedHistograms,
                    1_000_000);
        }
    }

    private static void measure(String name, Operation operation, int perRound) throws Exception {
        for (int i = 0; i < perRound * 3; i++) {
            operation.run();
        }
        double[] nanos = new double[ROUNDS];
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                operation.run();
            }
            nanos[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) perRound;
        }
        double allocated = (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / ((double) perRound * ROUNDS);
        Arrays.sort(nanos);
        System.out.printf("%-46s median %8.1f ns  fastest %8.1f ns  slowest %8.1f ns (CPU time per operation)"
                + "  %7.1f B allocated%n", name, nanos[ROUNDS / 2], nanos[0], nanos[ROUNDS - 1], allocated);
    }
}
