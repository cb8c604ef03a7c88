package dev.portwatch.access;

import java.lang.invoke.MethodHandles;
import java.util.function.Function;

/**
 * Hands out private lookups into the JDK packages that {@link JdkAccess#grant} opened to this class's module alone.
 * Defined only by {@link JdkAccess}'s own class loader, never by the class path's loader: its module is then one no
 * other class shares. JDK types only, so that loader needs no parent but the boot loader.
 */
public final class PrivateLookups implements Function<Class<?>, MethodHandles.Lookup> {

    /** A private lookup in {@code target}, or null when its package is not open to this module. */
    @Override
    public MethodHandles.Lookup apply(Class<?> target) {
        try {
            return MethodHandles.privateLookupIn(target, MethodHandles.lookup());
        } catch (IllegalAccessException | RuntimeException notOpen) {
            return null;
        }
    }
}
