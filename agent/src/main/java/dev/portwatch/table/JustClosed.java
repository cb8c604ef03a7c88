package dev.portwatch.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rows closed and still findable by their socket, oldest first, linked through the rows themselves
 * ({@link Connection#closedNext}): a queue node per closed row (24 bytes) would live as long as the row waits to
 * settle, and a young collection would copy it. The closing threads push onto lock-free stacks, newest first; the
 * takers (housekeeping, and eviction when the table is full) take under this object's monitor, from lists oldest
 * first that each stack is reversed into whenever its list runs out, the oldest of the lists' heads first. Only the
 * takers share the monitor.
 *
 * <p>A thread pushes onto one of {@link #STRIPES} stacks, each on a cache line of its own, chosen by the thread: a
 * connection's two closing threads (the connecting and the accepting one, in the same process) each write their own
 * line, where one stack's top made every close take the line from the other core.
 */
final class JustClosed {

    private static final int STRIPES = 4;
    private static final VarHandle PUSHED;

    static {
        try {
            PUSHED = MethodHandles.lookup().findVarHandle(StripeTop.class, "pushed", Connection.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    JustClosed() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** A row just closed; once only per row. Lock-free. */
    void add(Connection row) {
        Stripe stripe = stripes[System.identityHashCode(Thread.currentThread()) & (STRIPES - 1)];
        Connection top;
        do {
            top = stripe.pushed;
            row.closedNext = top; // published by the compare-and-set
        } while (!PUSHED.compareAndSet((StripeTop) stripe, top, row));
    }

    /** The oldest row, left in place; null when none. */
    synchronized Connection peek() {
        Stripe stripe = oldestStripe();
        return stripe == null ? null : stripe.oldest;
    }

    /** Takes the oldest row; null when none. */
    synchronized Connection poll() {
        Stripe stripe = oldestStripe();
        if (stripe == null) {
            return null;
        }
        Connection row = stripe.oldest;
        stripe.oldest = row.closedNext;
        row.closedNext = null; // a taken row keeps no other reachable
        return row;
    }

    /** Takes {@code row} if it is still the oldest: false when another taker took it first. */
    synchronized boolean removeOldest(Connection row) {
        return row != null && peek() == row && poll() == row;
    }

    /** Under the monitor: the stripe whose list's head closed first (the lowest stripe of a tie); null when none. */
    private Stripe oldestStripe() {
        Stripe oldest = null;
        for (Stripe stripe : stripes) {
            Connection head = stripe.refilled();
            if (head != null && (oldest == null || head.closedAtMillis() < oldest.oldest.closedAtMillis())) {
                oldest = stripe;
            }
        }
        return oldest;
    }

    /**
     * One stack and its list. Fields of a superclass come first in HotSpot's layout: so the 56 bytes of padding
     * before and after them keep another stripe's top, and any other object's fields, off their line.
     */
    @SuppressWarnings("unused")
    private static class StripePadding {
        private long p1;
        private long p2;
        private long p3;
        private long p4;
        private long p5;
        private long p6;
        private long p7;
    }

    private static class StripeTop extends StripePadding {
        /** The rows closed since the takers last looked, newest first. */
        volatile Connection pushed;
        /** Under {@link JustClosed}'s monitor: the rows older than any pushed here, oldest first. */
        Connection oldest;
    }

    @SuppressWarnings("unused")
    private static final class Stripe extends StripeTop {
        private long q1;
        private long q2;
        private long q3;
        private long q4;
        private long q5;
        private long q6;
        private long q7;

        /** Under the monitor: the list's head, the stack reversed into it first when the list ran out. */
        Connection refilled() {
            if (oldest == null) {
                Connection row = (Connection) PUSHED.getAndSet((StripeTop) this, (Connection) null);
                while (row != null) { // reverses the stack: oldest first
                    Connection newer = row.closedNext;
                    row.closedNext = oldest;
                    oldest = row;
                    row = newer;
                }
            }
            return oldest;
        }
    }
}
