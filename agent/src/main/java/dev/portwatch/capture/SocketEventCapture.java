package dev.portwatch.capture;

import static dev.portwatch.capture.RequestedAddresses.askedHost;
import static dev.portwatch.capture.RequestedAddresses.askedPort;
import static dev.portwatch.capture.RequestedAddresses.requestedEndpoint;
import static dev.portwatch.capture.RequestedAddresses.requestedPeer;

import dev.portwatch.bridge.SocketEventListener;
import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.EndsAccess;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.funnel.SocketEnds;
import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.SocketError;
import java.net.InetAddress;
import java.nio.channels.Channel;

/**
 * Turns the bridge's raw socket events into table operations. Runs on the application's thread inside the JDK
 * call: per event it reads the socket's ends through its {@link Funnel}, and calls the one table operation the event
 * is; the table asks {@link Openers} for the opener only when the event creates a row.
 */
public final class SocketEventCapture implements SocketEventListener {

    private static final String UNDECIDED_CONNECT_ERROR = "ConnectException";

    private final ConnectionTable table;
    private final Openers openers;
    private final PendingAccepts pendingAccepts = new PendingAccepts();
    private final RingCloses ringCloses = new RingCloses();

    /**
     * Fails when this JVM does not let the capture read a {@code java.net.SocketImpl}'s ends. {@code mode}: how each
     * socket's opener is found.
     */
    public SocketEventCapture(ConnectionTable table, OpenerMode mode) throws ReflectiveOperationException {
        EndsAccess.check();
        this.table = table;
        this.openers = new Openers(mode);
    }

    /** Runs an agent action (starting its endpoint) so that the sockets it opens are marked as the agent's own. */
    public <T, E extends Exception> T asAgent(AgentAction<T, E> action) throws E {
        return openers.asAgent(action);
    }

    /** An action run with {@link #asAgent}. */
    @FunctionalInterface
    public interface AgentAction<T, E extends Exception> {
        T run() throws E;
    }

    @Override
    public void onBind(int funnelId, Object socket, Object requested, int requestedPort, Throwable thrown) {
        Funnel funnel = Funnel.byId(funnelId).forSocket(socket);
        if (funnel == null) {
            return; // not a TCP or UDP socket: no port
        }
        if (thrown != null) {
            table.recordError(failure(SocketError.Operation.BIND, funnel, requestedEndpoint(requested, requestedPort),
                    thrown));
            return;
        }
        Endpoint local = funnel.ends().local(socket);
        if (local != null) { // null: a Unix-domain socket, not a port
            table.bound(socket, local, openers.opened(funnel));
        }
    }

    @Override
    public void onListen(int funnelId, Object socket, Object requested, Throwable thrown) {
        Funnel funnel = Funnel.byId(funnelId).forSocket(socket);
        if (funnel == null) {
            return;
        }
        if (thrown != null) {
            table.recordError(failure(SocketError.Operation.BIND, funnel, requestedEndpoint(requested, -1), thrown));
            return;
        }
        Endpoint local = funnel.ends().local(socket);
        if (local != null) {
            table.listening(socket, local, openers.listening(funnel));
        }
    }

    @Override
    public void onConnectStart(int funnelId, Object reported, Object remote, long startNanos) {
        Object socket = Funnel.byId(funnelId).socketOf(reported);
        Funnel funnel = Funnel.byId(funnelId).forSocket(socket);
        if (funnel == null) {
            return;
        }
        table.connectStarted(socket, funnel.ends().local(socket), requestedPeer(remote), askedHost(remote),
                startNanos, openers.opened(funnel));
    }

