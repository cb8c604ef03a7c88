package dev.portwatch.agent;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Publishes strings in the JVM's performance data (the memory-mapped {@code hsperfdata} file that {@code jps} and
 * {@code jstat} read), so that {@code portwatch list} can show where portwatch runs by reading that file, without
 * attaching to the JVM. Uses {@code jdk.internal.perf.Perf}, through {@link JdkAccess}; a JVM where that fails (or
 * run with {@code -XX:-UsePerfData}) just publishes nothing there.
 */
final class PerfDataStrings {

    private static final int CONSTANT = 1; // jdk.internal.perf's V_Constant
    private static final int STRING = 5; // jvmstat's Units.STRING

    private final Object perf;
    private final MethodHandle createString;

    private PerfDataStrings(Object perf, MethodHandle createString) {
        this.perf = perf;
        this.createString = createString;
    }

    /** The publisher, or one that publishes nothing when the JDK's performance data cannot be reached. */
    static PerfDataStrings open() {
        try {
            Class<?> perfClass = Class.forName("jdk.internal.perf.Perf");
            MethodHandles.Lookup lookup = JdkAccess.in(perfClass);
            Object perf = lookup.findStatic(perfClass, "getPerf", MethodType.methodType(perfClass)).invoke();
            return new PerfDataStrings(perf, lookup.findVirtual(perfClass, "createString",
                    MethodType.methodType(ByteBuffer.class, String.class, int.class, int.class, String.class)));
        } catch (Throwable unavailable) {
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
        } catch (Throwable refused) {
            return false; // already published (a name is created once), or no room left in the perf data
        }
    }
}
