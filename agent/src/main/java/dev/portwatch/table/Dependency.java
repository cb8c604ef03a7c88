package dev.portwatch.table;

import dev.portwatch.net.Transport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the process did with one server it connects to, named as the application asked for it: connections opened,
 * failed connects by error type, bytes each way, and where its connect durations go. Written by the application's
 * threads with {@link LongAdder}s only; read by the metrics at scrape time.
 */
public final class Dependency {

    /** At most this many error types per dependency; the rest are counted under {@link LabelledCounters#OTHER}. */
    static final int MAX_ERROR_TYPES = 8;
    static final int MAX_PENDING = 64;

    private final Key key;
    private final LongAdder opened = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile ConnectTimer timer = ConnectTimer.NONE;
    private final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    /**
     * A dependency: its transport, the address as asked ({@code server.address}: the host name the application
     * gave, else the literal IP) and the server port. {@code other} stands for the dependencies past the cap.
     */
    public record Key(Transport transport, String address, int port) implements Comparable<Key> {

        /*
         * Written by hand: a record's own equals and hashCode are bootstrapped through ObjectMethods, which spins
         * classes at their first use (on the first socket) and stays slower than these per connect.
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && port == key.port && transport == key.transport
                    && address.equals(key.address);
        }

        @Override
        public int hashCode() {
            return (transport.ordinal() * 31 + address.hashCode()) * 31 + port;
        }

        @Override
        public int compareTo(Key other) {
            int byTransport = transport.compareTo(other.transport);
            if (byTransport != 0) {
                return byTransport;
            }
            int byAddress = address.compareTo(other.address);
            return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
        }
    }

    Dependency(Key key) {
        this.key = key;
    }

    public Key key() {
        return key;
    }

    void recordOpened() {
        opened.increment();
    }

    void recordBytes(long count, boolean received) {
        (received ? bytesIn : bytesOut).add(count);
    }

    void recordError(String errorType) {
        LongAdder counter = errors.get(errorType);
        if (counter == null) {
            String type = errors.size() >= MAX_ERROR_TYPES ? LabelledCounters.OTHER : errorType;
            counter = errors.computeIfAbsent(type, t -> new LongAdder());
        }
        counter.increment();
    }

    /**
     * Times a connect. Until the metrics say where this dependency's durations go (its own histogram, or the one of
     * {@code other}), the first {@value #MAX_PENDING} are kept for them, so the connects of a new dependency (a pool
     * filling up) are in its histogram.
     */
    void recordConnect(boolean success, long nanos) {
        ConnectTimer current = timer;
        if (current != ConnectTimer.NONE) {
            current.record(key.transport(), success, nanos);
            return;
        }
        // Read before the increment: once full, a connect costs a read, not an atomic add on a line every connecting
        // thread writes, and the count stops short of overflowing into room again
        if (pendingCount.get() >= MAX_PENDING || pendingCount.getAndIncrement() >= MAX_PENDING) {
            return; // undecided for long (no metrics): keep memory bounded
        }
        pending.add(nanos);
        if (timer != ConnectTimer.NONE) {
            replayPending(); // the timer came meanwhile and may have drained the queue before our add
        }
    }

    /** Where this dependency's connect durations go from now on, starting with those kept until now. */
    public void timeConnectsWith(ConnectTimer newTimer) {
        this.timer = newTimer;
        replayPending();
    }

    /** Whether the metrics said where this dependency's connect durations go. */
    public boolean timed() {
        return timer != ConnectTimer.NONE;
    }

    /** Each pending duration is polled, so recorded once, whichever thread drains. */
    private void replayPending() {
        ConnectTimer current = timer;
        for (Long nanos = pending.poll(); nanos != null; nanos = pending.poll()) {
            current.record(key.transport(), true, nanos);
        }
    }

    public long opened() {
        return opened.sum();
    }

    public long bytes(boolean received) {
        return (received ? bytesIn : bytesOut).sum();
    }

    /** Failed connects by error type; a live view. */
    public Map<String, LongAdder> errors() {
        return errors;
    }

    /** How busy the dependency has been: what ranks it for a series of its own. */
    public long busyness() {
        long failed = 0;
        for (LongAdder count : errors.values()) {
            failed += count.sum();
        }
        return opened.sum() + failed + (bytesIn.sum() + bytesOut.sum()) / 65_536;
    }
}
