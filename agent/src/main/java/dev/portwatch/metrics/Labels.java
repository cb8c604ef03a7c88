package dev.portwatch.metrics;

/** Tag keys, following OpenTelemetry's attribute names where one exists. */
final class Labels {

    static final String TRANSPORT = "network.transport";
    static final String DIRECTION = "direction";
    static final String IO_DIRECTION = "network.io.direction";
    static final String PORT = "port";
    static final String PORT_CLASS = "port.class";
    static final String SERVICE = "service";
    static final String SERVER_PORT = "server.port";
    static final String ERROR_TYPE = "error.type";
    /** The value of a tag that has none: every series of a metric has the same tag keys. */
    static final String NONE = "none";

    private Labels() {}

    static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
