package dev.portwatch.table;

import dev.portwatch.net.Transport;

/** Where connect durations go (the metrics layer records them in a histogram); {@link #NONE} drops them. */
@FunctionalInterface
public interface ConnectTimer {

    ConnectTimer NONE = (transport, success, nanos) -> { };

    void record(Transport transport, boolean success, long nanos);
}
