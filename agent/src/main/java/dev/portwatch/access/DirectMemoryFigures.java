package dev.portwatch.access;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Reads one of the JDK's direct memory figures ({@code jdk.internal.misc.VM}'s limit and its buffer pools' count)
 * without ever throwing: through {@link PrivateLookups} once {@link JdkAccess#grant} has run (a direct call, no
 * class loaded for it), and otherwise, in a JVM where the build opened {@code jdk.internal.misc} to the class path
 * itself (a unit test's), through method handles. Unknown: -1.
 */
final class DirectMemoryFigures {

    private static final String VM = "jdk.internal.misc.VM";

    private DirectMemoryFigures() {}

    static long read(ToLongFunction<String> granted, String figure) {
        try {
            return granted != null ? granted.applyAsLong(figure) : byMethodHandles(figure);
        } catch (Throwable unreadable) { // a JDK without the figure, or no access: unknown, and the caller decides
            return -1;
        }
    }

    private static long byMethodHandles(String figure) throws Throwable {
        Class<?> vm = Class.forName(VM);
        MethodHandles.Lookup lookup = JdkAccess.in(vm);
        if (JdkAccess.MAX_DIRECT_MEMORY.equals(figure)) {
            return (long) lookup.findStatic(vm, figure, MethodType.methodType(long.class)).invoke();
        }
        if (!JdkAccess.DIRECT_MEMORY_USED.equals(figure)) {
            return -1;
        }
        Class<?> poolType = Class.forName(VM + "$BufferPool");
        for (Object pool : (List<?>) lookup.findStatic(vm, "getBufferPools", MethodType.methodType(List.class))
                .invoke()) {
            if ("direct".equals(lookup.findVirtual(poolType, "getName", MethodType.methodType(String.class))
                    .invoke(pool))) {
                return (long) lookup.findVirtual(poolType, "getMemoryUsed", MethodType.methodType(long.class))
                        .invoke(pool);
            }
        }
        return -1;
    }
}
