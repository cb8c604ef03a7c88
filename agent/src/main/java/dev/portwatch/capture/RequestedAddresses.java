package dev.portwatch.capture;

import dev.portwatch.net.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a connect or a bind asked for, read from the address the application handed the JDK: the peer, the host
 * name it gave (not a literal address), the port; and the local endpoint of a failed bind.
 */
final class RequestedAddresses {

    private RequestedAddresses() {}

    /** The peer a connect asked for, as the application gave it; null when its name did not resolve. */
    static Endpoint requestedPeer(Object remote) {
        return Endpoint.of(remote);
    }

    /**
     * The host name a connect asked for, as the application gave it, or null when it gave a literal address. Read
     * with {@code getHostString()}, which returns the name the address was made or resolved from and never looks
     * anything up ({@code getHostName()} would do a reverse lookup of an address made without a name).
     */
    static String askedHost(Object remote) {
        if (!(remote instanceof InetSocketAddress address)) {
            return null;
        }
        String host = AskedHosts.hostString(address); // null: an address without a name, not formatted as text
        return isAddressLiteral(host) ? null : host;
    }

    /** The port a connect asked for, known even when its host name did not resolve; -1 for no IP address. */
    static int askedPort(Object remote) {
        return remote instanceof InetSocketAddress address ? address.getPort() : -1;
    }

    /** An IPv6 literal has a colon, which no host name has; an IPv4 literal is digits and dots only. */
    private static boolean isAddressLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The endpoint a failed bind asked for: an InetSocketAddress, or an InetAddress and a port. */
    static Endpoint requestedEndpoint(Object requested, int port) {
        if (requested instanceof InetAddress address && port >= 0) {
            return new Endpoint(address, port);
        }
        return requested instanceof InetSocketAddress ? Endpoint.of(requested) : null;
    }
}
