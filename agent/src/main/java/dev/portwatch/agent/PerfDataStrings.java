package dev.portwatch.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Publishes strings in the JVM's performance data (the memory-mapped {@code hsperfdata} file that {@code jps} and
 * {@code jstat} read), so that {@code portwatch list} can show where portwatch runs by reading that file, without
 * attaching to the JVM. Uses {@code jdk.internal.perf.Perf}, exported to the agent through
 * {@link Instrumentation#redefineModule}; a JVM where that fails (or run with {@code -XX:-UsePerfData}) just
 * publishes nothing there.
 */
final class PerfDataStrings {

    private static final int CONSTANT = 1; // jdk.internal.perf's V_Constant
    private static final int STRING = 5; // jvmstat's Units.STRING

    private final Object perf;
    private final Method createString;

    private PerfDataStrings(Object perf, Method createString) {
        this.perf = perf;
        this.createString = createString;
    }

    /** The publisher, or one that publishes nothing when the JDK's performance data cannot be reached. */
    static PerfDataStrings open(Instrumentation instrumentation) {
        try {
            instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                    Map.of("jdk.internal.perf", Set.of(PerfDataStrings.class.getModule())), Map.of(), Set.of(),
                    Map.of());
            Class<?> perfClass = Class.forName("jdk.internal.perf.Perf");
            Object perf = perfClass.getMethod("getPerf").invoke(null);
            return new PerfDataStrings(perf, perfClass.getMethod("createString", String.class, int.class,
                    int.class, String.class));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return new PerfDataStrings(null, null);
        }
    }

    /** Publishes {@code name} once, with its final value; false when it could not. */
    boolean publish(String name, String value) {
        if (perf == null) {
            return false;
        }
        try {
            createString.invoke(perf, name, CONSTANT, STRING, value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException refused) {
            return false; // already published (a name is created once), or no room left in the perf data
        }
    }
}
