package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the table's rows live: keyed by the identity of their socket (held weakly), bounded by {@code maxRows},
 * closed rows lingering for {@code closedRetentionMillis} and evicted oldest first when room is needed. Knows
 * nothing of what events mean; {@link ConnectionTable} does, and counts them.
 *
 * <p>A row that closes stays in place, found by its socket, until housekeeping finds it closed for at least
 * {@link #SETTLE_MILLIS}: the JDK's late events of a closing socket (a second close, a failed connect reported
 * after the socket closed itself, the other thread of an asynchronous connect) must still find it. Housekeeping
 * then writes it into the {@link ClosedRing} for the rest of its retention, so a closed connection costs the GC no
 * object of its own and no weak reference for most of the time it lingers.
 */
final class RowStore {

    /** How long a closed row stays findable by its socket before it moves to the {@link ClosedRing}. */
    static final long SETTLE_MILLIS = 100;

    private final RowMap bySocket = new RowMap();
    /** Rows of sockets garbage-collected while open (leaks): no event can reach them any more. */
    private final Set<Connection> orphans = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** Rows closed and still findable, oldest first: all closed after every row of {@code closedRows}. */
    private final JustClosed justClosed = new JustClosed();
    /** Closed rows past {@link #SETTLE_MILLIS}, oldest first; added to by housekeeping only. */
    private final ClosedRing closedRows;
    /** The rows held, and the ids: one compare-and-set per new row ({@link RowCount}). */
    private final RowCount size = new RowCount();
    private final AtomicLong untracked = new AtomicLong();
    private final int maxRows;
    private final long closedRetentionMillis;

    RowStore(int maxRows, long closedRetentionMillis) {
        this.maxRows = maxRows;
        this.closedRetentionMillis = closedRetentionMillis;
        this.closedRows = new ClosedRing(maxRows);
    }

    Connection find(Object socket) {
        return bySocket.find(socket);
    }

    /**
     * Creates the row of a socket found to have none. Returns null when the table is full of open rows: the socket
     * is then counted as untracked. A row another thread created meanwhile wins and is returned.
     */
    Connection create(Object socket, Role role, State state, Endpoint local, Endpoint remote, RowOrigin origin,
                      long nowMillis) {
        return create(socket, role, state, Endpoint.addressOf(local), Endpoint.portOf(local),
                Endpoint.addressOf(remote), Endpoint.portOf(remote), origin, nowMillis);
    }

    /**
     * {@link #create} with each end as its address (null: none) and port: a connect or an accept read its ends so,
     * and makes no {@link Endpoint} for them.
     */
    Connection create(Object socket, Role role, State state, InetAddress localAddress, int localPort,
                      InetAddress remoteAddress, int remotePort, RowOrigin origin, long nowMillis) {
        long id = reserveRow();
        if (id == 0) {
            untracked.incrementAndGet();
            return null;
        }
        Connection created = new Connection(socket, collected, id, origin, role, state, localAddress, localPort,
                remoteAddress, remotePort, nowMillis);
        Connection raced = bySocket.putIfAbsent(created);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return created;
    }

    /** A row just closed: it lingers, and is the first to go when room is needed or its retention is over. */
    void closed(Connection row) {
        justClosed.add(row);
    }

    /**
     * The next open row whose socket was garbage-collected (a leak), moved out of reach of the socket's events;
     * null when there is none. A closed row stays where it is: eviction may take it from justClosed at any
     * moment, and removes it from bySocket by itself (its socket is gone, its hash is not). Only an open row, which
     * no eviction can reach, is moved.
     */
    Connection nextLeak() {
        for (Reference<?> key = collected.poll(); key != null; key = collected.poll()) {
            if (key instanceof Connection row && row.isOpen() && bySocket.remove(row)) {
                orphans.add(row);
                return row;
            }
        }
        return null;
    }

    /**
     * Housekeeping: forgets closed rows past their retention (and the oldest beyond {@code maxRows}), then moves
     * the rows closed for {@link #SETTLE_MILLIS} to the ring, oldest first. Returns in how many milliseconds the
     * oldest row left waiting is due to settle, -1 when none waits.
     */
    long expireClosedRows(long now) {
        size.addAndGet(-closedRows.expire(now - closedRetentionMillis));
        while (size.get() > maxRows && closedRows.dropOldest()) {
            size.decrementAndGet();
        }
        for (Connection row = justClosed.peek(); row != null; row = justClosed.peek()) {
            if (mustGo(row.closedAtMillis(), now)) {
                if (justClosed.removeOldest(row)) {
                    forget(row);
                }
            } else if (now - row.closedAtMillis() >= SETTLE_MILLIS) {
                settle(row);
            } else {
                return SETTLE_MILLIS - (now - row.closedAtMillis());
            }
        }
        return -1;
    }

    private boolean mustGo(long closedAtMillis, long now) {
        return now - closedAtMillis >= closedRetentionMillis || size.get() > maxRows;
    }

    /**
     * Moves a closed row to the ring, if eviction has not taken it meanwhile (only one thread's
     * take from justClosed succeeds). The row counts in size throughout; a read in between may miss it, as it
     * would miss a row that just expired.
     */
    private void settle(Connection row) {
        if (justClosed.removeOldest(row)) {
            unmap(row);
            if (row.settleInto(closedRows)) { // cannot happen while the ring holds maxRows: only rows counted in size
                size.decrementAndGet();
            }
        }
    }

    private void forget(Connection row) {
        if (unmap(row)) {
            size.decrementAndGet();
        }
    }

    private boolean unmap(Connection row) {
        return bySocket.remove(row) || orphans.remove(row);
    }

    /**
     * Makes room for one more row, evicting the oldest closed row when full; returns the row's id, 0 when every row
     * is open.
     */
    private long reserveRow() {
        while (true) {
            long id = size.reserve(maxRows);
            if (id != 0) {
                return id;
            }
            if (closedRows.dropOldest()) {
                size.decrementAndGet();
                continue;
            }
            Connection oldestClosed = justClosed.poll();
            if (oldestClosed == null) {
                return 0;
            }
            forget(oldestClosed);
        }
    }

    /**
     * Every row, open and lingering closed, each once. The open rows are read before the ring: a closed row read
     * among them may settle into the ring before the ring is read, so the ring's copy of a row already listed is
     * dropped (a settling row is unmapped before it is written to the ring, so reading in the other order would
     * miss such rows instead).
     */
    List<ConnectionView> snapshot() {
        List<ConnectionView> views = new ArrayList<>(size.get());
        Set<Long> closedBeforeTheRing = new HashSet<>();
        for (Connection row : bySocket.rows()) {
            add(row.view(), views, closedBeforeTheRing);
        }
        for (Connection row : orphans) {
            add(row.view(), views, closedBeforeTheRing);
        }
        int ringStart = views.size();
        closedRows.addViews(views);
        if (!closedBeforeTheRing.isEmpty()) {
            views.subList(ringStart, views.size()).removeIf(settled -> closedBeforeTheRing.contains(settled.id()));
        }
        return views;
    }

    private static void add(ConnectionView view, List<ConnectionView> views, Set<Long> closed) {
        views.add(view);
        if (view.state() == State.CLOSED) {
            closed.add(view.id());
        }
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
