package dev.portwatch.metrics;

/**
 * Tag keys, following OpenTelemetry's attribute names where one exists. None is named like a label Prometheus or
 * its Operator put on every series of a target ({@code job}, {@code instance}, {@code service}, {@code namespace},
 * {@code pod}): such a label would be renamed {@code exported_...} on the way in.
 */
final class Labels {

    static final String TRANSPORT = "network.transport";
    static final String DIRECTION = "direction";
    static final String IO_DIRECTION = "network.io.direction";
    static final String CONNECTION_STATE = "network.connection.state";
    static final String PORT = "port";
    static final String PORT_CLASS = "port.class";
    /** The port's conventional service name; not {@code service}, the Prometheus Operator's target label. */
    static final String PORT_SERVICE = "port.service";
    static final String SERVER_PORT = "server.port";
    /** The server's host name as the application asked for it, else its IP address. */
    static final String SERVER_ADDRESS = "server.address";
    static final String ERROR_TYPE = "error.type";
    /** The value of a tag that has none: every series of a metric has the same tag keys. */
    static final String NONE = "none";

    private Labels() {}

    static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
