package dev.portwatch.table;

import dev.portwatch.bench.HotPathBench;
import dev.portwatch.net.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;

/**
 * A churn's counting, as its two threads do it at once: the connecting thread counts an outbound connection opened
 * and closed, the accepting thread an inbound one, each into its own direction's adders. Whether the two directions'
 * adders share a cache line is what this measures (the pair's time per operation, both threads together).
 */
public class SocketCountersBench extends HotPathBench {

    private final SocketCounters counters = new SocketCounters();

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public void connecting() {
        counters.recordOpened(Transport.TCP, false);
        counters.recordClosed(Transport.TCP, false);
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public void accepting() {
        counters.recordOpened(Transport.TCP, true);
        counters.recordClosed(Transport.TCP, true);
    }

    /** One thread alone: the counting's own cost, with no other core writing near it. */
    @Benchmark
    public void alone() {
        counters.recordOpened(Transport.TCP, false);
        counters.recordClosed(Transport.TCP, false);
    }
}
