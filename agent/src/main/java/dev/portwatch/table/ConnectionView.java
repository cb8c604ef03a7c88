package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;

/**
 * An immutable copy of one row, taken when the table is read. {@code connectNanos} is -1 when the row is not an
 * outbound connection this process established; {@code closedAtMillis} is 0 while open; {@code connectedAtMillis}
 * is when the row took the addresses it has (its connect completed, else it was opened): a kernel view read before
 * that cannot know the connection. {@code remoteHost} is the host name the application connected to, as it gave it;
 * null when it gave an address (or accepted the connection).
 */
public record ConnectionView(long id, Transport transport, Role role, State state, Endpoint local, Endpoint remote,
                             long openedAtMillis, String thread, Opener opener, boolean agentOwned, boolean leaked,
                             long connectNanos, long closedAtMillis, long bytesIn, long bytesOut,
                             long connectedAtMillis, String remoteHost) {

    /** A row whose addresses date from when it was opened and whose peer was not asked for by name. */
    public ConnectionView(long id, Transport transport, Role role, State state, Endpoint local, Endpoint remote,
                          long openedAtMillis, String thread, Opener opener, boolean agentOwned, boolean leaked,
                          long connectNanos, long closedAtMillis, long bytesIn, long bytesOut) {
        this(id, transport, role, state, local, remote, openedAtMillis, thread, opener, agentOwned, leaked,
                connectNanos, closedAtMillis, bytesIn, bytesOut, openedAtMillis, null);
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    /** ipv6 when either end is an IPv6 address (IPv4-mapped addresses are shown as IPv4 by the JDK). */
    public String family() {
        return local != null && local.isIpv6() || remote != null && remote.isIpv6() ? "ipv6" : "ipv4";
    }
}
