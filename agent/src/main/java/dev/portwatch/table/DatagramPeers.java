package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;

/**
 * What connecting and disconnecting a UDP socket means to the counters. A UDP "connect" sends nothing: it only
 * fixes the peer, so it is counted as an outbound connection opened (and a dependency) when the socket takes a peer,
 * and as closed when it drops it; moving from one peer to another opens nothing new.
 */
final class DatagramPeers {

    private final SocketCounters counters;
    private final Dependencies dependencies;

    DatagramPeers(SocketCounters counters, Dependencies dependencies) {
        this.counters = counters;
        this.dependencies = dependencies;
    }

    /** Moves the row to {@code remote} (null: no peer, BOUND again) and counts what the move means. */
    void move(Connection row, Endpoint local, Endpoint remote) {
        State before = row.update(Role.DATAGRAM, remote == null ? State.BOUND : State.CONNECTED,
                Endpoint.addressOf(local), Endpoint.portOf(local), Endpoint.addressOf(remote), Endpoint.portOf(remote));
        if (row.agentOwned()) {
            return; // like every counter, not the agent's own sockets
        }
        if (remote != null && before != null && before != State.CONNECTED) {
            counters.recordOpened(Transport.UDP, false);
            dependencies.connected(row, remote.address(), remote.port(), -1);
        } else if (remote == null && before == State.CONNECTED) {
            counters.recordClosed(Transport.UDP, false);
            row.dependsOn(null);
        }
    }
}
