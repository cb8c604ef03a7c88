package dev.portwatch.table;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.bench.HotPathBench;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The table's per-event paths with 10,000 open rows present: a row created and closed (what every short-lived
 * connection costs, not counting the stack walk), and {@code addBytes}, which every read and write pays.
 */
public class ConnectionTableBench extends HotPathBench {

    private BenchTables tables;
    private ConnectionTable table;
    private Object[] sockets;
    private OriginSource originSource;
    private Endpoint local;
    private Endpoint remote;

    @Setup(Level.Trial)
    public void setUp() {
        tables = BenchTables.withOpenRows(10_000);
        table = tables.table;
        sockets = tables.sockets;
        RowOrigin origin = BenchTables.origin(Transport.TCP, new Opener("Socket", BenchTables.openerFrame(),
                List.of()), 1);
        originSource = () -> origin;
        local = BenchTables.endpoint("127.0.0.1", 40000);
        remote = BenchTables.endpoint("127.0.0.1", 8080);
    }

    /** What the housekeeping thread does once a second: collects keys of dead sockets, expires closed rows. */
    @TearDown(Level.Iteration)
    public void housekeeping() {
        table.maintain(row -> { });
    }

    /**
     * Per-thread cursor over the open rows, so lookups spread over the whole table; each thread starts at its own
     * random place, so two threads do not update the same row at the same moment.
     */
    @org.openjdk.jmh.annotations.State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start() {
            next = java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
        }

        int advance(int size) {
            int i = next;
            next = i + 1 == size ? 0 : i + 1;
            return i;
        }
    }

    /**
     * A new socket's row created (ESTABLISHED, counted) and closed. Closed rows linger (5 s) until the table
     * reaches maxRows (20,000), after which each create evicts the oldest closed row: the steady state of churn.
     */
    @Benchmark
    public Connection createAndClose() {
        Object socket = new Object();
        Connection row = table.connected(socket, local.address(), local.port(), remote.address(), remote.port(),
                null, 0, 100_000, originSource);
        table.close(socket);
        return row;
    }

    /**
     * The same from both cores at once, as a churn's connecting and accepting threads do: what the rows' shared
     * counters (the map's, the store's, the ids) cost when two threads create and close rows together.
     */
    @Benchmark
    @org.openjdk.jmh.annotations.Threads(2)
    public Connection createAndClose2Threads() {
        return createAndClose();
    }

    /** One read's or write's bookkeeping on an open row: one identity lookup, one atomic add, one LongAdder. */
    @Benchmark
    public void addBytes(Cursor cursor) {
        table.addBytes(sockets[cursor.advance(sockets.length)], 1460, true);
    }

    /** The same from both cores at once (the LongAdder totals are shared by every socket). */
    @Benchmark
    @org.openjdk.jmh.annotations.Threads(2)
    public void addBytes2Threads(Cursor cursor) {
        table.addBytes(sockets[cursor.advance(sockets.length)], 1460, true);
    }

    /** A read on a socket the table does not know (one lookup that misses). */
    @Benchmark
    public void addBytesUnknownSocket() {
        table.addBytes(this, 1460, true);
    }
}
