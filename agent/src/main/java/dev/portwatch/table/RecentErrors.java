package dev.portwatch.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The most recent failed connects and binds, in a fixed ring: the oldest is overwritten, never a lock taken. */
final class RecentErrors {

    private final AtomicLong count = new AtomicLong();
    private final AtomicReferenceArray<SocketError> ring;

    RecentErrors(int capacity) {
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    void add(SocketError error) {
        long sequence = count.getAndIncrement();
        ring.set((int) (sequence % ring.length()), error);
    }

    /** Oldest first. */
    List<SocketError> list() {
        long total = count.get();
        int capacity = ring.length();
        List<SocketError> errors = new ArrayList<>();
        for (long sequence = Math.max(0, total - capacity); sequence < total; sequence++) {
            SocketError error = ring.get((int) (sequence % capacity));
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    long total() {
        return count.get();
    }
}
