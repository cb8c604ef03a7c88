package dev.portwatch.os;

import dev.portwatch.table.Endpoint;
import dev.portwatch.table.Transport;

/**
 * One socket as the Linux kernel lists it in {@code /proc/net/*}: its addresses, the kernel's state name
 * ({@code ESTABLISHED}, {@code CLOSE_WAIT}, {@code TIME_WAIT}, ...; for UDP {@code UNCONN} or {@code ESTABLISHED}),
 * the bytes queued each way, and its inode (0 for sockets no descriptor owns any more, such as TIME_WAIT).
 */
public record KernelSocket(Transport transport, Endpoint local, Endpoint remote, String state, long sendQueue,
                           long receiveQueue, long inode) {

    /** {@code tcp|127.0.0.1:80|10.0.0.1:5000}: the same for the kernel's and the JDK's view of one socket. */
    public String key() {
        return key(transport, local, remote);
    }

    public static String key(Transport transport, Endpoint local, Endpoint remote) {
        return transport.label() + "|" + part(local) + "|" + part(remote);
    }

    private static String part(Endpoint endpoint) {
        if (endpoint == null || endpoint.isWildcard() && endpoint.port() == 0) {
            return "-";
        }
        return (endpoint.isWildcard() ? "*" : endpoint.host()) + ":" + endpoint.port();
    }

    public boolean isListening() {
        return state.equals("LISTEN");
    }
}
