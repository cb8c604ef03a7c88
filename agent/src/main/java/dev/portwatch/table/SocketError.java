package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.util.Locale;

/**
 * A failed connect or bind. {@code port} is the port that was asked for (the remote port of a connect, the local
 * port of a bind); {@code durationNanos} is -1 when unknown.
 */
public record SocketError(Operation operation, Transport transport, Endpoint endpoint, int port, String errorType,
                          String message, long durationNanos, long atMillis, String thread, Opener opener) {

    public enum Operation {
        CONNECT,
        BIND;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }
}
