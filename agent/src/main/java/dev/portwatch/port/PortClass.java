package dev.portwatch.port;

import java.util.Locale;

/** The IANA port ranges of RFC 6335. */
public enum PortClass {
    /** 0–1023: system services; binding needs privileges on most systems. */
    WELL_KNOWN,
    /** 1024–49151: services registered with IANA; what application servers bind. */
    REGISTERED,
    /** 49152–65535: dynamic or private; never assigned to a service. */
    DYNAMIC;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String label() {
        return label;
    }

    public static PortClass of(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (port <= 1023) {
            return WELL_KNOWN;
        }
        return port <= 49151 ? REGISTERED : DYNAMIC;
    }
}
