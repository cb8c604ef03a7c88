package dev.portwatch.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rows closed and still findable by their socket, oldest first, linked through the rows themselves
 * ({@link Connection#closedNext}): a queue node per closed row (24 bytes) would live as long as the row waits to
 * settle, and a young collection would copy it. The closing threads push onto a lock-free stack, newest first;
 * the takers (housekeeping, and eviction when the table is full) take under this object's monitor, from a list
 * oldest first that the stack is reversed into whenever it runs out. Only the takers share the monitor.
 */
final class JustClosed {

    private static final VarHandle PUSHED;

    static {
        try {
            PUSHED = MethodHandles.lookup().findVarHandle(JustClosed.class, "pushed", Connection.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The rows closed since the takers last looked, newest first. */
    private volatile Connection pushed;
    /** Under this object's monitor: the rows older than any pushed, oldest first. */
    private Connection oldest;

    /** A row just closed; once only per row. Lock-free. */
    void add(Connection row) {
        Connection top;
        do {
            top = pushed;
            row.closedNext = top; // published by the compare-and-set
        } while (!PUSHED.compareAndSet(this, top, row));
    }

    /** The oldest row, left in place; null when none. */
    synchronized Connection peek() {
        if (oldest == null) {
            Connection row = (Connection) PUSHED.getAndSet(this, (Connection) null);
            while (row != null) { // reverses the stack: oldest first
                Connection newer = row.closedNext;
                row.closedNext = oldest;
                oldest = row;
                row = newer;
            }
        }
        return oldest;
    }

    /** Takes the oldest row; null when none. */
    synchronized Connection poll() {
        Connection row = peek();
        if (row != null) {
            oldest = row.closedNext;
            row.closedNext = null; // a taken row keeps no other reachable
        }
        return row;
    }

    /** Takes {@code row} if it is still the oldest: false when another taker took it first. */
    synchronized boolean removeOldest(Connection row) {
        return row != null && peek() == row && poll() == row;
    }
}
