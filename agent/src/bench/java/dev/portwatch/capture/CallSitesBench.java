package dev.portwatch.capture;

import dev.portwatch.bench.HotPathBench;
import dev.portwatch.table.Opener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/**
 * The opener's stack walk alone. This class sits in the capture package, which the walk skips as the agent's own,
 * so the walk goes on to the first JMH frame: about the depth of a walk from a JDK socket method up to the
 * application's call. {@code jdk.internal.misc} is opened here, as the agent opens it to its own access module, so
 * openers are shared per call site as in the agent.
 */
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class CallSitesBench extends HotPathBench {

    private final CallSites callSites = new CallSites(false);

    @Benchmark
    public Opener stackWalk() {
        return callSites.current("Socket");
    }
}
