package dev.portwatch.funnel;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The copies of Netty's io_uring transport whose completion methods are all woven: only their sockets become rows.
 * Any other copy (a version whose methods do not match) leaves its sockets to the kernel's view, whole, rather than
 * shown with a bind and a close but no peer, accepts or bytes. A copy is its class loader and its package
 * ({@code io.netty.channel.uring}, or a relocated one). Written once per copy, when its first channel class loads,
 * which is before any of its sockets exists; read once per socket class.
 */
public final class IoUringCopies {

    /** Weak keys: a copy's class loader may be discarded (a redeployed application). */
    private static final Map<ClassLoader, Set<String>> COVERED = Collections.synchronizedMap(new WeakHashMap<>());

    private IoUringCopies() {}

    /** Every completion method of the io_uring classes of this package, in this loader, is woven. */
    public static void covered(ClassLoader loader, String packageName) {
        synchronized (COVERED) {
            COVERED.computeIfAbsent(loader, any -> new HashSet<>()).add(packageName);
        }
    }

    static boolean isCovered(Class<?> socketClass) {
        synchronized (COVERED) {
            Set<String> packages = COVERED.get(socketClass.getClassLoader());
            return packages != null && packages.contains(socketClass.getPackageName());
        }
    }
}
