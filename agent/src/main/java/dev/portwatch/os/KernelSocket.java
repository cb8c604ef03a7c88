package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;


/**
 * One socket as the Linux kernel lists it in {@code /proc/net/*}: its addresses, the kernel's state name
 * ({@code ESTABLISHED}, {@code CLOSE_WAIT}, {@code TIME_WAIT}, ...; for UDP {@code UNCONN} or {@code ESTABLISHED}),
 * the bytes queued each way, and its inode (0 for sockets no descriptor owns any more, such as TIME_WAIT).
 */
public record KernelSocket(Transport transport, Endpoint local, Endpoint remote, String state, long sendQueue,
                           long receiveQueue, long inode) {

    /** The same for the kernel's and the JDK's view of one socket. */
    public SocketKey key() {
        return key(transport, local, remote);
    }

    public static SocketKey key(Transport transport, Endpoint local, Endpoint remote) {
        return SocketKey.of(transport, local, remote);
    }

    /** The peer, or null when there is none (unconnected, listening, or a disconnected UDP socket). */
    public Endpoint peer() {
        return remote.port() == 0 ? null : remote;
    }

    public boolean isListening() {
        return state.equals("LISTEN");
    }
}
