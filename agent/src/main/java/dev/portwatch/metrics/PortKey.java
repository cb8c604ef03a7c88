package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import java.util.Comparator;

/** A transport and a port: what a per-port series is about. Ordered by transport, then port number. */
record PortKey(Transport transport, int port) implements Comparable<PortKey> {

    private static final Comparator<PortKey> ORDER = Comparator.comparing(PortKey::transport)
            .thenComparingInt(PortKey::port);

    @Override
    public int compareTo(PortKey other) {
        return ORDER.compare(this, other);
    }
}