    @Override
    public void onConnect(int funnelId, Object socket, Object remote, boolean established, Throwable thrown,
                          long startNanos) {
        long endNanos = System.nanoTime();
        Funnel funnel = Funnel.byId(funnelId).forSocket(socket);
        if (funnel == null) {
            return;
        }
        if (funnel.transport() == Transport.UDP) {
            datagramConnected(funnel, socket, remote, thrown);
        } else if (thrown != null) {
            table.connectFailed(socket, requestedPeer(remote), askedHost(remote), askedPort(remote),
                    errorType(thrown), thrown.getMessage(), startNanos, endNanos, openers.opened(funnel));
        } else if (established && !funnel.ends().readsParts(socket)) {
            connectedEnds(funnel, socket, askedHost(remote), startNanos, endNanos);
        } else if (established) {
            // connected(...) written out: a blocking connect's opener is walked for under this frame, and every
            // frame more between the bridge and the application costs that walk (docs/benchmarks.md).
            SocketEnds ends = funnel.ends();
            InetAddress localAddress = ends.localAddress(socket);
            InetAddress remoteAddress = ends.remoteAddress(socket);
            if (localAddress != null && remoteAddress != null) {
                table.connected(socket, localAddress, ends.localPort(socket), remoteAddress, ends.remotePort(socket),
                        askedHost(remote), startNanos, endNanos, openers.opened(funnel));
            }
        } else if (funnel.undecidedConnects()) {
            undecidedConnectReturned(funnel, socket, remote, startNanos, endNanos);
        } else {
            table.connectStarted(socket, funnel.ends().local(socket), requestedPeer(remote), askedHost(remote),
                    startNanos, openers.opened(funnel));
        }
    }

    @Override
    public void onFinishConnect(int funnelId, Object reported, boolean established, Throwable thrown,
                                long startNanos) {
        long endNanos = System.nanoTime();
        Object socket = Funnel.byId(funnelId).socketOf(reported);
        Funnel funnel = Funnel.byId(funnelId).forSocket(socket);
        if (funnel == null) {
            return;
        }
        boolean connectedNow = funnel.undecidedConnects() ? funnel.ends().remote(socket) != null : established;
        if (connectedNow) {
            connected(funnel, socket, null, startNanos, endNanos);
        } else if (thrown != null) {
            table.connectFailed(socket, null, null, -1, errorType(thrown), thrown.getMessage(), startNanos,
                    endNanos, openers.opened(funnel));
        } else {
            // The asynchronous channel swallows the cause and closes itself; on Linux the only error it can see
            // here is the socket's pending error, which the JDK raises as a ConnectException.
            table.connectFailed(socket, null, null, -1, UNDECIDED_CONNECT_ERROR, "connect failed", startNanos,
                    endNanos, openers.opened(funnel));
        }
    }

    @Override
    public void onAccept(int funnelId, Object listener, Object accepted, Throwable thrown) {
        if (thrown != null || accepted == null) {
            return; // timeouts and closes of the listener: nothing was accepted
        }
        Funnel funnel = Funnel.byId(funnelId);
        if (funnel.acceptsDescriptors()) {
            pendingAccepts.accepted(listener, (Integer) accepted);
        } else {
            accepted(funnel, funnel.socketOf(listener), funnel.socketOf(accepted));
        }
    }

    @Override
    public void onWrap(int funnelId, Object socket, int descriptor) {
        Object listener = pendingAccepts.take(descriptor);
        Funnel funnel = listener == null ? null : Funnel.byId(funnelId).forSocket(socket);
        if (funnel != null) {
            accepted(funnel, listener, socket);
        }
    }

    private void accepted(Funnel funnel, Object listener, Object accepted) {
        SocketEnds ends = funnel.acceptedFunnel().ends();
        if (ends.readsParts(accepted)) {
            InetAddress localAddress = ends.acceptedLocalAddress(listener, accepted);
            InetAddress remoteAddress = ends.remoteAddress(accepted);
            if (localAddress != null && remoteAddress != null) {
                table.accepted(listener, accepted, localAddress, ends.localPort(accepted), remoteAddress,
                        ends.remotePort(accepted), openers.accepted(funnel));
            }
            return;
        }
        Endpoint local = ends.acceptedLocal(listener, accepted);
        Endpoint remote = ends.remote(accepted);
        if (local != null && remote != null) {
            table.accepted(listener, accepted, local.address(), local.port(), remote.address(), remote.port(),
                    openers.accepted(funnel));
        }
    }

    @Override
    public void onDisconnect(int funnelId, Object socket) {
        table.datagramDisconnected(socket, Funnel.byId(funnelId).ends().local(socket));
    }

    @Override
    public void onClose(int funnelId, Object socket) {
        ringCloses.close(table, Funnel.byId(funnelId), socket);
    }

