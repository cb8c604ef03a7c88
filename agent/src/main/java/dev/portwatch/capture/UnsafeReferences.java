package dev.portwatch.capture;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;

/**
 * Readers of a reference field of a JDK object that no lookup may read ({@link FrameMethods}, {@link Backtraces}),
 * through the JDK's internal {@code Unsafe}. Once the agent has started, a direct call from the module that
 * {@link JdkAccess} opened the JDK's packages to: a method handle's lookup, binding and first call would spin eight
 * lambda forms on the thread of the application's first socket (Tomcat's, as it binds), and its calls would be
 * compiled too. In a JVM where the agent did not start (a unit test's, where the build opens
 * {@code jdk.internal.misc} to the class path itself), through method handles.
 */
final class UnsafeReferences {

    private UnsafeReferences() {}

    /**
     * A reader of the reference field {@code name} of {@code owner}'s instances; the caller hands it nothing but
     * those. Throws when this JVM gives no such access or has no such field: each user then does without.
     */
    static Function<Object, Object> field(Class<?> owner, String name) throws Throwable {
        Function<Object, Object> granted = JdkAccess.referenceField(owner, name);
        return granted != null ? granted : new ByMethodHandle(owner, name);
    }

    /** Without the agent's access: {@code Unsafe.getReference(Object, long)} through a method handle. */
    private static final class ByMethodHandle implements Function<Object, Object> {
        private final MethodHandle read;
        private final long offset;

        ByMethodHandle(Class<?> owner, String name) throws Throwable {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = JdkAccess.in(unsafeClass);
            Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass)).invoke();
            offset = (long) lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Class.class, String.class)).invoke(unsafe, owner, name);
            read = lookup.findVirtual(unsafeClass, "getReference",
                    MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
        }

        @Override
        public Object apply(Object holder) {
            try {
                return (Object) read.invokeExact(holder, offset);
            } catch (Throwable unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
    }
}
