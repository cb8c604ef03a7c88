package dev.portwatch.access;

import java.lang.invoke.MethodHandles;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;
import jdk.internal.misc.Unsafe;
import jdk.internal.misc.VM;
import jdk.internal.perf.Perf;

/**
 * Hands out private lookups into the JDK packages that {@link JdkAccess#grant} opened to this class's module alone,
 * and defines classes on the boot loader through the JDK's internal {@code Unsafe}. Defined only by
 * {@link JdkAccess}'s own class loader, never by the class path's loader: its module is then one no other class
 * shares. JDK types only, so that loader needs no parent but the boot loader.
 *
 * <p>Why {@code Unsafe} is called directly, not through a method handle: the package is open to this module, so
 * the call links like any other, where a method handle's lookup, binding and first call spin five lambda forms,
 * several milliseconds of the JVM's main thread before the application's main on every start. (This file alone is
 * compiled with {@code jdk.internal.misc} exported: see the agent's pom.) The same holds for the JDK's own figures
 * of direct memory, read here where {@code java.lang.management}'s beans would load a hundred classes for them,
 * and of the strings published in the JVM's performance data, where a method handle's generic call spun six lambda
 * forms on the agent's thread at every start; and of the fields the capture reads on the application's thread
 * ({@link FieldRead}), where a method handle spun eight lambda forms at the application's first socket.
 */
public final class PrivateLookups implements Function<Class<?>, MethodHandles.Lookup>,
        BiConsumer<String, byte[]>, ToLongFunction<String>, BiPredicate<String, String>,
        ToLongBiFunction<Class<?>, String>, LongFunction<Function<Object, Object>> {

    static {
        // Hands itself to the loader that defined it (JdkAccess's, a Consumer) as the class initializes: neither a
        // constructor's method handle nor Constructor.newInstance (since JDK 18 core reflection spins classes).
        @SuppressWarnings("unchecked")
        Consumer<Object> definer = (Consumer<Object>) PrivateLookups.class.getClassLoader();
        definer.accept(new PrivateLookups());
    }

    private PrivateLookups() {}

    /** A private lookup in {@code target}, or null when its package is not open to this module. */
    @Override
    public MethodHandles.Lookup apply(Class<?> target) {
        try {
            return MethodHandles.privateLookupIn(target, MethodHandles.lookup());
        } catch (IllegalAccessException | RuntimeException notOpen) {
            return null;
        }
    }

    /** Defines {@code bytes} as the class {@code name} on the boot loader, with no protection domain. */
    @Override
    public void accept(String name, byte[] bytes) {
        Unsafe.getUnsafe().defineClass(name, bytes, 0, bytes.length, null, null);
    }

    /**
     * {@link JdkAccess#MAX_DIRECT_MEMORY}: the JDK's direct memory limit ({@code -XX:MaxDirectMemorySize}, or the
     * heap's maximum when unset); {@link JdkAccess#DIRECT_MEMORY_USED}: the direct memory reserved now (the count
     * {@code java.nio.Bits} keeps, which the {@code "direct"} buffer pool reports); anything else, or no such pool,
     * -1.
     */
    @Override
    public long applyAsLong(String figure) {
        if (JdkAccess.MAX_DIRECT_MEMORY.equals(figure)) {
            return VM.maxDirectMemory();
        }
        if (JdkAccess.DIRECT_MEMORY_USED.equals(figure)) {
            for (VM.BufferPool pool : VM.getBufferPools()) {
                if ("direct".equals(pool.getName())) {
                    return pool.getMemoryUsed();
                }
            }
        }
        return -1;
    }

    /**
     * Publishes {@code value} as the constant string {@code name} in the JVM's performance data ({@code jstat}'s
     * file); false when refused (a name is created once; no room left; {@code -XX:-UsePerfData}).
     */
    @Override
    public boolean test(String name, String value) {
        try {
            Perf.getPerf().createString(name, PERF_CONSTANT, PERF_STRING, value);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /** The offset of the field {@code name} of {@code owner}'s instances; throws when there is none. */
    @Override
    public long applyAsLong(Class<?> owner, String name) {
        return Unsafe.getUnsafe().objectFieldOffset(owner, name);
    }

    /** A reader of the reference field at {@code offset} (see {@link FieldRead}). */
    @Override
    public Function<Object, Object> apply(long offset) {
        return new FieldRead(offset);
    }

    /**
     * Reads one reference field at its offset: {@code Unsafe.getReference}, called directly. The caller hands it
     * only instances of the class the offset was taken from. Defined by {@link JdkAccess}'s loader with this class.
     */
    private static final class FieldRead implements Function<Object, Object> {
        private final long offset;

        FieldRead(long offset) {
            this.offset = offset;
        }

        @Override
        public Object apply(Object holder) {
            return Unsafe.getUnsafe().getReference(holder, offset);
        }
    }

    private static final int PERF_CONSTANT = 1; // jdk.internal.perf's V_Constant
    private static final int PERF_STRING = 5; // jvmstat's Units.STRING
}
