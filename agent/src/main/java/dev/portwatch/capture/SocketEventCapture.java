package dev.portwatch.capture;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.bridge.SocketEventListener;
import dev.portwatch.table.Connection;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Endpoint;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.RowOrigin;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import dev.portwatch.table.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/**
 * Turns the bridge's raw socket events into table updates. Runs on the application's thread inside the JDK call:
 * reads the socket's addresses once when it opens, walks the stack once for its opener, and otherwise does one
 * table lookup per event.
 */
public final class SocketEventCapture implements SocketEventListener {

    private final ConnectionTable table;
    private final SocketAddresses addresses;
    private final CallSites callSites;
    private final AcceptSites acceptSites = new AcceptSites();
    private final ThreadLocal<Boolean> agentScope = new ThreadLocal<>();

    public SocketEventCapture(ConnectionTable table, boolean fullStacks) throws ReflectiveOperationException {
        this.table = table;
        this.addresses = new SocketAddresses(SocketImplFields.open());
        this.callSites = new CallSites(fullStacks);
    }

    /** Runs an agent action (starting its endpoint) so that the sockets it opens are marked as the agent's own. */
    public <T, E extends Exception> T asAgent(AgentAction<T, E> action) throws E {
        agentScope.set(Boolean.TRUE);
        try {
            return action.run();
        } finally {
            agentScope.remove();
        }
    }

    /** An action run with {@link #asAgent}. */
    @FunctionalInterface
    public interface AgentAction<T, E extends Exception> {
        T run() throws E;
    }

