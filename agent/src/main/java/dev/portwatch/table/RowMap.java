package dev.portwatch.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The open rows, found by the identity of their socket. A row is its own hash-chain node ({@link Connection#next}),
 * so a row costs the map one table slot and no node object (a {@code ConcurrentHashMap} adds a 32-byte node per row).
 *
 * <p>Reads take no lock: {@link #find} runs on every socket event. Writes lock one of {@link #STRIPES} stripes (the
 * bucket's index modulo the stripes, the same for a bucket whatever the table's size), so no lock is shared by all
 * sockets; growing the table takes every stripe, in order, and is rare (each doubling). Two marks keep lock-free
 * reads right: an unlinked row points at itself, so a reader standing on it starts its bucket again instead of
 * following a row out of the map (or keeping its successors reachable); and a reader that found nothing checks that
 * no growth ran meanwhile ({@link #resizes}, odd while one runs), since moving rows between buckets may have led it
 * past the row it looked for.
 */
final class RowMap {

    private static final int STRIPES = 32;
    /** A reader that takes more steps than this in one bucket was sent round by concurrent moves: it starts again. */
    private static final int MAX_STEPS = 1 << 16;
    private static final int COUNT_SPACING = 16;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Connection[].class);

    private final Object[] locks = new Object[STRIPES];
    private volatile Connection[] table = new Connection[STRIPES];
    private volatile int resizes;
    /**
     * Rows per stripe, each changed under its stripe's lock, 16 ints (a cache line) apart: a row added or removed
     * touches no counter shared by every socket (the connecting and the accepting threads of a churn would pass
     * its cache line back and forth). The table grows when one stripe is three quarters full.
     */
    private final int[] counts = new int[STRIPES * COUNT_SPACING];

    RowMap() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The row of {@code socket}, or null. */
    Connection find(Object socket) {
        int hash = System.identityHashCode(socket);
        int retries = 0;
        while (true) {
            int before = resizes;
            Connection[] slots = table;
            Connection row = (Connection) SLOTS.getAcquire(slots, hash & (slots.length - 1));
            int steps = 0;
            while (row != null && steps++ < MAX_STEPS) {
                if (row.hashCode() == hash && row.refersTo(socket)) {
                    return row;
                }
                Connection next = row.next;
                if (next == row) {
                    break; // unlinked under us: start the bucket again
                }
                row = next;
            }
            if (row == null && (before & 1) == 0 && resizes == before) {
                return null;
            }
            pause(++retries);
        }
    }

    /** Between retries: spin a little, then let the thread that moves rows (maybe descheduled) run. */
    private static void pause(int retries) {
        if ((retries & 63) == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    /** Adds {@code row} unless its socket has a row already; returns that row, or null when {@code row} was added. */
    Connection putIfAbsent(Connection row) {
        int hash = row.hashCode();
        Object socket = row.get();
        int stripe = hash & (STRIPES - 1);
        boolean full;
        synchronized (locks[stripe]) {
            Connection[] slots = table;
            int index = hash & (slots.length - 1);
            Connection head = (Connection) SLOTS.getAcquire(slots, index);
            for (Connection other = head; other != null; other = other.next) {
                if (other.hashCode() == hash && socket != null && other.refersTo(socket)) {
                    return other;
                }
            }
            row.next = head;
            SLOTS.setRelease(slots, index, row);
            full = ++counts[stripe * COUNT_SPACING] > threshold(slots.length);
        }
        if (full) {
            grow(); // outside the stripe's lock: growing takes every stripe's, in order
        }
        return null;
    }

    /** Removes this very row (found by identity, so also once its socket is collected); false when not here. */
    boolean remove(Connection row) {
        int hash = row.hashCode();
        int stripe = hash & (STRIPES - 1);
        synchronized (locks[stripe]) {
            Connection[] slots = table;
            int index = hash & (slots.length - 1);
            Connection previous = null;
            for (Connection at = (Connection) SLOTS.getAcquire(slots, index); at != null; at = at.next) {
                if (at == row) {
                    if (previous == null) {
                        SLOTS.setRelease(slots, index, row.next);
                    } else {
                        previous.next = row.next;
                    }
                    row.next = row;
                    counts[stripe * COUNT_SPACING]--;
                    return true;
                }
                previous = at;
            }
            return false;
        }
    }

    /** Every row, each once; taken again when the table grew meanwhile. */
    List<Connection> rows() {
        int retries = 0;
        while (true) {
            int before = resizes;
            Connection[] slots = table;
            List<Connection> rows = new ArrayList<>(size());
            boolean whole = true;
            for (int index = 0; index < slots.length && whole; index++) {
                whole = bucket(slots, index, rows, before);
            }
            if (whole && (before & 1) == 0 && resizes == before) {
                return rows;
            }
            pause(++retries);
        }
    }

    /**
     * Adds one bucket's rows, starting the bucket again (and forgetting what it read) when a row is unlinked under
     * it. False when the table grew since {@code before}: {@code slots} is then a stale array, whose buckets may lead
     * to rows unlinked for good, and the listing must start again from the new table.
     */
    private boolean bucket(Connection[] slots, int index, List<Connection> rows, int before) {
        int start = rows.size();
        Connection row = (Connection) SLOTS.getAcquire(slots, index);
        int steps = 0;
        while (row != null) {
            Connection next = row.next;
            if (next == row || ++steps > MAX_STEPS) {
                if (resizes != before) {
                    return false;
                }
                rows.subList(start, rows.size()).clear();
                row = (Connection) SLOTS.getAcquire(slots, index);
                steps = 0;
                continue;
            }
            rows.add(row);
            row = next;
        }
        return true;
    }

    /** The rows in the map; exact when no row is being added or removed, else about right. */
    int size() {
        int size = 0;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            size += counts[stripe * COUNT_SPACING];
        }
        return size;
    }

    /** Rows a stripe holds before the table grows: three quarters of its buckets (at least one). */
    private static int threshold(int tableLength) {
        int buckets = tableLength / STRIPES;
        return buckets - (buckets >> 2);
    }

    /** Under every stripe's lock: whether some stripe holds more rows than a table of this length should. */
    private boolean anyStripeFull(int tableLength) {
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            if (counts[stripe * COUNT_SPACING] > threshold(tableLength)) {
                return true;
            }
        }
        return false;
    }

    /** Doubles the table under every stripe's lock; readers meanwhile see an odd {@link #resizes} and retry. */
    private void grow() {
        lockAll(0);
    }

    private void lockAll(int stripe) {
        if (stripe < STRIPES) {
            synchronized (locks[stripe]) {
                lockAll(stripe + 1);
            }
            return;
        }
        Connection[] slots = table;
        if (!anyStripeFull(slots.length)) {
            return; // another thread grew it first
        }
        Connection[] grown = new Connection[slots.length * 2];
        resizes++; // odd: rows are moving
        for (Connection head : slots) {
            for (Connection row = head; row != null; ) {
                Connection next = row.next;
                int index = row.hashCode() & (grown.length - 1);
                row.next = grown[index];
                grown[index] = row;
                row = next;
            }
        }
        table = grown;
        resizes++;
    }
}
