package dev.portwatch.table;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The objects the {@link ClosedRing}'s rows name (a thread's name, an opener, an IPv6 end, a host name), each kept
 * once and named by a number, so that a chunk of the ring is numbers only. A chunk that held references was an
 * array the young collections copied, from survivor space to survivor space, until it was tenured (15 of them, some
 * 400 KB a collection while the ring was young), and each row written into a tenured one dirtied a card for the
 * next collection to scan. Rows share most of these objects (a server's accepting thread and its opener name every
 * accepted row), so appending a row normally finds them here and writes no reference at all.
 *
 * <p>A number is 0 for null, else its slot + 1; each row that holds a number counts once, and a slot is freed when
 * no row holds it, so this holds at most the objects of the rows the ring holds. Not thread-safe: the ring calls
 * it under its lock.
 */
final class RingReferences {

    private static final int INITIAL_SLOTS = 16;

    private final IdentityHashMap<Object, Integer> numbers = new IdentityHashMap<>();
    private Object[] values = new Object[0];
    private int[] holders = new int[0];
    private int[] free = new int[0];
    private int freeCount;
    private int used;

    /** The number of {@code value}, counting one more row that holds it: 0 for null. */
    int hold(Object value) {
        if (value == null) {
            return 0;
        }
        Integer known = numbers.get(value);
        int slot;
        if (known != null) {
            slot = known - 1;
        } else {
            slot = freeCount > 0 ? free[--freeCount] : newSlot();
            values[slot] = value;
            numbers.put(value, slot + 1);
        }
        holders[slot]++;
        return slot + 1;
    }

    /** Two numbers in one long: {@code high}'s in the high 32 bits, {@code low}'s in the low 32. */
    long holdPair(Object high, Object low) {
        return (long) hold(high) << 32 | hold(low) & 0xffffffffL;
    }

    void releasePair(long pair) {
        release((int) (pair >>> 32));
        release((int) pair);
    }

    Object high(long pair) {
        return get((int) (pair >>> 32));
    }

    Object low(long pair) {
        return get((int) pair);
    }

    /** One row fewer holds {@code number}: the object goes once none does. */
    void release(int number) {
        if (number == 0) {
            return;
        }
        int slot = number - 1;
        if (--holders[slot] == 0) {
            numbers.remove(values[slot]);
            values[slot] = null;
            free[freeCount++] = slot;
        }
    }

    Object get(int number) {
        return number == 0 ? null : values[number - 1];
    }

    /** How many objects rows hold (tests). */
    int held() {
        return numbers.size();
    }

    /** No row holds anything any more: the arrays go too, so an idle ring holds nothing. */
    void dropAll() {
        numbers.clear();
        values = new Object[0];
        holders = new int[0];
        free = new int[0];
        freeCount = 0;
        used = 0;
    }

    private int newSlot() {
        if (used == values.length) {
            int length = Math.max(INITIAL_SLOTS, values.length * 2);
            values = Arrays.copyOf(values, length);
            holders = Arrays.copyOf(holders, length);
            free = Arrays.copyOf(free, length);
        }
        return used++;
    }
}
