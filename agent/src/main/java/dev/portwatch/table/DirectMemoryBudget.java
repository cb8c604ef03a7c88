package dev.portwatch.table;

import dev.portwatch.access.JdkAccess;

/**
 * Whether a chunk of the {@link ClosedRing} may take direct memory, which counts against the application's
 * {@code -XX:MaxDirectMemorySize}. When a direct allocation does not fit under that limit, the JDK
 * ({@code java.nio.Bits.reserveMemory}) calls {@code System.gc()} and sleeps and retries before it gives up: a full
 * pause on the host that the agent's housekeeping would have caused, for storage that is as good on the heap. So the
 * ring asks first, and takes the heap unless the chunk leaves at least half of the limit free: a host near its
 * limit (Netty and NIO servers often set a small one) keeps all of what it has left, and the little time between
 * this check and the allocation cannot turn ample room into none. The agent's own chunks count in what is used, so
 * the ring never holds more than half of the limit either.
 *
 * <p>Cheap enough for its use, a chunk allocation (rare: chunks are reused): one read of the JDK's own count of
 * reserved direct memory. The limit is read once, at the first chunk. Both come from {@code jdk.internal.misc.VM}
 * through {@code access}, not from {@code java.lang.management}'s beans, whose first lookup loads about a hundred
 * classes and takes tens of milliseconds (on the housekeeping thread, holding the ring's lock). Either unknown: the
 * heap.
 */
final class DirectMemoryBudget {

    private DirectMemoryBudget() {}

    /** Whether a direct chunk of {@code bytes} leaves ample headroom in this JVM now. */
    static boolean allows(long bytes) {
        try {
            long limit = ThisJvm.LIMIT;
            return limit > 0 && leavesHeadroom(JdkAccess.directMemoryUsed(), bytes, limit);
        } catch (LinkageError lookupFailed) { // the lookup itself failed (out of memory, say): the heap, and no throw
            return false;
        }
    }

    /** The decision: after the chunk, at least half of {@code limit} is still free. Unknown use or limit: no. */
    static boolean leavesHeadroom(long used, long bytes, long limit) {
        return used >= 0 && bytes >= 0 && limit > 0 && used <= limit && bytes <= limit - used
                && limit - used - bytes >= limit - limit / 2;
    }

    /** Read when the first chunk asks, once: the JDK fixes it as it starts. */
    private static final class ThisJvm {
        static final long LIMIT = JdkAccess.maxDirectMemory();
    }
}
