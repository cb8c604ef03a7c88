package dev.portwatch.metrics;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code /metrics} at 10,000 open rows: the gauges recomputed from one snapshot of the table, then the Prometheus
 * registry rendered (text format, as Prometheus asks by default). The kernel-socket gauges read {@code /proc} of
 * this JVM, which has only a few sockets here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ScrapeBench {

    private BenchTables tables;
    private PortwatchMetrics metrics;

    @Setup(Level.Trial)
    public void setUp() {
        tables = BenchTables.withOpenRows(10_000);
        metrics = new PortwatchMetrics(tables.table, PortInfo.ofThisSystem(), new KernelViews(), "bench");
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
