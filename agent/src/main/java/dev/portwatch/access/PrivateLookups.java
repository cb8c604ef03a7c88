package dev.portwatch.access;

import java.lang.invoke.MethodHandles;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.internal.misc.Unsafe;

/**
 * Hands out private lookups into the JDK packages that {@link JdkAccess#grant} opened to this class's module alone,
 * and defines classes on the boot loader through the JDK's internal {@code Unsafe}. Defined only by
 * {@link JdkAccess}'s own class loader, never by the class path's loader: its module is then one no other class
 * shares. JDK types only, so that loader needs no parent but the boot loader.
 *
 * <p>Why {@code Unsafe} is called directly, not through a method handle: the package is open to this module, so
 * the call links like any other, where a method handle's lookup, binding and first call spin five lambda forms,
 * several milliseconds of the JVM's main thread before the application's main on every start. (This file alone is
 * compiled with {@code jdk.internal.misc} exported: see the agent's pom.)
 */
public final class PrivateLookups implements Function<Class<?>, MethodHandles.Lookup>,
        BiConsumer<String, byte[]> {

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
}
