package dev.portwatch.funnel;

/**
 * Library class names under whatever package a library was relocated to. A class of its own, apart from
 * {@link Funnel}: the transformer asks it of every class a loader other than the boot loader loads, from the
 * application's main class on, and a static method of the enum would initialize it (every funnel's ends and
 * Netty's class values, some fifteen classes) on the application's main thread before any socket needs it.
 */
public final class RelocatedNames {

    private RelocatedNames() {}

    /**
     * Whether {@code className} is {@code libraryClass} under some package prefix ({@code io.grpc.netty.shaded.}),
     * or itself; {@code separator} is '.' for binary names, '/' for internal ones.
     */
    public static boolean isRelocated(String className, String libraryClass, char separator) {
        int prefix = className.length() - libraryClass.length();
        if (prefix < 0 || !className.endsWith(libraryClass)) {
            return false;
        }
        return prefix == 0 || className.charAt(prefix - 1) == separator;
    }
}