    @Override
    public void onBind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown) {
        if (thrown != null) {
            Endpoint asked = requestedEndpoint(requested, requestedPort);
            recordError(SocketError.Operation.BIND, funnel, asked, thrown, -1);
            return;
        }
        Endpoint local = addresses.local(funnel, socket);
        if (local == null) {
            return; // a Unix-domain socket: not a port
        }
        Transport transport = FunnelTraits.transport(funnel);
        Role role = transport == Transport.UDP ? Role.DATAGRAM : Role.OUTBOUND;
        Connection row = table.find(socket);
        if (row == null) {
            table.create(socket, role, State.BOUND, local, null, origin(funnel, false));
        } else {
            row.update(row.role(), row.state(), local, row.remote());
        }
    }

    @Override
    public void onListen(int funnel, Object socket, Object requested, Throwable thrown) {
        if (thrown != null) {
            recordError(SocketError.Operation.BIND, funnel, requestedEndpoint(requested, -1), thrown, -1);
            return;
        }
        Endpoint local = addresses.local(funnel, socket);
        if (local == null) {
            return;
        }
        Connection row = table.find(socket);
        if (row == null) {
            table.create(socket, Role.LISTENER, State.LISTEN, local, null, origin(funnel, true));
        } else {
            row.update(Role.LISTENER, State.LISTEN, local, null);
        }
    }

    @Override
    public void onConnectStart(int funnel, Object socket, Object remote, long startNanos) {
        connectPending(funnel, socket, remote, startNanos);
    }

    @Override
    public void onConnect(int funnel, Object socket, Object remote, boolean established, Throwable thrown,
                          long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        if (funnel == Bridge.DATAGRAM_CHANNEL) {
            datagramConnected(socket, remote, thrown);
            return;
        }
        if (thrown != null) {
            connectFailed(funnel, socket, Endpoint.of(remote), thrown.getClass().getSimpleName(),
                    thrown.getMessage(), durationNanos);
        } else if (established) {
            connected(funnel, socket, durationNanos);
        } else if (funnel == Bridge.ASYNC_SOCKET_CHANNEL) {
            asyncConnectReturned(socket, remote, startNanos, durationNanos);
        } else {
            connectPending(funnel, socket, remote, startNanos);
        }
    }

    @Override
    public void onFinishConnect(int funnel, Object socket, boolean established, Throwable thrown,
                                long startNanos) {
        Connection row = table.find(socket);
        long start = row != null && row.connectStartNanos() != 0 ? row.connectStartNanos() : startNanos;
        long durationNanos = System.nanoTime() - start;
        if (row != null && row.state() == State.ESTABLISHED) {
            return; // finishConnect() called again on a connected channel
        }
        boolean connectedNow = funnel == Bridge.ASYNC_SOCKET_CHANNEL
                ? addresses.remote(funnel, socket) != null
                : established;
        if (connectedNow) {
            connected(funnel, socket, durationNanos);
        } else if (thrown != null) {
            connectFailed(funnel, socket, remoteOf(row), thrown.getClass().getSimpleName(), thrown.getMessage(),
                    durationNanos);
        } else {
            // The asynchronous channel swallows the cause and closes itself; on Linux the only error it can see
            // here is the socket's pending error, which the JDK raises as a ConnectException.
            connectFailed(funnel, socket, remoteOf(row), "ConnectException", "connect failed", durationNanos);
        }
    }

    @Override
    public void onAccept(int funnel, Object listener, Object accepted, Throwable thrown) {
        if (thrown != null || accepted == null) {
            return; // timeouts and closes of the listener: nothing was accepted
        }
        int acceptedFunnel = funnel == Bridge.SERVER_SOCKET_CHANNEL ? Bridge.SOCKET_CHANNEL
                : funnel == Bridge.ASYNC_SERVER_SOCKET_CHANNEL ? Bridge.ASYNC_SOCKET_CHANNEL
                : Bridge.NIO_SOCKET_IMPL;
        Endpoint local = addresses.local(acceptedFunnel, accepted);
        Endpoint remote = addresses.remote(acceptedFunnel, accepted);
        if (local == null || remote == null) {
            return;
        }
        Connection listenerRow = table.find(listener);
        boolean agentOwned = listenerRow != null && listenerRow.agentOwned();
        if (agentOwned) {
            disableNagle(accepted);
        }
        Opener opener = listenerRow == null ? null : acceptSites.lastFrom(listenerRow);
        if (opener == null) {
            opener = acceptOpener(funnel, listenerRow);
            if (listenerRow != null) {
                acceptSites.remember(listenerRow, opener);
            }
        }
        table.accepted(accepted, local, remote, new RowOrigin(Transport.TCP, Thread.currentThread().getName(),
                opener, agentOwned || inAgentScope(), FunnelTraits.closedByJdkWhenCollected(acceptedFunnel)));
    }

    private Opener acceptOpener(int funnel, Connection listenerRow) {
        Opener opener = callSites.current(FunnelTraits.defaultApi(funnel, true));
        if (opener.frame() == null && listenerRow != null) {
            // Accepted on a server's own thread (an HTTP server's dispatcher, a channel group): no application
            // frame is on the stack, so name the code that opened the listener.
            opener = new Opener(opener.api(), listenerRow.opener().frame(), listenerRow.opener().stack());
        }
        return opener;
    }

    @Override
    public void onDisconnect(int funnel, Object socket) {
        Connection row = table.find(socket);
        if (row != null) {
            table.datagramConnected(row, addresses.local(funnel, socket), null);
        }
    }

    @Override
    public void onClose(int funnel, Object socket) {
        table.close(socket);
    }

    @Override
    public void onTransfer(int funnel, Object socket, long bytes, boolean inbound) {
        table.addBytes(socket, bytes, inbound);
    }

    /**
     * The JDK's HTTP server writes a response's headers and body separately; with Nagle's algorithm on, the body
     * then waits for the client's delayed acknowledgement (about 40 ms a scrape). Only the endpoint's own
     * connections are touched: the server's global switch ({@code sun.net.httpserver.nodelay}) would change the
     * application's servers too.
     */
    private static void disableNagle(Object acceptedChannel) {
        if (acceptedChannel instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException | RuntimeException closedAlready) {
                // a connection closed while accepted needs no tuning
            }
        }
    }

    private void connected(int funnel, Object socket, long durationNanos) {
        Endpoint local = addresses.local(funnel, socket);
        Endpoint remote = addresses.remote(funnel, socket);
        if (local == null || remote == null) {
            return;
        }
        Connection row = table.find(socket);
        if (row == null) {
            row = table.create(socket, Role.OUTBOUND, State.SYN_SENT, local, remote, origin(funnel, false));
        }
        if (row != null) {
            table.established(row, local, remote, durationNanos);
        }
    }

    /** A non-blocking or asynchronous connect is under way: the local port may not even be known yet. */
    private void connectPending(int funnel, Object socket, Object requestedRemote, long startNanos) {
        Endpoint local = addresses.local(funnel, socket);
        Endpoint remote = Endpoint.of(requestedRemote);
        Connection row = table.find(socket);
        if (row == null) {
            row = table.create(socket, Role.OUTBOUND, State.SYN_SENT, local, remote, origin(funnel, false));
        }
        if (row != null) {
            row.connectPending(local, remote, startNanos);
        }
    }

    /**
     * The asynchronous {@code implConnect} returned: connected at once, still pending, or failed and closed. A
     * group thread may already have completed it, successfully or not; the row tells.
     */
    private void asyncConnectReturned(Object socket, Object remote, long startNanos, long durationNanos) {
        int funnel = Bridge.ASYNC_SOCKET_CHANNEL;
        Connection row = table.find(socket);
        if (row != null && row.state() != State.SYN_SENT) {
            return; // finishConnect on a group thread got there first
        }
        if (addresses.remote(funnel, socket) != null) {
            connected(funnel, socket, durationNanos);
        } else if (!SocketAddresses.isOpen(socket)) {
            connectFailed(funnel, socket, Endpoint.of(remote), "ConnectException", "connect failed", durationNanos);
        } else if (row == null) {
            connectPending(funnel, socket, remote, startNanos);
        }
    }

    private void connectFailed(int funnel, Object socket, Endpoint remote, String errorType, String message,
                               long durationNanos) {
        Connection row = table.find(socket);
        if (row != null && !row.markConnectFailed()) {
            return; // already reported from the other thread of an asynchronous connect
        }
        // A pending connect fails on a selector or group thread: the row still knows who started it.
        Opener opener = row != null ? row.opener()
                : callSites.current(FunnelTraits.defaultApi(funnel, false));
        table.recordError(new SocketError(SocketError.Operation.CONNECT, FunnelTraits.transport(funnel), remote,
                remote == null ? -1 : remote.port(), errorType, message, durationNanos, System.currentTimeMillis(),
                Thread.currentThread().getName(), opener));
        table.close(socket); // a failed connect leaves no open row, whatever order the JDK closed it in
    }

    private void datagramConnected(Object socket, Object remote, Throwable thrown) {
        int funnel = Bridge.DATAGRAM_CHANNEL;
        if (thrown != null) {
            recordError(SocketError.Operation.CONNECT, funnel, Endpoint.of(remote), thrown, -1);
            return;
        }
        Endpoint local = addresses.local(funnel, socket);
        Endpoint connectedTo = addresses.remote(funnel, socket);
        Connection row = table.find(socket);
        if (row == null && local != null) {
            row = table.create(socket, Role.DATAGRAM, State.BOUND, local, null, origin(funnel, false));
        }
        if (row != null) {
            table.datagramConnected(row, local, connectedTo);
        }
    }

    private void recordError(SocketError.Operation operation, int funnel, Endpoint endpoint, Throwable thrown,
                             long durationNanos) {
        Opener opener = callSites.current(FunnelTraits.defaultApi(funnel, false));
        table.recordError(new SocketError(operation, FunnelTraits.transport(funnel), endpoint,
                endpoint == null ? -1 : endpoint.port(), thrown.getClass().getSimpleName(), thrown.getMessage(),
                durationNanos, System.currentTimeMillis(), Thread.currentThread().getName(), opener));
    }

    private RowOrigin origin(int funnel, boolean listener) {
        return new RowOrigin(FunnelTraits.transport(funnel), Thread.currentThread().getName(),
                callSites.current(FunnelTraits.defaultApi(funnel, listener)), inAgentScope(),
                FunnelTraits.closedByJdkWhenCollected(funnel));
    }

    private boolean inAgentScope() {
        return agentScope.get() != null;
    }

    private static Endpoint remoteOf(Connection row) {
        return row == null ? null : row.remote();
    }

    /** The endpoint a failed bind asked for: an InetSocketAddress, or an InetAddress and a port. */
    private static Endpoint requestedEndpoint(Object requested, int port) {
        if (requested instanceof InetAddress address && port >= 0) {
            return new Endpoint(address, port);
        }
        if (requested instanceof InetSocketAddress) {
            return Endpoint.of(requested);
        }
        return null;
    }
}
