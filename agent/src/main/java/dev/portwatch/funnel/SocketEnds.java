package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;

/**
 * How to read the two ends of one funnel's socket objects. Called on the application's thread inside the JDK's
 * socket method, so it must be cheap and must never throw: null when the socket has no such end (yet), is closed,
 * or is not an IP socket (a Unix-domain channel).
 */
public interface SocketEnds {

    Endpoint local(Object socket);

    Endpoint remote(Object socket);

    /**
     * The local end of a connection {@code listener} just accepted. The same as {@link #local} of {@code accepted},
     * but an implementation may know it without asking the kernel (the listener's bound address).
     */
    default Endpoint acceptedLocal(Object listener, Object accepted) {
        return local(accepted);
    }

    /**
     * The transport of this very socket: the funnel's own ({@code declared}) unless one socket class serves several
     * (Netty's); null when it is no TCP or UDP socket at all, so not a port.
     */
    default Transport transport(Object socket, Transport declared) {
        return declared;
    }
}
