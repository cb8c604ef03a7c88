package dev.portwatch.bench;

/**
 * Whether the heap returns to its level after a long churn of short connections: after a warm-up churn, waits for
 * closed rows to expire (the agent's default retention is 5 s), measures the heap used after GC, churns
 * {@code count} connections through {@code Socket} and {@code ServerSocket} (SO_LINGER 0), waits again and
 * measures again. Prints a sample after each quarter too (those still hold the rows of the last 5 s).
 * Usage: {@code ChurnHeap count [settleMillis]}.
 */
public final class ChurnHeap {

    private ChurnHeap() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[0]);
        long settleMillis = args.length > 1 ? Long.parseLong(args[1]) : 7_000;
        String endpoint = Workloads.portwatchEndpoint();
        try (NetChurn.SocketChurn churn = new NetChurn.SocketChurn()) {
            churn.run(20_000);
            Thread.sleep(settleMillis);
            rows(endpoint, "rows_before");
            long before = Workloads.usedHeapAfterGc();
            Workloads.result("heap_before", before, "bytes");
            long start = System.nanoTime();
            long quarter = count / 4;
            for (int q = 1; q <= 4; q++) {
                churn.run(quarter);
                Workloads.result("heap_after_" + q * quarter, Workloads.usedHeapAfterGc(), "bytes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Workloads.result("churn_rate", 4 * quarter / seconds, "ops/s");
            Thread.sleep(settleMillis);
            rows(endpoint, "rows_after");
            long after = Workloads.usedHeapAfterGc();
            Workloads.result("heap_after", after, "bytes");
            Workloads.result("heap_growth", after - before, "bytes");
        }
    }

    private static void rows(String endpoint, String name) throws java.io.IOException {
        if (endpoint != null) {
            Workloads.result(name, Workloads.metric(Workloads.get(endpoint + "/metrics"), "portwatch_table_rows"),
                    "rows");
        }
    }
}
