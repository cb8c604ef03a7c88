package dev.portwatch.bench;

import dev.portwatch.table.ConnectionTableBench;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The per-event JMH benchmarks' bodies timed in the calling thread's CPU time rather than wall-clock time, for a
 * shared machine: a thread that waits for a core does not count the wait. 11 rounds after a warm-up; the median,
 * the fastest and the slowest round per operation. Run with
 * {@code java --add-opens java.base/java.net=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp agent/target/bench/portwatch-benchmarks.jar
 * dev.portwatch.bench.CpuTimeBench} (the packages the agent opens to its own access module: without the last one,
 * openers are not shared per call site).
 */
public final class CpuTimeBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 11;

    private CpuTimeBench() {}

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        CaptureBench capture = new CaptureBench();
        capture.setUp();
        measure("CaptureBench.connectThenClose", capture::connectThenClose, 50_000);
        measure("CaptureBench.connectByNameThenClose", capture::connectByNameThenClose, 50_000);
        measure("CaptureBench.acceptThenClose", capture::acceptThenClose, 50_000);
        measure("CaptureBench.socketConnectThenClose", capture::socketConnectThenClose, 50_000);
        measure("CaptureBench.socketAcceptThenClose", capture::socketAcceptThenClose, 50_000);
        measure("CaptureBench.transfer", capture::transfer, 5_000_000);
        capture.tearDown();
        ConnectionTableBench table = new ConnectionTableBench();
        table.setUp();
        ConnectionTableBench.Cursor cursor = new ConnectionTableBench.Cursor();
        cursor.start();
        measure("ConnectionTableBench.createAndClose", table::createAndClose, 200_000);
        measure("ConnectionTableBench.addBytes", () -> table.addBytes(cursor), 5_000_000);
    }

    private static void measure(String name, Operation operation, int perRound) throws Exception {
        for (int i = 0; i < perRound * 3; i++) {
            operation.run();
        }
        double[] nanos = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                operation.run();
            }
            nanos[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) perRound;
        }
        Arrays.sort(nanos);
        System.out.printf("%-36s median %8.1f ns  fastest %8.1f ns  slowest %8.1f ns (CPU time per operation)%n",
                name, nanos[ROUNDS / 2], nanos[0], nanos[ROUNDS - 1]);
    }
}
