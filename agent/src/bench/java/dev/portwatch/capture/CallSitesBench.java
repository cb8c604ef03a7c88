package dev.portwatch.capture;

import dev.portwatch.table.Opener;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The opener's stack walk alone. This class sits in the capture package, which the walk skips as the agent's own,
 * so the walk goes on to the first JMH frame: about the depth of a walk from a JDK socket method up to the
 * application's call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CallSitesBench {

    private final CallSites callSites = new CallSites(false);

    @Benchmark
    public Opener stackWalk() {
        return callSites.current("Socket");
    }
}
