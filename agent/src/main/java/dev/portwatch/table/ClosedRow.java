package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the table shows of a closed connection while it lingers, in one immutable object of 96 bytes: no weak key
 * of its socket (so no reference for the GC to discover and enqueue), no server, and an IPv4 peer kept as an int
 * rather than as the socket's own {@link InetAddress} (two objects, 48 bytes, that would otherwise live as long as
 * the row). Closed rows live for the retention time (5 s by default), far longer than a young collection's cycle,
 * so every byte here is copied from survivor space to survivor space until they go.
 */
final class ClosedRow {

    private static final Transport[] TRANSPORTS = Transport.values();
    private static final Role[] ROLES = Role.values();

    // The kind's bits, kept in the low byte of idAndKind: ids come from a counter that never reaches 2^55.
    private static final int KIND_BITS = 8;
    private static final int TRANSPORT = 0x1;
    private static final int ROLE_SHIFT = 1;
    private static final int ROLE_BITS = 0x3;
    private static final int AGENT_OWNED = 1 << 3;
    private static final int LEAKED = 1 << 4;
    private static final int REMOTE_IPV4 = 1 << 5;

    private final long idAndKind;
    private final long openedAtMillis;
    private final long connectedAtMillis;
    private final long closedAtMillis;
    private final long connectNanos;
    private final long bytesIn;
    private final long bytesOut;
    private final String thread;
    private final Opener opener;
    /** Shared by every row of the same local address (the capture reads one object per address). */
    private final InetAddress localAddress;
    /** A peer that is not IPv4; null for an IPv4 peer (then in {@code remoteIpv4}) or none. */
    private final InetAddress remoteAddress;
    private final String remoteHost;
    private final int remoteIpv4;
    private final char localPort;
    private final char remotePort;

    ClosedRow(long id, Transport transport, Role role, long openedAtMillis, long connectedAtMillis,
              long closedAtMillis, String thread, Opener opener, boolean agentOwned, boolean leaked,
              long connectNanos, long bytesIn, long bytesOut, InetAddress localAddress, char localPort,
              InetAddress remoteAddress, char remotePort, String remoteHost) {
        boolean ipv4 = remoteAddress instanceof Inet4Address;
        int kind = transport.ordinal() & TRANSPORT
                | role.ordinal() << ROLE_SHIFT
                | (agentOwned ? AGENT_OWNED : 0)
                | (leaked ? LEAKED : 0)
                | (ipv4 ? REMOTE_IPV4 : 0);
        this.idAndKind = id << KIND_BITS | kind;
        this.openedAtMillis = openedAtMillis;
        this.connectedAtMillis = connectedAtMillis;
        this.closedAtMillis = closedAtMillis;
        this.connectNanos = connectNanos;
        this.bytesIn = bytesIn;
        this.bytesOut = bytesOut;
        this.thread = thread;
        this.opener = opener;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = ipv4 ? null : remoteAddress;
        this.remoteIpv4 = ipv4 ? ipv4Bits(remoteAddress.getAddress()) : 0;
        this.remotePort = remotePort;
        this.remoteHost = remoteHost;
    }

    long closedAtMillis() {
        return closedAtMillis;
    }

    ConnectionView view() {
        int kind = (int) idAndKind & (1 << KIND_BITS) - 1;
        Endpoint local = localAddress == null ? null : new Endpoint(localAddress, localPort);
        Endpoint remote = (kind & REMOTE_IPV4) != 0 ? new Endpoint(ipv4(remoteIpv4), remotePort)
                : remoteAddress == null ? null : new Endpoint(remoteAddress, remotePort);
        return new ConnectionView(idAndKind >>> KIND_BITS, TRANSPORTS[kind & TRANSPORT],
                ROLES[kind >> ROLE_SHIFT & ROLE_BITS], State.CLOSED, local, remote, openedAtMillis, thread, opener,
                (kind & AGENT_OWNED) != 0, (kind & LEAKED) != 0, connectNanos, closedAtMillis, bytesIn, bytesOut,
                connectedAtMillis, remoteHost);
    }

    private static int ipv4Bits(byte[] address) {
        return (address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8 | address[3] & 0xff;
    }

    private static InetAddress ipv4(int bits) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16),
                (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException impossible) { // only for a length other than 4 or 16
            throw new IllegalStateException(impossible);
        }
    }
}
