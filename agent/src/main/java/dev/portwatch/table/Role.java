package dev.portwatch.table;

/** What a socket is for, from this process's point of view. */
public enum Role {
    /** A TCP server socket waiting for connections. */
    LISTENER("listener"),
    /** A connection a listener of this process accepted. */
    INBOUND("inbound"),
    /** A connection this process opened (or a TCP socket bound for one). */
    OUTBOUND("outbound"),
    /** A UDP socket. */
    DATAGRAM("datagram");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
