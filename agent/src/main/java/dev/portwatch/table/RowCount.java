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
     * Reserves a row while fewer than {@code maxRows} are held; returns its id (1, 2, ...), or 0 when full. The
     * rows created are read first: the difference is then never more than the rows held when the rows gone were
     * read, so "full" is true (a thread descheduled between the reads sees no rows made and gone meanwhile), and
     * the compare-and-set succeeds only if no row was created since: never past {@code maxRows}.
     */
    long reserve(int maxRows) {
        while (true) {
            long created = counts.get(CREATED);
            long removed = counts.get(REMOVED);
            if (created - removed >= maxRows) {
                return 0;
            }
            if (counts.compareAndSet(CREATED, created, created + 1)) {
                return created + 1;
            }
        }
    }

    /** The rows held, at most a moment behind (the rows created are read first, as {@link #reserve} does). */
    int get() {
        long created = counts.get(CREATED);
        return (int) Math.max(0, created - counts.get(REMOVED));
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
