package dev.portwatch.agent;

import dev.portwatch.access.JdkAccess;

/**
 * Publishes strings in the JVM's performance data (the memory-mapped {@code hsperfdata} file that {@code jps} and
 * {@code jstat} read), so that {@code portwatch list} can show where portwatch runs by reading that file, without
 * attaching to the JVM. Calls {@code jdk.internal.perf.Perf} directly from the module that package is opened to
 * ({@link JdkAccess}): a method handle's generic call spun six lambda forms on the agent's thread at every start. A
 * JVM where that fails (or run with {@code -XX:-UsePerfData}) just publishes nothing there.
 */
final class PerfDataStrings {

    private PerfDataStrings() {}

    /** The publisher. */
    static PerfDataStrings open() {
        return new PerfDataStrings();
    }

    /** Publishes {@code name} once, with its final value; false when it could not. */
    boolean publish(String name, String value) {
        return JdkAccess.publishPerfString(name, value);
    }
}
