package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;

/**
 * What the kernel's and the JDK's views of one socket have in common: its transport and both ends, compared by
 * value. No end (or port 0, which Linux leaves as the remote of a disconnected UDP socket) is {@code address} null
 * and port 0; a wildcard address is {@code address} null with its port, whatever its family. Two keys are equal
 * exactly when {@code tcp|127.0.0.1:80|10.0.0.1:5000} texts of them would be, without formatting any address: a
 * report joins 10,000 rows with the view, and formatting the keys cost more than the rest of the join.
 */
public record SocketKey(Transport transport, InetAddress localAddress, int localPort, InetAddress remoteAddress,
                        int remotePort) {

    public static SocketKey of(Transport transport, Endpoint local, Endpoint remote) {
        return new SocketKey(transport, address(local), port(local), address(remote), port(remote));
    }

    /** Port 0 is no end; a wildcard address matches any other wildcard of the port. */
    static InetAddress address(Endpoint endpoint) {
        return endpoint == null || endpoint.port() == 0 || endpoint.isWildcard() ? null : endpoint.address();
    }

    static int port(Endpoint endpoint) {
        return endpoint == null ? 0 : endpoint.port();
    }
}
