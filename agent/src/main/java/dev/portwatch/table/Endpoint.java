package dev.portwatch.table;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One end of a socket: an IP address and a port. Never resolves host names. */
public record Endpoint(InetAddress address, int port) {

    /** The endpoint of a socket address, or null when it is not an IP socket address (Unix-domain, unbound). */
    public static Endpoint of(Object socketAddress) {
        if (socketAddress instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return new Endpoint(inet.getAddress(), inet.getPort());
        }
        return null;
    }

    /** The numeric address, without a zone suffix for link-local IPv6 scopes. */
    public String host() {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        return zone < 0 ? host : host.substring(0, zone);
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code *:8080} for a wildcard address, as netstat prints it. */
    public String display() {
        String host = isWildcard() ? "*" : isIpv6() ? "[" + host() + "]" : host();
        return host + ":" + port;
    }
}
