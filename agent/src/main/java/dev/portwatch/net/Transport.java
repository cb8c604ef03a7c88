package dev.portwatch.net;

import java.util.Locale;

/** The transport-layer protocol of a socket. */
public enum Transport {
    TCP,
    UDP;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON, metrics and netstat-style output. */
    public String label() {
        return label;
    }
}