    @Override
    public void onRingClosed(int funnelId) {
        ringCloses.settle(table);
    }

    /**
     * Housekeeping's share: closes submitted to a ring that the kernel has since run, though no event said so (a
     * ring torn down before the kernel finished its work).
     */
    public void settleRingCloses() {
        ringCloses.settle(table);
    }

    @Override
    public void onTransfer(int funnelId, Object socket, long bytes, boolean inbound) {
        table.addBytes(Funnel.byId(funnelId).socketOf(socket), bytes, inbound);
    }

    /** {@code host}: the name the connect asked for, or null to keep the one its pending connect recorded. */
    private void connected(Funnel funnel, Object socket, String host, long startNanos, long endNanos) {
        SocketEnds ends = funnel.ends();
        if (!ends.readsParts(socket)) {
            connectedEnds(funnel, socket, host, startNanos, endNanos);
            return;
        }
        InetAddress localAddress = ends.localAddress(socket);
        InetAddress remoteAddress = ends.remoteAddress(socket);
        if (localAddress != null && remoteAddress != null) {
            table.connected(socket, localAddress, ends.localPort(socket), remoteAddress, ends.remotePort(socket),
                    host, startNanos, endNanos, openers.opened(funnel));
        }
    }

    /** {@link #connected} for ends read whole: part reads would read each twice ({@link SocketEnds#readsParts}). */
    private void connectedEnds(Funnel funnel, Object socket, String host, long startNanos, long endNanos) {
        Endpoint local = funnel.ends().local(socket);
        Endpoint remote = funnel.ends().remote(socket);
        if (local != null && remote != null) {
            table.connected(socket, local.address(), local.port(), remote.address(), remote.port(), host,
                    startNanos, endNanos, openers.opened(funnel));
        }
    }

    /**
     * An undecided connect call returned: connected at once, failed (the channel closed itself), or still pending.
     * A group thread may already have completed it, successfully or not; the table keeps whichever came first.
     */
    private void undecidedConnectReturned(Funnel funnel, Object socket, Object remote, long startNanos,
                                          long endNanos) {
        if (funnel.ends().remote(socket) != null) {
            connected(funnel, socket, askedHost(remote), startNanos, endNanos);
        } else if (!((Channel) socket).isOpen()) {
            table.connectFailed(socket, requestedPeer(remote), askedHost(remote), askedPort(remote),
                    UNDECIDED_CONNECT_ERROR, "connect failed", startNanos, endNanos, openers.opened(funnel));
        } else {
            table.connectStarted(socket, funnel.ends().local(socket), requestedPeer(remote), askedHost(remote),
                    startNanos, openers.opened(funnel));
        }
    }

    private void datagramConnected(Funnel funnel, Object socket, Object remote, Throwable thrown) {
        if (thrown != null) {
            Endpoint peer = requestedPeer(remote);
            table.recordError(new SocketError(SocketError.Operation.CONNECT, funnel.transport(), peer,
                    askedPort(remote), errorType(thrown), thrown.getMessage(), -1,
                    System.currentTimeMillis(), Thread.currentThread().getName(), openers.current(funnel),
                    askedHost(remote)));
            return;
        }
        table.datagramConnected(socket, funnel.ends().local(socket), funnel.ends().remote(socket),
                askedHost(remote), openers.opened(funnel));
    }

    /**
     * The error's type as the JDK would name it: a library's own subclass (Netty's {@code NativeConnectException})
     * by the first JDK class above it ({@code ConnectException}), so the errors of every API count alike.
     */
    private static String errorType(Throwable thrown) {
        Class<?> type = thrown.getClass();
        while (!type.getName().startsWith("java.") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    /** A failed bind, or a failed UDP connect: it has no row, and no duration worth timing. */
    private SocketError failure(SocketError.Operation operation, Funnel funnel, Endpoint endpoint, Throwable thrown) {
        return new SocketError(operation, funnel.transport(), endpoint, endpoint == null ? -1 : endpoint.port(),
                errorType(thrown), thrown.getMessage(), -1, System.currentTimeMillis(),
                Thread.currentThread().getName(), openers.current(funnel));
    }
}
