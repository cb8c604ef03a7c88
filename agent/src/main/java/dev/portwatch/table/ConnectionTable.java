package dev.portwatch.table;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The live table of the process's sockets, keyed by the identity of the JDK socket object (held weakly).
 *
 * <p>Writers are the application's threads, one socket each: every update is O(1) on a concurrent map and the
 * row's own monitor, with no lock shared between sockets. Closed rows linger for {@code closedRetentionMillis} so
 * short connections are seen, and the table never holds more than {@code maxRows} rows: the oldest closed rows go
 * first, and when every row is open, new sockets are counted as untracked instead of stored.
 */
public final class ConnectionTable {

    static final int MAX_PENDING_CONNECT_TIMES = 10_000;

    private final Map<Object, Connection> bySocket = new ConcurrentHashMap<>();
    /** Rows of sockets garbage-collected while open (leaks): no event can reach them any more. */
    private final Set<Connection> orphans = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentLinkedQueue<Connection> closedInOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicReferenceArray<SocketError> recentErrors;
    private final SocketCounters counters = new SocketCounters();
    private volatile ConnectTimer connectTimer = ConnectTimer.NONE;
    /** Connect durations measured before a timer was attached (the metrics start in the background). */
    private final ConcurrentLinkedQueue<PendingConnectTime> pendingConnectTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingConnectTimeCount = new AtomicInteger();
    private final int maxRows;
    private final long closedRetentionMillis;
    private final Clock clock;

    /** The wall clock; a seam for tests. */
    @FunctionalInterface
    public interface Clock {
        long millis();
    }

    public ConnectionTable(int maxRows, long closedRetentionMillis, int maxRecentErrors, Clock clock) {
        if (maxRows < 1 || maxRecentErrors < 1 || closedRetentionMillis < 0) {
            throw new IllegalArgumentException("maxRows and maxRecentErrors must be positive, retention >= 0");
        }
        this.maxRows = maxRows;
        this.closedRetentionMillis = closedRetentionMillis;
        this.recentErrors = new AtomicReferenceArray<>(maxRecentErrors);
        this.clock = clock;
    }

    /** The row of a socket; null when the socket is unknown (opened before the agent, or untracked). */
    public Connection find(Object socket) {
        return bySocket.get(new IdentityKey.Lookup(socket));
    }

    /**
     * Creates the row of a new socket, or returns the existing one. Returns null when the table is full of open
     * rows: the socket is then counted as untracked.
     */
    public Connection create(Object socket, Role role, State state, Endpoint local, Endpoint remote,
                             RowOrigin origin) {
        Connection existing = find(socket);
        if (existing != null) {
            return existing;
        }
        if (!reserveRow()) {
            untracked.incrementAndGet();
            return null;
        }
        IdentityKey key = new IdentityKey(socket, collected);
        Connection created = new Connection(key, ids.incrementAndGet(), origin.transport(), role, state, local,
                remote, clock.millis(), origin.thread(), origin.opener(), origin.agentOwned(),
                origin.closedByJdkWhenCollected());
        Connection raced = bySocket.putIfAbsent(key, created);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return created;
    }

    /** An outbound connect completed: the row becomes ESTABLISHED and the connection is counted once. */
    public void established(Connection row, Endpoint local, Endpoint remote, long durationNanos) {
        if (row.established(local, remote, durationNanos) && !row.agentOwned) {
            counters.recordOpened(row.transport, false);
            timeConnect(row.transport, true, durationNanos);
        }
    }

    /** A listener accepted a connection: a new ESTABLISHED inbound row. */
    public void accepted(Object socket, Endpoint local, Endpoint remote, RowOrigin origin) {
        if (find(socket) == null && create(socket, Role.INBOUND, State.ESTABLISHED, local, remote, origin) != null
                && !origin.agentOwned()) {
            counters.recordOpened(origin.transport(), true);
        }
    }

    /** A UDP socket was connected to a peer (counted as an outbound connection) or disconnected. */
    public void datagramConnected(Connection row, Endpoint local, Endpoint remote) {
        State before = row.update(Role.DATAGRAM, remote == null ? State.BOUND : State.CONNECTED, local, remote);
        if (row.agentOwned) {
            return; // like every counter, not the agent's own sockets
        }
        if (remote != null && before != null && before != State.CONNECTED) {
            counters.recordOpened(Transport.UDP, false);
        } else if (remote == null && before == State.CONNECTED) {
            counters.recordClosed(Transport.UDP, false);
        }
    }

    public void close(Object socket) {
        Connection row = find(socket);
        if (row == null) {
            return;
        }
        State before = row.close(clock.millis());
        if (before != null) {
            closedInOrder.add(row);
            countClosed(row, before);
        }
    }

    private void countClosed(Connection row, State before) {
        if (row.agentOwned) {
            return; // the endpoint's own scrapes are not the application's traffic
        }
        if (before == State.ESTABLISHED && (row.role() == Role.INBOUND || row.role() == Role.OUTBOUND)) {
            counters.recordClosed(row.transport, row.role() == Role.INBOUND);
        } else if (before == State.CONNECTED) {
            counters.recordClosed(Transport.UDP, false);
        }
    }

    /** Counts bytes on a socket's row: the hot path of every read and write, one lookup and two atomic adds. */
    public void addBytes(Object socket, long bytes, boolean inbound) {
        Connection row = find(socket);
        if (row != null) {
            row.addBytes(bytes, inbound);
            if (!row.agentOwned) {
                counters.recordBytes(row.transport, inbound, bytes);
            }
        }
    }

