package dev.portwatch.table;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many rows the store holds, as two counts that only grow: the rows created (each new row's id is the count
 * its creation reached) and the rows gone. A new row costs its thread one compare-and-set, where a size and an id
 * counter cost two; and only housekeeping and eviction write the count of rows gone, on a cache line of its own, so
 * the connecting and the accepting thread of a connection share one written line, not two (the size's, the ids').
 * The methods removing rows keep {@code AtomicInteger}'s names, as the size they replace.
 */
final class RowCount {

    /** Slots 8 and 16 of one array: 64 bytes apart, and 64 bytes from either end, so each on a line of its own. */
    private static final int CREATED = 8;
    private static final int REMOVED = 16;

    private final AtomicLongArray counts = new AtomicLongArray(REMOVED + 9);

    /**
     * Reserves a row while fewer than {@code maxRows} are held; returns its id (1, 2, ...), or 0 when full. A stale
     * count of rows gone only makes the check stricter: a reservation never takes the size past {@code maxRows}.
     */
    long reserve(int maxRows) {
        while (true) {
            long removed = counts.get(REMOVED);
            long created = counts.get(CREATED);
            if (created - removed >= maxRows) {
                return 0;
            }
            if (counts.compareAndSet(CREATED, created, created + 1)) {
                return created + 1;
            }
        }
    }

    /** The rows held: never below 0 (the rows gone are read first), at most a moment behind. */
    int get() {
        long removed = counts.get(REMOVED);
        return (int) (counts.get(CREATED) - removed);
    }

    /** One row gone. */
    void decrementAndGet() {
        counts.getAndIncrement(REMOVED);
    }

    /** {@code -delta} rows gone; {@code delta} is never positive (rows are added by {@link #reserve} alone). */
    void addAndGet(int delta) {
        if (delta != 0) {
            counts.getAndAdd(REMOVED, -delta);
        }
    }
}
