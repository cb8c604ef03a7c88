package dev.portwatch.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@link RenderBench}'s bodies timed in the calling thread's CPU time, for a shared machine whose load makes JMH's
 * wall-clock times of a 6 MB render swing by several times: 11 rounds of 5 operations after 20 warm-up ones; the
 * median, fastest and slowest round, ms per operation. Run with
 * {@code java -cp agent/target/bench/portwatch-benchmarks.jar dev.portwatch.http.RenderCpuBench [benchmark]}.
 */
public final class RenderCpuBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 11;
    private static final int PER_ROUND = 5;

    private RenderCpuBench() {}

    public static void main(String[] args) throws Exception {
        RenderBench bench = new RenderBench();
        bench.setUp();
        String only = args.length > 0 ? args[0] : "";
        if ("reportOnly".contains(only)) {
            measure("RenderBench.reportOnly", bench::reportOnly);
        }
        if ("jsonOnly".contains(only)) {
            measure("RenderBench.jsonOnly", bench::jsonOnly);
        }
        if ("connectionsJson".contains(only)) {
            measure("RenderBench.connectionsJson", bench::connectionsJson);
        }
        if ("connectionsText".contains(only)) {
            measure("RenderBench.connectionsText", bench::connectionsText);
        }
    }

    private static void measure(String name, Callable<?> operation) throws Exception {
        for (int i = 0; i < 20; i++) {
            operation.call();
        }
        double[] millis = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                operation.call();
            }
            millis[round] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / PER_ROUND;
        }
        Arrays.sort(millis);
        System.out.printf("%-30s median %7.2f ms  fastest %7.2f ms  slowest %7.2f ms (CPU time per operation)%n",
                name, millis[ROUNDS / 2], millis[0], millis[ROUNDS - 1]);
    }
}
