package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
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

/**
 * Where the table's rows live: keyed by the identity of their socket (held weakly), bounded by {@code maxRows},
 * closed rows lingering for {@code closedRetentionMillis} and evicted oldest first when room is needed. Knows
 * nothing of what events mean; {@link ConnectionTable} does, and counts them.
 */
final class RowStore {

    private final Map<Object, Connection> bySocket = new ConcurrentHashMap<>();
    /** Rows of sockets garbage-collected while open (leaks): no event can reach them any more. */
    private final Set<Connection> orphans = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentLinkedQueue<Connection> closedInOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();
    private final int maxRows;
    private final long closedRetentionMillis;

    RowStore(int maxRows, long closedRetentionMillis) {
        this.maxRows = maxRows;
        this.closedRetentionMillis = closedRetentionMillis;
    }

    Connection find(Object socket) {
        return bySocket.get(new IdentityKey.Lookup(socket));
    }

    /**
     * Creates the row of a socket found to have none. Returns null when the table is full of open rows: the socket
     * is then counted as untracked. A row another thread created meanwhile wins and is returned.
     */
    Connection create(Object socket, Role role, State state, Endpoint local, Endpoint remote, RowOrigin origin,
                      long nowMillis) {
        if (!reserveRow()) {
            untracked.incrementAndGet();
            return null;
        }
        IdentityKey key = new IdentityKey(socket, collected);
        Connection created = new Connection(key, ids.incrementAndGet(), origin.transport(), role, state, local,
                remote, nowMillis, origin.thread(), origin.opener(), origin.agentOwned(),
                origin.closedByJdkWhenCollected());
        Connection raced = bySocket.putIfAbsent(key, created);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return created;
    }

    /** A row just closed: it lingers, and is the first to go when room is needed or its retention is over. */
    void closed(Connection row) {
        closedInOrder.add(row);
    }

    /**
     * The next open row whose socket was garbage-collected (a leak), moved out of reach of the socket's events;
     * null when there is none. A closed row stays where it is: eviction may take it from closedInOrder at any
     * moment, and finds it in bySocket by its own (cleared) key. Only an open row, which no eviction can reach,
     * is moved.
     */
    Connection nextLeak() {
        for (Reference<?> key = collected.poll(); key != null; key = collected.poll()) {
            Connection row = bySocket.get(key);
            if (row != null && row.isOpen() && bySocket.remove(key, row)) {
                orphans.add(row);
                return row;
            }
        }
        return null;
    }

    void expireClosedRows(long now) {
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

    List<ConnectionView> snapshot() {
        List<ConnectionView> views = new ArrayList<>(size.get());
        for (Connection row : bySocket.values()) {
            views.add(row.view());
        }
        for (Connection row : orphans) {
            views.add(row.view());
        }
        return views;
    }

    int maxRows() {
        return maxRows;
    }

    int size() {
        return size.get();
    }

    long untracked() {
        return untracked.get();
    }
}
