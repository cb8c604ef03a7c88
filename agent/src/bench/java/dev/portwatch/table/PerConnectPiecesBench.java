package dev.portwatch.table;

import dev.portwatch.bench.BenchTables;
import dev.portwatch.bench.HotPathBench;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The other pieces a connect pays for on the connecting thread, one by one: the clock reads of a cycle, a thread-local
 * lookup like the bridge's recursion guard, a fresh object's identity hash (the row map's first lookup of a new
 * socket) against an old one's, and the server's dependency found again by address and port.
 */
public class PerConnectPiecesBench extends HotPathBench {

    private static final ThreadLocal<boolean[]> GUARD = ThreadLocal.withInitial(() -> new boolean[1]);

    private final Object hashed = new Object();
    private Dependencies dependencies;
    private InetAddress server;

    @Setup(Level.Trial)
    public void setUp() {
        dependencies = new Dependencies();
        server = BenchTables.endpoint("10.0.0.2", 5432).address();
        hashed.hashCode();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public boolean threadLocalGuard() {
        boolean[] busy = GUARD.get();
        busy[0] = !busy[0];
        return busy[0];
    }

    @Benchmark
    public int identityHashOfAFreshObject() {
        return System.identityHashCode(new Object());
    }

    @Benchmark
    public int identityHashOfAHashedObject() {
        return System.identityHashCode(hashed);
    }

    @Benchmark
    public Dependency dependencyOfAServer() {
        return dependencies.of(Transport.TCP, server, null, 5432);
    }
}
