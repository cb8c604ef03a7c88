package dev.portwatch.table;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

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
 * <p>Cheap enough for its use, a chunk allocation (rare: chunks are reused): one read of the JDK's count of direct
 * memory in use. The limit and the count's bean are looked up once, at the first chunk, not when the agent starts.
 * Without them (a runtime image without {@code jdk.management}) the answer is always the heap.
 */
final class DirectMemoryBudget {

    private DirectMemoryBudget() {}

    /** Whether a direct chunk of {@code bytes} leaves ample headroom in this JVM now. */
    static boolean allows(long bytes) {
        try {
            BufferPoolMXBean pool = ThisJvm.DIRECT_POOL;
            return pool != null && leavesHeadroom(pool.getMemoryUsed(), bytes, ThisJvm.LIMIT);
        } catch (LinkageError lookupFailed) { // the lookup itself failed (out of memory, say): the heap, and no throw
            return false;
        }
    }

    /** The decision: after the chunk, at least half of {@code limit} is still free. Unknown use or limit: no. */
    static boolean leavesHeadroom(long used, long bytes, long limit) {
        return used >= 0 && bytes >= 0 && limit > 0 && used <= limit && bytes <= limit - used
                && limit - used - bytes >= limit - limit / 2;
    }

    /**
     * The direct limit from the VM option's value: {@code 0}, its default, means the JDK's own default, the heap's
     * maximum ({@code Runtime.maxMemory()}); unreadable, none (-1).
     */
    static long limitOf(String maxDirectMemorySize, long maxHeap) {
        try {
            long option = Long.parseLong(maxDirectMemorySize);
            return option == 0 ? maxHeap : option;
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    /** Looked up when the first chunk asks, once. */
    private static final class ThisJvm {

        static final BufferPoolMXBean DIRECT_POOL;
        static final long LIMIT;

        static {
            BufferPoolMXBean pool = null;
            long limit = -1;
            try {
                for (BufferPoolMXBean candidate : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                    pool = "direct".equals(candidate.getName()) ? candidate : pool;
                }
                HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                limit = limitOf(hotSpot.getVMOption("MaxDirectMemorySize").getValue(),
                        Runtime.getRuntime().maxMemory());
            } catch (RuntimeException | LinkageError unavailable) { // no such bean or module: the heap it is
                pool = null;
            }
            DIRECT_POOL = limit > 0 ? pool : null;
            LIMIT = limit;
        }
    }
}
