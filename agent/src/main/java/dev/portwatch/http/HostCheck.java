package dev.portwatch.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Defeats DNS rebinding: a web page whose domain is made to resolve to 127.0.0.1 can make the browser send
 * requests here, but the browser still names the page's domain in {@code Host}. So only a request addressed to a
 * loopback name or address ({@code localhost}, 127.0.0.0/8, {@code [::1]}), to the host the endpoint was told to
 * bind to, or to the address the client actually connected to is served, with any port (an SSH tunnel or a port
 * forward changes the port, never the loopback name). An endpoint bound beyond loopback with a token is protected
 * by the token instead, and accepts any {@code Host}: scrapers name it by whatever name the network gives it.
 */
final class HostCheck {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final String configuredHost;
    private final boolean anyHost;

    private HostCheck(String configuredHost, boolean anyHost) {
        this.configuredHost = configuredHost;
        this.anyHost = anyHost;
    }

    /** The check for an endpoint bound to {@code bound}, configured as {@code configuredHost}. */
    static HostCheck of(String configuredHost, InetAddress bound, boolean tokenRequired) {
        return new HostCheck(normalized(configuredHost), tokenRequired && !bound.isLoopbackAddress());
    }

    /** Whether a request with this {@code Host} value, received on {@code localAddress}, may be served. */
    boolean allows(String host, InetAddress localAddress) {
        if (anyHost) {
            return true;
        }
        String name = nameOf(host);
        if (name == null) {
            return false;
        }
        if (name.equals("localhost") || name.equals(configuredHost)) {
            return true;
        }
        InetAddress address = literal(name);
        return address != null && (address.isLoopbackAddress() || address.equals(localAddress));
    }

    /** The host part of a {@code Host} value, lower case and without a trailing dot; null when malformed. */
    private static String nameOf(String host) {
        String name = host;
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0 || !validPort(name.substring(close + 1))) {
                return null;
            }
            return name.substring(0, close + 1).toLowerCase(Locale.ROOT);
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!validPort(name.substring(colon))) {
                return null;
            }
            name = name.substring(0, colon);
        }
        return name.isEmpty() ? null : normalized(name);
    }

    private static boolean validPort(String suffix) {
        return suffix.isEmpty() || suffix.startsWith(":") && PORT.matcher(suffix.substring(1)).matches();
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The address an IP literal names, never looked up in DNS; null for a name. */
    private static InetAddress literal(String name) {
        try {
            if (IPV4.matcher(name).matches()) {
                String[] parts = name.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            boolean v6 = name.startsWith("[") && name.endsWith("]")
                    && IPV6.matcher(name.substring(1, name.length() - 1)).matches();
            // A bracketed name is parsed as an IPv6 literal or refused, never looked up.
            return v6 ? InetAddress.getByName(name) : null;
        } catch (UnknownHostException malformed) {
            return null;
        }
    }
}
