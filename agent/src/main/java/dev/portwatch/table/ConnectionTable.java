package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live table of the process's sockets, keyed by the identity of the JDK socket object (held weakly).
 *
 * <p>Rows change only through this class's event operations ({@link #bound}, {@link #listening},
 * {@link #connectStarted}, {@link #connected}, {@link #connectFailed}, {@link #accepted},
 * {@link #datagramConnected}, {@link #datagramDisconnected}, {@link #close}, {@link #addBytes}, and leaks found by
 * {@link #maintain}): each looks the socket up once, creates its row if the event opens one, and counts what the
 * event means for the metrics, so no caller can change a row without it being counted.
 *
 * <p>Writers are the application's threads, one socket each: every update is O(1) on a concurrent map and the
 * row's own monitor, with no lock shared between sockets. Closed rows linger for {@code closedRetentionMillis} so
 * short connections are seen, and the table never holds more than {@code maxRows} rows: the oldest closed rows go
 * first, and when every row is open, new sockets are counted as untracked instead of stored.
 */
public final class ConnectionTable {

    private final RowStore rows;
    private final RecentErrors recentErrors;
    private final SocketCounters counters = new SocketCounters();
    private final ConnectTimes connectTimes = new ConnectTimes();
    private final Dependencies dependencies = new Dependencies();
    private final DatagramPeers datagramPeers = new DatagramPeers(counters, dependencies);
    private final Clock clock;

    public ConnectionTable(int maxRows, long closedRetentionMillis, int maxRecentErrors, Clock clock) {
        if (maxRows < 1 || maxRecentErrors < 1 || closedRetentionMillis < 0) {
            throw new IllegalArgumentException("maxRows and maxRecentErrors must be positive, retention >= 0");
        }
        this.rows = new RowStore(maxRows, closedRetentionMillis);
        this.recentErrors = new RecentErrors(maxRecentErrors);
        this.clock = clock;
    }

    /** The row of a socket; null when the socket is unknown (opened before the agent, or untracked). */
    public Connection find(Object socket) {
        return rows.find(socket);
    }

    /** A socket was bound to {@code local}: a new BOUND row (UDP: datagram, TCP: outbound to be), or a new end. */
    public Connection bound(Object socket, Endpoint local, OriginSource source) {
        Connection row = find(socket);
        if (row != null) {
            row.rebind(local);
            return row;
        }
        RowOrigin origin = source.origin();
        return rows.create(socket, origin.transport() == Transport.UDP ? Role.DATAGRAM : Role.OUTBOUND, State.BOUND,
                local, null, origin, clock.millis());
    }

    /** A TCP socket listens on {@code local}. */
    public Connection listening(Object socket, Endpoint local, OriginSource source) {
        Connection row = find(socket);
        if (row == null) {
            row = rows.create(socket, Role.LISTENER, State.LISTEN, local, null, source.origin(), clock.millis());
        } else {
            row.update(Role.LISTENER, State.LISTEN, Endpoint.addressOf(local), Endpoint.portOf(local), null, 0);
        }
        if (row != null && !row.agentOwned() && local != null) { // a socket whose address could not be read has none
            counters.presetAccepted(row.transport(), local.port());
        }
        return row;
    }

    /**
     * A non-blocking or asynchronous connect to {@code remote} is under way (SYN_SENT): {@code local} may not be
     * known yet. Never undoes a connect another thread already completed. {@code host}: the host name the peer was
     * asked for by, or null (here and in every connect operation).
     */
    public Connection connectStarted(Object socket, Endpoint local, Endpoint remote, String host, long startNanos,
                                     OriginSource source) {
        Connection row = find(socket);
        if (row == null) {
            row = rows.create(socket, Role.OUTBOUND, State.SYN_SENT, local, remote, source.origin(), clock.millis());
        }
        if (row != null) {
            row.connectPending(local, remote, host, startNanos);
        }
        return row;
    }

    /**
     * An outbound connect completed: the row becomes ESTABLISHED, and the connection is counted and timed once,
     * from the start its pending connect recorded or else {@code startNanos}, to {@code endNanos}.
     */
    public Connection connected(Object socket, InetAddress localAddress, int localPort, InetAddress remoteAddress,
                                int remotePort, String host, long startNanos, long endNanos, OriginSource source) {
        Connection row = find(socket);
        long nowMillis = clock.millis(); // one clock read: a new row is opened and connected at the same instant
        if (row == null) {
            row = rows.create(socket, Role.OUTBOUND, State.SYN_SENT, localAddress, localPort, remoteAddress,
                    remotePort, source.origin(), nowMillis);
        }
        if (row == null) {
            return null;
        }
        long durationNanos = row.established(localAddress, localPort, remoteAddress, remotePort, host, startNanos,
                endNanos, nowMillis);
        if (durationNanos >= 0 && !row.agentOwned()) {
            counters.recordOpened(row.transport(), false);
            connectTimes.record(row.transport(), true, durationNanos);
            dependencies.connected(row, remoteAddress, remotePort, durationNanos);
        }
        return row;
    }

    /**
     * A TCP connect failed: recorded (among the recent errors, counted by type, timed) once per socket, whichever of
     * the threads of an asynchronous connect sees it, and never for a connect already established. The row, if
     * any, is closed: a failed connect leaves no open row, whatever order the JDK closed it in. {@code remote} is
     * what was asked for, {@code host} the name it was asked by (a name that did not resolve has no {@code remote},
     * and its {@code port} is the one asked for); both null: the ones the pending connect recorded.
     */
    public void connectFailed(Object socket, Endpoint remote, String host, int port, String errorType,
                              String message, long startNanos, long endNanos, OriginSource source) {
        Connection row = find(socket);
        if (row != null && !row.markConnectFailed()) {
            return;
        }
        // A pending connect fails on a selector or group thread: the row still knows who started it.
        RowOrigin origin = row == null ? source.origin() : null;
        boolean asked = remote != null || host != null || row == null;
        Endpoint peer = asked ? remote : row.remote();
        String peerHost = asked ? host : row.remoteHost();
        int peerPort = peer != null ? peer.port() : asked ? port : -1;
        recordError(new SocketError(SocketError.Operation.CONNECT, row == null ? origin.transport() : row.transport(),
                peer, peerPort, errorType, message,
                endNanos - (row == null ? startNanos : row.connectStart(startNanos)), clock.millis(),
                Thread.currentThread().getName(), row == null ? origin.opener() : row.opener, peerHost));
        if (row != null) {
            closeRow(row);
        }
    }

    /** A listener accepted a connection: a new ESTABLISHED inbound row, counted; ends as {@link #connected}'s. */
    public Connection accepted(Object listener, Object socket, InetAddress localAddress, int localPort,
                               InetAddress remoteAddress, int remotePort, AcceptOrigin source) {
        if (find(socket) != null) {
            return null;
        }
        RowOrigin origin = source.origin(find(listener));
        Connection row = rows.create(socket, Role.INBOUND, State.ESTABLISHED, localAddress, localPort, remoteAddress,
                remotePort, origin, clock.millis());
        if (row != null && !origin.agentOwned()) {
            counters.recordOpened(origin.transport(), true);
            if (localAddress != null) {
                counters.recordAccepted(origin.transport(), localPort);
            }
        }
        return row;
    }

    /** A UDP socket was connected to {@code remote}: CONNECTED, counted as an outbound connection. */
    public Connection datagramConnected(Object socket, Endpoint local, Endpoint remote, String host,
                                        OriginSource source) {
        Connection row = find(socket);
        if (row == null && local != null) {
            row = rows.create(socket, Role.DATAGRAM, State.BOUND, local, null, source.origin(), clock.millis());
        }
        if (row != null) {
            row.datagramPeerAskedFor(host);
            datagramPeers.move(row, local, remote);
        }
        return row;
    }

    /** A connected UDP socket was disconnected: BOUND again, its connection counted as closed. */
    public void datagramDisconnected(Object socket, Endpoint local) {
        Connection row = find(socket);
        if (row != null) {
            datagramPeers.move(row, local, null);
        }
    }

    /** A socket was closed; the JDK may close one more than once. */
    public void close(Object socket) {
        Connection row = find(socket);
        if (row != null) {
            closeRow(row);
        }
    }

    private void closeRow(Connection row) {
        State before = row.close(clock.millis());
        if (before != null) {
            rows.closed(row);
            countClosed(row, before);
        }
    }

    private void countClosed(Connection row, State before) {
        if (!row.agentOwned()) { // the endpoint's own scrapes are not the application's traffic
            counters.recordClosed(row, before);
        }
    }

    /** Counts bytes on a socket's row: the hot path of every read and write, one lookup and two atomic adds. */
    public void addBytes(Object socket, long bytes, boolean inbound) {
        Connection row = find(socket);
        if (row != null) {
            row.addBytes(bytes, inbound);
            if (!row.agentOwned()) {
                counters.recordBytes(row.transport(), inbound, bytes);
            }
        }
    }

    /** Records a failed bind, a failed UDP connect, or a failed TCP connect: kept, counted by type (and port). */
    public void recordError(SocketError error) {
        recentErrors.add(error);
        counters.recordError(error);
        if (error.operation() == SocketError.Operation.CONNECT) {
            if (error.durationNanos() >= 0) {
                connectTimes.record(error.transport(), false, error.durationNanos());
            }
            dependencies.connectFailed(error);
        }
    }

    /** Sends every connect's duration to {@code timer}, first those measured before it was attached. */
    public void timeConnectsWith(ConnectTimer timer) {
        connectTimes.timeWith(timer);
    }

    public SocketCounters counters() {
        return counters;
    }

    /** The servers the process connects to, by the name (else address) asked for, and port. */
    public Dependencies dependencies() {
        return dependencies;
    }

    /**
     * Housekeeping, run off the application's threads: finds sockets collected without close (leaks), forgets
     * closed rows past their retention, and keeps the table within {@code maxRows}. Each leaked row is handed to
     * {@code onLeak} once. Returns in how many milliseconds the oldest closed row still waiting to settle into the
     * closed ring is due, -1 when none waits: the sooner rows settle, the fewer of their objects a young collection
     * finds alive.
     */
    public long maintain(Consumer<ConnectionView> onLeak) {
        long now = clock.millis();
        for (Connection row = rows.nextLeak(); row != null; row = rows.nextLeak()) {
            counters.recordLeak(row.transport());
            State before = row.state();
            if (!row.markLeaked(now)) {
                rows.closed(row); // the JDK closed its descriptor: linger like any closed row
                countClosed(row, before);
            }
            onLeak.accept(row.view());
        }
        return rows.expireClosedRows(now);
    }

    /** Creates the row of a socket (tests: whatever the event); the existing row when the socket has one. */
    Connection create(Object socket, Role role, State state, Endpoint local, Endpoint remote, RowOrigin origin) {
        Connection existing = find(socket);
        return existing != null ? existing : rows.create(socket, role, state, local, remote, origin, clock.millis());
    }

    /** Every row, open and lingering closed, in no particular order. */
    public List<ConnectionView> snapshot() {
        return rows.snapshot();
    }

    /** The most recent failed connects and binds, oldest first. */
    public List<SocketError> recentErrors() {
        return recentErrors.list();
    }

    public int rows() {
        return rows.size();
    }

    /** The most rows the table holds (the maxRows option): past it, new sockets go untracked. */
    public int maxRows() {
        return rows.maxRows();
    }

    public long untrackedSockets() {
        return rows.untracked();
    }

    public long leakedSockets() {
        return counters.leaked(Transport.TCP) + counters.leaked(Transport.UDP);
    }

    public long errorsRecorded() {
        return recentErrors.total();
    }
}
