package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;

/**
 * One row of the table: a socket of the process, mutated by the events of that socket only. Each row is its own
 * monitor for state transitions, so no lock is ever shared between two sockets; readers see volatile fields and
 * build an immutable {@link ConnectionView}.
 */
public final class Connection {

    private static final VarHandle BYTES_IN;
    private static final VarHandle BYTES_OUT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(Connection.class, "bytesIn", long.class);
            BYTES_OUT = lookup.findVarHandle(Connection.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final IdentityKey key;
    final long id;
    final Transport transport;
    final long openedAtMillis;
    final String thread;
    final Opener opener;
    final boolean agentOwned;
    /** Whether the JDK closes this kind of socket's descriptor itself when the socket is garbage-collected. */
    final boolean closedByJdkWhenCollected;

    private volatile Role role;
    private volatile State state;
    // Each end is kept as its address and port rather than as an Endpoint: two objects (48 bytes) less per row, for
    // 8 bytes of fields. A null address means no such end yet. Written and read under this row's monitor, so an
    // address is never seen with another end's port.
    private InetAddress localAddress;
    private int localPort;
    private InetAddress remoteAddress;
    private int remotePort;
    /** The host name a connect asked for; null when it gave an address. Under this row's monitor, like the ends. */
    private String remoteHost;
    private volatile long connectStartNanos;
    private volatile long connectNanos = -1;
    /** When the row took the addresses it has now: its connect's completion, else when it was opened. */
    private volatile long connectedAtMillis;
    private volatile long closedAtMillis;
    private volatile boolean leaked;
    private boolean connectFailed;
    private volatile long bytesIn;
    private volatile long bytesOut;
    /** The server this outbound connection goes to, set when it is established (connected, for UDP). */
    private volatile Dependency dependency;

    Connection(IdentityKey key, long id, Transport transport, Role role, State state, Endpoint local, Endpoint remote,
               long openedAtMillis, String thread, Opener opener, boolean agentOwned,
               boolean closedByJdkWhenCollected) {
        this.key = key;
        this.id = id;
        this.transport = transport;
        this.role = role;
        this.state = state;
        setLocal(local);
        setRemote(remote);
        this.openedAtMillis = openedAtMillis;
        this.connectedAtMillis = openedAtMillis;
        this.thread = thread;
        this.opener = opener;
        this.agentOwned = agentOwned;
        this.closedByJdkWhenCollected = closedByJdkWhenCollected;
    }

    public Opener opener() {
        return opener;
    }

    public boolean agentOwned() {
        return agentOwned;
    }

    public synchronized Endpoint local() {
        return endpoint(localAddress, localPort);
    }

    public synchronized Endpoint remote() {
        return endpoint(remoteAddress, remotePort);
    }

    private static Endpoint endpoint(InetAddress address, int port) {
        return address == null ? null : new Endpoint(address, port);
    }

    private void setLocal(Endpoint local) {
        localAddress = local == null ? null : local.address();
        localPort = local == null ? 0 : local.port();
    }

    private void setRemote(Endpoint remote) {
        remoteAddress = remote == null ? null : remote.address();
        remotePort = remote == null ? 0 : remote.port();
    }

    public State state() {
        return state;
    }

    public Role role() {
        return role;
    }

    long closedAtMillis() {
        return closedAtMillis;
    }

    /** When this row's pending connect started; {@code fallback} when it recorded none. */
    long connectStart(long fallback) {
        return connectStartNanos != 0 ? connectStartNanos : fallback;
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    /** Moves the row to a new state; returns the state it left, or null when it was closed (and stays so). */
    synchronized State update(Role newRole, State newState, Endpoint newLocal, Endpoint newRemote) {
        State before = state;
        if (before == State.CLOSED) {
            return null; // a late event of a socket already closed must not reopen it
        }
        role = newRole;
        state = newState;
        if (newLocal != null) {
            setLocal(newLocal);
        }
        setRemote(newRemote);
        if (newRemote == null) {
            remoteHost = null;
        }
        return before;
    }

    /** A connect is pending; ignored once established (the connect completed on another thread first). */
    synchronized void connectPending(Endpoint newLocal, Endpoint newRemote, String host, long startNanos) {
        if (state == State.ESTABLISHED) {
            return;
        }
        update(Role.OUTBOUND, State.SYN_SENT, newLocal, newRemote);
        askedFor(host);
        connectStartNanos = startNanos;
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
        update(role, state, newLocal, remote());
    }

    /** Returns true when this call established the connection (not when it was already, or is closed). */
    synchronized boolean established(Endpoint newLocal, Endpoint newRemote, String host, long durationNanos,
                                     long nowMillis) {
        State before = update(Role.OUTBOUND, State.ESTABLISHED, newLocal, newRemote);
        if (before == null || before == State.ESTABLISHED) {
            return false;
        }
        askedFor(host);
        connectNanos = durationNanos;
        connectedAtMillis = nowMillis;
        return true;
    }

    /**
     * Marks the connect as failed; true only the first time, and never once established: a failure is reported
     * once, whichever thread sees it.
     */
    synchronized boolean markConnectFailed() {
        if (connectFailed || connectNanos >= 0) {
            return false;
        }
        connectFailed = true;
        return true;
    }

    /** Closes the row; returns the state it left, or null when it was closed already (the JDK may close twice). */
    synchronized State close(long nowMillis) {
        State before = state;
        if (before == State.CLOSED) {
            return null;
        }
        state = State.CLOSED;
        closedAtMillis = nowMillis;
        return before;
    }

    /**
     * The socket was garbage-collected while open. Returns whether its descriptor is still open in the kernel
     * (nothing in the JDK closes a collected channel's descriptor; Socket and DatagramSocket have cleaners).
     */
    synchronized boolean markLeaked(long nowMillis) {
        leaked = true;
        if (closedByJdkWhenCollected) {
            state = State.CLOSED;
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
        return new ConnectionView(id, transport, role, state, local(), remote(), openedAtMillis, thread, opener,
                agentOwned, leaked, connectNanos, closedAtMillis, bytesIn, bytesOut, connectedAtMillis, remoteHost);
    }
}
