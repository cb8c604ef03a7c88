package dev.portwatch.net;

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

    /** The address of an end, null for none: an end read as two parts (address and port) needs no endpoint. */
    public static InetAddress addressOf(Endpoint end) {
        return end == null ? null : end.address;
    }

    /** The port of an end, 0 for none. */
    public static int portOf(Endpoint end) {
        return end == null ? 0 : end.port;
    }

    /**
     * The numeric address, without a zone suffix for link-local IPv6 scopes. IPv6 is written in its shortest form
     * ({@code ::1}, RFC 5952), as netstat and ss print it; the JDK alone writes {@code 0:0:0:0:0:0:0:1}.
     */
    public String host() {
        return host(address);
    }

    /** {@link #host()} of an address without its endpoint. */
    public static String host(InetAddress address) {
        return address instanceof Inet6Address ? shortIpv6(address.getAddress()) : address.getHostAddress();
    }

    /** RFC 5952: lower-case hex groups, the longest (first) run of two or more zero groups written as "::". */
    private static String shortIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; i++) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = Math.max(i, end);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
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
