package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;

/**
 * How to read the two ends of one funnel's socket objects. Called on the application's thread inside the JDK's
 * socket method, so it must be cheap and must never throw: null when the socket has no such end (yet), is closed,
 * or is not an IP socket (a Unix-domain channel).
 */
public interface SocketEnds {

    Endpoint local(Object socket);

    Endpoint remote(Object socket);
}
