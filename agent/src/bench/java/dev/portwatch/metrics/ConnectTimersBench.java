package dev.portwatch.metrics;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.bench.HotPathBench;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Opener;
import dev.portwatch.table.OriginSource;
import dev.portwatch.table.RowOrigin;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What timing a connect costs on the connecting thread: a row connected and closed with the metrics built and
 * scraped once ({@code scraped=true}: the connect's duration reaches the all-connects histogram and its server's),
 * and without them ({@code false}: nobody scraped, the durations are dropped once the pending ones are full); the
 * two Micrometer timers' records alone, configured as the metrics configure them, and the two histograms that now
 * take a connect's duration in their place. Durations cycle through 64
 * values spread over the buckets, so no bucket search is predicted from the last.
 */
public class ConnectTimersBench extends HotPathBench {

    @Param({"false", "true"})
    public boolean scraped;

    private final long[] durations = new long[64];
    private int next;
    private ConnectionTable table;
    private OriginSource originSource;
    private Endpoint local;
    private Endpoint remote;
    private Timer allConnects;
    private Timer dependency;
    private ConnectHistogram allConnectTimes;
    private ConnectHistogram dependencyTimes;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < durations.length; i++) {
            durations[i] = 40_000L << (i % 22); // 40 µs to ~84 s
        }
        table = new ConnectionTable(BenchTables.DEFAULT_MAX_ROWS, 0, 100, System::currentTimeMillis);
        RowOrigin origin = BenchTables.origin(Transport.TCP, new Opener("Socket", BenchTables.openerFrame(),
                List.of()), 1);
        originSource = () -> origin;
        local = BenchTables.endpoint("127.0.0.1", 40000);
        remote = BenchTables.endpoint("127.0.0.1", 8080);
        if (scraped) {
            PortwatchMetrics metrics = new PortwatchMetrics(table, new AgentHealth(() -> 0,
                    table::untrackedSockets), PortInfo.ofThisSystem(), new KernelViews(), "bench");
            connectThenClose();
            metrics.scrape(false); // gives the server its own histogram
        } else {
            for (int i = 0; i < 20_000; i++) {
                connectThenClose(); // past the durations kept for metrics that never came
            }
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        allConnects = Timer.builder("all").serviceLevelObjectives(SocketMetrics.CONNECT_BUCKETS).register(registry);
        dependency = Timer.builder("one").serviceLevelObjectives(DependencyMeters.CONNECT_BUCKETS).register(registry);
        allConnectTimes = new ConnectHistogram(allConnects, new DurationBuckets(SocketMetrics.CONNECT_BUCKETS));
        dependencyTimes = new ConnectHistogram(dependency, new DurationBuckets(DependencyMeters.CONNECT_BUCKETS));
    }

    /** A new socket's row connected (counted, timed) and closed. */
    @Benchmark
    public Connection connectThenClose() {
        Object socket = new Object();
        Connection row = table.connected(socket, local.address(), local.port(), remote.address(), remote.port(),
                null, 0, durations[next++ & 63], originSource);
        table.close(socket);
        return row;
    }

    /** The two Micrometer records a scraped agent's connect made: the all-connects timer and its server's. */
    @Benchmark
    public void micrometerTimers() {
        long nanos = durations[next++ & 63];
        allConnects.record(nanos, TimeUnit.NANOSECONDS);
        dependency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What replaces them on the connecting thread: the two histograms the scrape folds into those timers. */
    @Benchmark
    public void foldedHistograms() {
        long nanos = durations[next++ & 63];
        allConnectTimes.record(nanos);
        dependencyTimes.record(nanos);
    }
}
