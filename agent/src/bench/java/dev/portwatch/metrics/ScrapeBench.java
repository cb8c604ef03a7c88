package dev.portwatch.metrics;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.bench.RequestBench;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code /metrics} at 10,000 open rows: the gauges recomputed from one snapshot of the table, then the Prometheus
 * registry rendered (text format, as Prometheus asks by default). The kernel-socket gauges read {@code /proc} of
 * this JVM, which has only a few sockets here.
 */
public class ScrapeBench extends RequestBench {

    private BenchTables tables;
    private PortwatchMetrics metrics;

    @Setup(Level.Trial)
    public void setUp() {
        tables = BenchTables.withOpenRows(10_000);
        metrics = new PortwatchMetrics(tables.table, new AgentHealth(() -> 0, tables.table::untrackedSockets),
                PortInfo.ofThisSystem(), new KernelViews(), "bench");
    }

    @Benchmark
    public String scrape() {
        return metrics.scrape(false);
    }

    @Benchmark
    public String scrapeOpenMetrics() {
        return metrics.scrape(true);
    }
}
