package dev.portwatch.http;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.bench.RequestBench;
import dev.portwatch.os.KernelView;
import dev.portwatch.port.PortInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code /connections.json} and {@code /connections} at 10,000 open rows: the snapshot, sort and filter of the
 * report, then the rendering; and each stage alone: the report, the JSON of a report made once. The kernel's view is
 * left out here ({@code KernelView.none()}); the end-to-end run measures the endpoint with it, on 10,000 real
 * sockets.
 */
public class RenderBench extends RequestBench {

    private BenchTables tables;
    private PortInfo ports;
    private TableReport report;

    @Setup(Level.Trial)
    public void setUp() throws BadRequestException {
        tables = BenchTables.withOpenRows(10_000);
        ports = PortInfo.ofThisSystem();
        report = TableReport.of(tables.table, ConnectionFilter.parse(null), ports, KernelView.none());
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

    /** The JSON of a report made once: formatting and encoding alone, 6 MB into the body's chunks. */
    @Benchmark
    public Body jsonOnly() {
        return ConnectionsJson.renderBody(report);
    }
}
