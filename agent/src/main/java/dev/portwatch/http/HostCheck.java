package dev.portwatch.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Defeats DNS rebinding: a web page whose domain is made to resolve to 127.0.0.1 can make the browser send
 * requests here, but the browser still names the page's domain in {@code Host}. So only a request addressed to a
 * loopback name or address ({@code localhost}, 127.0.0.0/8, {@code [::1]}), to the host the endpoint was told to
 * bind to, or to the address the client actually connected to is served, with any port (an SSH tunnel or a port
 * forward changes the port, never the loopback name). An endpoint bound beyond loopback with a token is protected
 * by the token instead, and accepts any {@code Host}: scrapers name it by whatever name the network gives it.
 */
final class HostCheck {

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
        if (suffix.isEmpty()) {
            return true;
        }
        int count = suffix.startsWith(":") ? digits(suffix, 1, suffix.length()) : -1;
        return count >= 1 && count <= 5; // \d{1,5}
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The address an IP literal names, never looked up in DNS; null for a name. */
    private static InetAddress literal(String name) {
        try {
            if (dottedQuad(name)) {
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
                    && ipv6Characters(name, 1, name.length() - 1);
            // A bracketed name is parsed as an IPv6 literal or refused, never looked up.
            return v6 ? InetAddress.getByName(name) : null;
        } catch (UnknownHostException malformed) {
            return null;
        }
    }

    // The shapes below are plain loops, not regular expressions: compiling those at the endpoint's start cost the
    // agent's thread classes and time while the application was still starting.

    /** How many ASCII digits {@code text} has from {@code from} to {@code to}; -1 if none, or anything else is. */
    private static int digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return to - from < 1 ? -1 : to - from;
    }

    /** Four groups of one to three ASCII digits joined by dots: {@code \d{1,3}(\.\d{1,3}){3}}. */
    private static boolean dottedQuad(String name) {
        int from = 0;
        for (int group = 0; group < 4; group++) {
            int dot = group < 3 ? name.indexOf('.', from) : name.length();
            int count = dot < 0 ? -1 : digits(name, from, dot);
            if (count < 1 || count > 3) {
                return false;
            }
            from = dot + 1;
        }
        return true;
    }

    /** Two to 45 hexadecimal digits, colons and dots from {@code from} to {@code to}: {@code [0-9A-Fa-f:.]{2,45}}. */
    private static boolean ipv6Characters(String name, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
