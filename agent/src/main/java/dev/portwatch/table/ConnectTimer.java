package dev.portwatch.table;

import dev.portwatch.net.Transport;

/** Where connect durations go (the metrics layer records them in a histogram); {@link #NONE} drops them. */
@FunctionalInterface
public interface ConnectTimer {

    /** A class rather than a lambda: the table is built in premain, where a lambda spins a class. */
    ConnectTimer NONE = new ConnectTimer() {
        @Override
        public void record(Transport transport, boolean success, long nanos) {
            // dropped
        }
    };

    void record(Transport transport, boolean success, long nanos);
}
