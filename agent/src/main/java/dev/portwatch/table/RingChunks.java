package dev.portwatch.table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.function.LongPredicate;

/**
 * The storage of the {@link ClosedRing}: its chunks of numbers, allocated when the ring first reaches them, and the
 * chunks it no longer uses kept for reuse rather than dropped: a new chunk costs a direct allocation (or, on the
 * heap when direct memory is short, copies at every young collection until it is tenured), and under steady churn
 * below the ring's capacity the rows slide through the slots, so a chunk released behind the oldest row and a new
 * one allocated ahead of the newest would cost that over and over. The spares go once the ring is empty, so an idle
 * ring holds nothing. At most one buffer per chunk of the ring exists, in use or spare.
 * Not thread-safe: the ring calls it under its lock.
 */
final class RingChunks {

    final LongBuffer[] longs;
    private final int capacity;
    private final int rowsPerChunk;
    private final int longsPerRow;
    /** Full-size chunks released from their place, for the next chunk to be reached. */
    private final LongBuffer[] spareLongs;
    private int spares;
    private long allocations;
    /** Whether a chunk of that many bytes may take direct memory now: {@link DirectMemoryBudget}, or a test's. */
    private final LongPredicate directAllowed;

    RingChunks(int capacity, int rowsPerChunk, int longsPerRow) {
        this(capacity, rowsPerChunk, longsPerRow, new JvmBudget());
    }

    /** With another budget for direct memory than this JVM's. */
    RingChunks(int capacity, int rowsPerChunk, int longsPerRow, LongPredicate directAllowed) {
        this.directAllowed = directAllowed;
        this.capacity = capacity;
        this.rowsPerChunk = rowsPerChunk;
        this.longsPerRow = longsPerRow;
        int chunks = (capacity + rowsPerChunk - 1) / rowsPerChunk;
        this.longs = new LongBuffer[chunks];
        this.spareLongs = new LongBuffer[chunks];
    }

    /** Gives a chunk its arrays, if it has none: a spare when there is one and the chunk is full-size. */
    void ensure(int chunk) {
        if (longs[chunk] != null) {
            return;
        }
        int rows = Math.min(rowsPerChunk, capacity - chunk * rowsPerChunk);
        if (rows == rowsPerChunk && spares > 0) {
            spares--;
            longs[chunk] = spareLongs[spares];
            spareLongs[spares] = null;
            return;
        }
        longs[chunk] = allocate(rows * longsPerRow);
        allocations++;
    }

    /** Takes a chunk's numbers from it, keeping them as a spare when full-size (the ring released its rows). */
    void release(int chunk) {
        if (longs[chunk] == null) {
            return;
        }
        if (longs[chunk].capacity() == rowsPerChunk * longsPerRow) {
            spareLongs[spares] = longs[chunk];
            spares++;
        }
        longs[chunk] = null;
    }

    /**
     * The numbers of a chunk, outside the Java heap: a young collection neither copies nor scans them. On the heap
     * when direct memory is short ({@link DirectMemoryBudget}: the application's limit is the application's, and a
     * direct allocation past it would cost the host a {@code System.gc()}), or exhausted after all.
     */
    private LongBuffer allocate(int longs) {
        if (!directAllowed.test((long) longs * Long.BYTES)) {
            return LongBuffer.allocate(longs);
        }
        try {
            return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        } catch (OutOfMemoryError directMemoryFull) { // taken meanwhile by the application, whose limit it is
            return LongBuffer.allocate(longs);
        }
    }

    /** The ring is empty: its spares go too, so an idle ring holds no storage. */
    void dropSpares() {
        while (spares > 0) {
            spares--;
            spareLongs[spares] = null;
        }
    }

    /** Chunks in use. */
    int inUse() {
        int used = 0;
        for (LongBuffer chunk : longs) {
            used += chunk == null ? 0 : 1;
        }
        return used;
    }

    int spares() {
        return spares;
    }

    /** How many chunks were allocated rather than reused, ever. */
    long allocations() {
        return allocations;
    }

    /** This JVM's {@link DirectMemoryBudget}: a class, not a method reference, which JDK 25 would spin at start. */
    private static final class JvmBudget implements LongPredicate {
        @Override
        public boolean test(long bytes) {
            return DirectMemoryBudget.allows(bytes);
        }
    }
}
