package dev.portwatch.http;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.os.KernelView;
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
 * {@code /connections.json} and {@code /connections} at 10,000 open rows: the snapshot, sort and filter of the
 * report, then the rendering. The kernel's view is left out here ({@code KernelView.none()}); the end-to-end run
 * measures the endpoint with it, on 10,000 real sockets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RenderBench {

    private BenchTables tables;
    private PortInfo ports;

    @Setup(Level.Trial)
    public void setUp() {
        tables = BenchTables.withOpenRows(10_000);
        ports = PortInfo.ofThisSystem();
    }

    @Benchmark
    public String connectionsJson() throws BadRequestException {
        return ConnectionsJson.render(TableReport.of(tables.table, ConnectionFilter.parse(null), ports,
                KernelView.none()));
    }

    @Benchmark
    public String connectionsText() throws BadRequestException {
        return ConnectionsText.render(TableReport.of(tables.table, ConnectionFilter.parse(null), ports,
                KernelView.none()));
    }

    /** The report alone (snapshot of every row, filter, sort by id). */
    @Benchmark
    public TableReport reportOnly() throws BadRequestException {
        return TableReport.of(tables.table, ConnectionFilter.parse(null), ports, KernelView.none());
    }
}
