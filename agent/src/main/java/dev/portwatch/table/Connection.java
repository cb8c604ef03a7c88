package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.net.InetAddress;

/**
 * One row of the table: a socket of the process, mutated by the events of that socket only. Each row is its own
 * monitor for state transitions, so no lock is ever shared between two sockets; readers see volatile fields and
 * build an immutable {@link ConnectionView}.
 *
 * <p>The row is also the table's weak key of its socket ({@link IdentityKey}) and its own node in the table's map
 * ({@link RowMap}), and keeps its enums and flags in bytes and its ports in chars: an open row is one object of 136
 * bytes (with compressed references), where a row, its key and its map node were three of 192. Once closed for a
 * moment, a row is written into the {@link ClosedRing} and the object goes; meanwhile it holds no address object
 * (IPv4 ends are numbers) and is its own node in {@link JustClosed}.
 */
public final class Connection extends IdentityKey {

    private static final VarHandle BYTES_IN;
    private static final VarHandle BYTES_OUT;
    private static final Transport[] TRANSPORTS = Transport.values();
    private static final Role[] ROLES = Role.values();
    private static final State[] STATES = State.values();

    // traits: the transport's ordinal in the low bits, then what never changes
    private static final int TRANSPORT_BITS = 0x3;
    private static final int AGENT_OWNED = 1 << 2;
    private static final int CLOSED_BY_JDK_WHEN_COLLECTED = 1 << 3;
    // marks, under this row's monitor
    private static final int LEAKED = 1;
    private static final int CONNECT_FAILED = 1 << 1;
    /** {@code connect} holds the start of a pending connect, not yet its duration. */
    private static final int CONNECT_PENDING = 1 << 2;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(Connection.class, "bytesIn", long.class);
            BYTES_OUT = lookup.findVarHandle(Connection.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final long openedAtMillis;
    final String thread;
    final Opener opener;
    private final byte traits;

    private volatile byte role;
    private volatile byte state;
    private byte marks;
    // Each end is kept as its address and port rather than as an Endpoint: two objects (48 bytes) less per row, and
    // an IPv4 address as a number, not the socket's object ({@link Ipv4}). A null address means no such end yet.
    // Written and read under this row's monitor, so an address is never seen with another end's port.
    private InetAddress localAddress;
    private int localIpv4;
    private char localPort;
    private InetAddress remoteAddress;
    private int remoteIpv4;
    private char remotePort;
    /** The host name a connect asked for; null when it gave an address. Under this row's monitor, like the ends. */
    private String remoteHost;
    /**
     * Under this row's monitor: while {@link #CONNECT_PENDING}, when the pending connect started ({@code nanoTime});
     * then how long the connect took, -1 when this row established no connection. One field serves both: a row
     * needs the start only until it has the duration.
     */
    private long connect = -1;
    /** When the row took the addresses it has now: its connect's completion, else when it was opened. */
    private volatile long connectedAtMillis;
    private volatile long closedAtMillis;
    private volatile long bytesIn;
    private volatile long bytesOut;
    /** The server this outbound connection goes to, set when it is established (connected, for UDP). */
    private volatile Dependency dependency;
    /** The next row of this row's bucket in {@link RowMap}; this row itself once unlinked from it. */
    volatile Connection next;
    /** Once closed, its neighbour in {@link JustClosed}: no queue node per closed row. */
    Connection closedNext;

    Connection(Object socket, ReferenceQueue<Object> collected, long id, RowOrigin origin, Role role, State state,
               InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort,
               long openedAtMillis) {
        super(socket, collected);
        this.id = id;
        this.traits = (byte) (origin.transport().ordinal() | (origin.agentOwned() ? AGENT_OWNED : 0)
                | (origin.closedByJdkWhenCollected() ? CLOSED_BY_JDK_WHEN_COLLECTED : 0));
        this.role = (byte) role.ordinal();
        this.state = (byte) state.ordinal();
        setLocal(localAddress, localPort);
        setRemote(remoteAddress, remotePort);
        this.openedAtMillis = openedAtMillis;
        this.connectedAtMillis = openedAtMillis;
        this.thread = origin.thread();
        this.opener = origin.opener();
    }

    public Opener opener() {
        return opener;
    }

    public boolean agentOwned() {
        return (traits & AGENT_OWNED) != 0;
    }

    Transport transport() {
        return TRANSPORTS[traits & TRANSPORT_BITS];
    }

    public synchronized Endpoint local() {
        return Ipv4.endpoint(localAddress, localIpv4, localPort);
    }

    public synchronized Endpoint remote() {
        return Ipv4.endpoint(remoteAddress, remoteIpv4, remotePort);
    }

    private void setLocal(InetAddress address, int port) {
        localAddress = Ipv4.kept(address);
        localIpv4 = Ipv4.bits(address);
        localPort = address == null ? 0 : (char) port;
    }

    private void setRemote(InetAddress address, int port) {
        remoteAddress = Ipv4.kept(address);
        remoteIpv4 = Ipv4.bits(address);
        remotePort = address == null ? 0 : (char) port;
    }

    public State state() {
        return STATES[state];
    }

    public Role role() {
        return ROLES[role];
    }

    long closedAtMillis() {
        return closedAtMillis;
    }

    /** When this row's pending connect started; {@code fallback} when it recorded none. */
    synchronized long connectStart(long fallback) {
        return (marks & CONNECT_PENDING) != 0 ? connect : fallback;
    }

    /** How long this row's connect took; -1 when it established none (yet). */
    private long connectNanos() {
        return (marks & CONNECT_PENDING) != 0 ? -1 : connect;
    }

    public boolean isOpen() {
        return state().isOpen();
    }

    /** Moves the row to a new state (a null local address keeps the local end); null when closed (and stays so). */
    synchronized State update(Role newRole, State newState, InetAddress newLocalAddress, int newLocalPort,
                              InetAddress newRemoteAddress, int newRemotePort) {
        State before = state();
        if (before == State.CLOSED) {
            return null; // a late event of a socket already closed must not reopen it
        }
        role = (byte) newRole.ordinal();
        state = (byte) newState.ordinal();
        if (newLocalAddress != null) {
            setLocal(newLocalAddress, newLocalPort);
        }
        setRemote(newRemoteAddress, newRemotePort);
        if (newRemoteAddress == null) {
            remoteHost = null;
        }
        return before;
    }

    /** A connect is pending; ignored once established (the connect completed on another thread first). */
    synchronized void connectPending(Endpoint newLocal, Endpoint newRemote, String host, long startNanos) {
        if (state() == State.ESTABLISHED) {
            return;
        }
        update(Role.OUTBOUND, State.SYN_SENT, Endpoint.addressOf(newLocal), Endpoint.portOf(newLocal),
                Endpoint.addressOf(newRemote), Endpoint.portOf(newRemote));
        askedFor(host);
        connect = startNanos;
        marks |= CONNECT_PENDING;
    }

    /** The host name the peer was asked for by; a later event that does not know it (null) keeps the one known. */
    synchronized void askedFor(String host) {
        if (host != null) {
            remoteHost = host;
        }
    }

    synchronized String remoteHost() {
        return remoteHost;
    }

    /** A UDP socket connected to a peer asked for by {@code host} (null: by address), whatever it was before. */
    synchronized void datagramPeerAskedFor(String host) {
        remoteHost = host;
    }

    void dependsOn(Dependency server) {
        dependency = server;
    }

    /** Bound (again) to {@code newLocal}, in whatever role and state it is. */
    synchronized void rebind(Endpoint newLocal) {
        Endpoint remote = remote();
        update(role(), state(), Endpoint.addressOf(newLocal), Endpoint.portOf(newLocal), Endpoint.addressOf(remote),
                Endpoint.portOf(remote));
    }

    /** Establishes it: its connect's duration (since its pending start, else startNanos); -1 if already, or closed. */
    synchronized long established(InetAddress newLocal, int newLocalPort, InetAddress newRemote, int newRemotePort,
                                  String host, long startNanos, long endNanos, long nowMillis) {
        State before = update(Role.OUTBOUND, State.ESTABLISHED, newLocal, newLocalPort, newRemote, newRemotePort);
        if (before == null || before == State.ESTABLISHED) {
            return -1;
        }
        askedFor(host);
        connect = endNanos - connectStart(startNanos); // one monitor for the start's read and the duration's write
        marks &= ~CONNECT_PENDING;
        connectedAtMillis = nowMillis;
        return connect;
    }

    /**
     * Marks the connect as failed; true only the first time, and never once established: a failure is reported
     * once, whichever thread sees it.
     */
    synchronized boolean markConnectFailed() {
        if ((marks & CONNECT_FAILED) != 0 || connectNanos() >= 0) {
            return false;
        }
        marks |= CONNECT_FAILED;
        return true;
    }

    /** Closes the row; returns the state it left, or null when it was closed already (the JDK may close twice). */
    synchronized State close(long nowMillis) {
        State before = state();
        if (before == State.CLOSED) {
            return null;
        }
        state = (byte) State.CLOSED.ordinal();
        closedAtMillis = nowMillis;
        return before;
    }

    /**
     * The socket was garbage-collected while open. Returns whether its descriptor is still open in the kernel
     * (nothing in the JDK closes a collected channel's descriptor; Socket and DatagramSocket have cleaners).
     */
    synchronized boolean markLeaked(long nowMillis) {
        marks |= LEAKED;
        if ((traits & CLOSED_BY_JDK_WHEN_COLLECTED) != 0) {
            state = (byte) State.CLOSED.ordinal();
            closedAtMillis = nowMillis;
            return false;
        }
        return true;
    }

    /** Counts bytes on this row, and for the server it goes to when it is an application's outbound connection. */
    void addBytes(long bytes, boolean inbound) {
        if (inbound) {
            BYTES_IN.getAndAdd(this, bytes);
        } else {
            BYTES_OUT.getAndAdd(this, bytes);
        }
        Dependency server = dependency;
        if (server != null) {
            server.recordBytes(bytes, inbound);
        }
    }

    public synchronized ConnectionView view() {
        return new ConnectionView(id, transport(), role(), state(), local(), remote(), openedAtMillis, thread, opener,
                agentOwned(), (marks & LEAKED) != 0, connectNanos(), closedAtMillis, bytesIn, bytesOut,
                connectedAtMillis, remoteHost);
    }

    /**
     * Writes what this closed row shows into the ring: no object per closed row, no key, no server. Returns whether
     * the ring was full and dropped its oldest row for it.
     */
    synchronized boolean settleInto(ClosedRing ring) {
        return ring.append(id, transport(), role(), openedAtMillis, connectedAtMillis, closedAtMillis, thread, opener,
                agentOwned(), (marks & LEAKED) != 0, connectNanos(), bytesIn, bytesOut, localAddress, localIpv4,
                localPort, remoteAddress, remoteIpv4, remotePort, remoteHost);
    }
}
