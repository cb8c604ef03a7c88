package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.Locale;

/**
 * A failed connect or bind. {@code port} is the port that was asked for (the remote port of a connect, the local
 * port of a bind); {@code durationNanos} is -1 when unknown. {@code host} is the host name a connect asked for, as
 * the application gave it (null for a literal address, and for binds): a name that did not resolve has it and no
 * {@code endpoint}.
 */
public record SocketError(Operation operation, Transport transport, Endpoint endpoint, int port, String errorType,
                          String message, long durationNanos, long atMillis, String thread, Opener opener,
                          String host) {

    /** An error with no host name: a bind, or a connect asked by address. */
    public SocketError(Operation operation, Transport transport, Endpoint endpoint, int port, String errorType,
                       String message, long durationNanos, long atMillis, String thread, Opener opener) {
        this(operation, transport, endpoint, port, errorType, message, durationNanos, atMillis, thread, opener, null);
    }

    public enum Operation {
        CONNECT,
        BIND;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }
}