    /** Records a failed connect or bind: kept among the recent errors and counted by type (and port). */
    public void recordError(SocketError error) {
        long sequence = errorCount.getAndIncrement();
        recentErrors.set((int) (sequence % recentErrors.length()), error);
        if (error.operation() == SocketError.Operation.CONNECT) {
            counters.recordConnectError(error.transport(), error.errorType());
            if (error.durationNanos() >= 0) {
                timeConnect(error.transport(), false, error.durationNanos());
            }
        } else {
            counters.recordBindError(error.transport(), error.port(), error.errorType());
        }
    }

    /**
     * Sends every connect's duration to {@code timer} from now on, and first the durations measured before it was
     * attached (at most {@value #MAX_PENDING_CONNECT_TIMES}), so connects made while the agent was starting count.
     */
    public void timeConnectsWith(ConnectTimer timer) {
        this.connectTimer = timer;
        replayPendingConnectTimes();
    }

    private void timeConnect(Transport transport, boolean success, long nanos) {
        ConnectTimer timer = connectTimer;
        if (timer != ConnectTimer.NONE) {
            timer.record(transport, success, nanos);
            return;
        }
        if (pendingConnectTimeCount.get() >= MAX_PENDING_CONNECT_TIMES) {
            return; // no timer yet and none may come (the endpoint did not start): keep memory bounded
        }
        pendingConnectTimeCount.incrementAndGet();
        pendingConnectTimes.add(new PendingConnectTime(transport, success, nanos));
        if (connectTimer != ConnectTimer.NONE) {
            replayPendingConnectTimes(); // the timer came meanwhile and may have drained the queue before our add
        }
    }

    /** Hands every pending duration to the timer; each is polled, so recorded once, whichever thread drains. */
    private void replayPendingConnectTimes() {
        ConnectTimer timer = connectTimer;
        for (PendingConnectTime pending = pendingConnectTimes.poll(); pending != null;
             pending = pendingConnectTimes.poll()) {
            timer.record(pending.transport, pending.success, pending.nanos);
        }
    }

    private record PendingConnectTime(Transport transport, boolean success, long nanos) {}

    public SocketCounters counters() {
        return counters;
    }

    /**
     * Housekeeping, run off the application's threads: finds sockets collected without close (leaks), forgets
     * closed rows past their retention, and keeps the table within {@code maxRows}. Each leaked row is handed to
     * {@code onLeak} once.
     */
    public void maintain(Consumer<ConnectionView> onLeak) {
        long now = clock.millis();
        for (Reference<?> key = collected.poll(); key != null; key = collected.poll()) {
            // A closed row stays where it is: eviction may take it from closedInOrder at any moment, and finds it in
            // bySocket by its own (cleared) key. Only an open row, which no eviction can reach, is moved.
            Connection row = bySocket.get(key);
            if (row == null || !row.isOpen() || !bySocket.remove(key, row)) {
                continue;
            }
            counters.recordLeak(row.transport);
            State before = row.state();
            orphans.add(row); // before closedInOrder: from there eviction may forget it at once
            if (!row.markLeaked(now)) {
                closedInOrder.add(row); // the JDK closed its descriptor: linger like any closed row
                countClosed(row, before);
            }
            onLeak.accept(row.view());
        }
        expireClosedRows(now);
    }

    private void expireClosedRows(long now) {
        for (Connection row = closedInOrder.peek(); row != null; row = closedInOrder.peek()) {
            boolean expired = now - row.closedAtMillis() >= closedRetentionMillis;
            if (!expired && size.get() <= maxRows) {
                return;
            }
            if (closedInOrder.remove(row)) {
                forget(row);
            }
        }
    }

    private void forget(Connection row) {
        if (bySocket.remove(row.key, row) || orphans.remove(row)) {
            size.decrementAndGet();
        }
    }

    /** Makes room for one more row, evicting the oldest closed row when full. False when every row is open. */
    private boolean reserveRow() {
        while (true) {
            int current = size.get();
            if (current < maxRows) {
                if (size.compareAndSet(current, current + 1)) {
                    return true;
                }
                continue;
            }
            Connection oldestClosed = closedInOrder.poll();
            if (oldestClosed == null) {
                return false;
            }
            forget(oldestClosed);
        }
    }

    /** Every row, open and lingering closed, in no particular order. */
    public List<ConnectionView> snapshot() {
        List<ConnectionView> views = new ArrayList<>(size.get());
        for (Connection row : bySocket.values()) {
            views.add(row.view());
        }
        for (Connection row : orphans) {
            views.add(row.view());
        }
        return views;
    }

    /** The most recent failed connects and binds, oldest first. */
    public List<SocketError> recentErrors() {
        long total = errorCount.get();
        int capacity = recentErrors.length();
        List<SocketError> errors = new ArrayList<>();
        for (long sequence = Math.max(0, total - capacity); sequence < total; sequence++) {
            SocketError error = recentErrors.get((int) (sequence % capacity));
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    public int rows() {
        return size.get();
    }

    public long untrackedSockets() {
        return untracked.get();
    }

    public long leakedSockets() {
        return counters.leaked(Transport.TCP) + counters.leaked(Transport.UDP);
    }

    public long errorsRecorded() {
        return errorCount.get();
    }
}
