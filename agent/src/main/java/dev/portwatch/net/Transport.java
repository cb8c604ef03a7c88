package dev.portwatch.net;

/** The transport-layer protocol of a socket. */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The lower-case name used in JSON, metrics and netstat-style output. */
    public String label() {
        return label;
    }
}
