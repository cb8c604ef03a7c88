package dev.portwatch.table;

import java.util.Locale;

/** What a socket is for, from this process's point of view. */
public enum Role {
    /** A TCP server socket waiting for connections. */
    LISTENER,
    /** A connection a listener of this process accepted. */
    INBOUND,
    /** A connection this process opened (or a TCP socket bound for one). */
    OUTBOUND,
    /** A UDP socket. */
    DATAGRAM;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
