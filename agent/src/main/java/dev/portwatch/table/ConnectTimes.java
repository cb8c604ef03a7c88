package dev.portwatch.table;

import dev.portwatch.net.Transport;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands every connect's duration to the metrics' timer, and keeps the durations measured before that timer exists
 * (the metrics start in the background) so that connects made while the agent was starting count too.
 */
final class ConnectTimes {

    static final int MAX_PENDING = 10_000;

    private volatile ConnectTimer timer = ConnectTimer.NONE;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    private record Pending(Transport transport, boolean success, long nanos) {}

    /** Sends every duration to {@code newTimer} from now on, after those measured before (at most MAX_PENDING). */
    void timeWith(ConnectTimer newTimer) {
        this.timer = newTimer;
        replayPending();
    }

    void record(Transport transport, boolean success, long nanos) {
        ConnectTimer current = timer;
        if (current != ConnectTimer.NONE) {
            current.record(transport, success, nanos);
            return;
        }
        if (pendingCount.get() >= MAX_PENDING) {
            return; // no timer yet and none may come (the endpoint did not start): keep memory bounded
        }
        pendingCount.incrementAndGet();
        pending.add(new Pending(transport, success, nanos));
        if (timer != ConnectTimer.NONE) {
            replayPending(); // the timer came meanwhile and may have drained the queue before our add
        }
    }

    /** Hands every pending duration to the timer; each is polled, so recorded once, whichever thread drains. */
    private void replayPending() {
        ConnectTimer current = timer;
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            current.record(next.transport, next.success, next.nanos);
        }
    }
}
