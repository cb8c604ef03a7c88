package dev.portwatch.capture;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's internal {@code Unsafe}, reached through {@link JdkAccess}, for reading a reference field of a JDK object
 * that no lookup may read ({@link FrameMethods}, {@link Backtraces}): a field's offset, and the read. Both null when
 * this JVM gives no such access; each user then does without.
 */
final class UnsafeReferences {

    /** {@code Unsafe.objectFieldOffset(Class, String)}, bound: {@code (Class, String) long}. */
    static final MethodHandle OFFSET;
    /** {@code Unsafe.getReference(Object, long)}, bound: {@code (Object, long) Object}. */
    static final MethodHandle READ;

    static {
        MethodHandle offset = null;
        MethodHandle read = null;
        try {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = JdkAccess.in(unsafeClass);
            Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass)).invoke();
            offset = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Class.class, String.class)).bindTo(unsafe);
            read = lookup.findVirtual(unsafeClass, "getReference",
                    MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
        } catch (Throwable unavailable) {
            offset = null;
            read = null;
        }
        OFFSET = offset;
        READ = read;
    }

    private UnsafeReferences() {}

    /** Fails unless both handles are there: for the users' own checks of a JDK's layout. */
    static void require() throws NoSuchMethodException {
        if (OFFSET == null || READ == null) {
            throw new NoSuchMethodException("jdk.internal.misc.Unsafe is out of reach");
        }
    }
}
