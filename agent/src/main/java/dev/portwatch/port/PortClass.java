package dev.portwatch.port;

/** The IANA port ranges of RFC 6335. */
public enum PortClass {
    /** 0–1023: system services; binding needs privileges on most systems. */
    WELL_KNOWN("well-known"),
    /** 1024–49151: services registered with IANA; what application servers bind. */
    REGISTERED("registered"),
    /** 49152–65535: dynamic or private; never assigned to a service. */
    DYNAMIC("dynamic");

    private final String label;

    PortClass(String label) {
        this.label = label;
    }

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
