package dev.portwatch.capture;

/**
 * Pairs an accept that returns a descriptor (Netty's native {@code accept}) with the socket object made from that
 * descriptor: Netty makes it at once, on the thread that accepted ({@code new LinuxSocket(fd)}), so a per-thread
 * slot holding the last accept is enough. The next socket this thread makes takes the slot, whatever its
 * descriptor, so a descriptor Netty closed without making a socket leaves nothing behind for long.
 */
final class PendingAccepts {

    /** Per thread: the listener of the last accept and the descriptor it returned, reused from accept to accept. */
    private static final class Slot {
        Object listener;
        int descriptor;
    }

    private final ThreadLocal<Slot> slots = new ThreadLocal<>();

    void accepted(Object listener, int descriptor) {
        Slot slot = slots.get();
        if (slot == null) {
            slot = new Slot();
            slots.set(slot);
        }
        slot.listener = listener;
        slot.descriptor = descriptor;
    }

    /** The listener whose accept on this thread returned {@code descriptor}, or null; empties the slot. */
    Object take(int descriptor) {
        Slot slot = slots.get();
        if (slot == null || slot.listener == null) {
            return null;
        }
        Object listener = slot.descriptor == descriptor ? slot.listener : null;
        slot.listener = null;
        return listener;
    }
}
