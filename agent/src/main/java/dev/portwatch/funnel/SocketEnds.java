package dev.portwatch.funnel;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;

/**
 * How to read the two ends of one funnel's socket objects. Called on the application's thread inside the JDK's
 * socket method, so it must be cheap and must never throw: null when the socket has no such end (yet), is closed,
 * or is not an IP socket (a Unix-domain channel).
 *
 * <p>An end may also be read as its two parts, address and port, with no {@link Endpoint} made for it: a connect
 * and an accept do so where {@link #readsParts} says it costs no more. A port is read after its address, and only
 * when the address was not null: it is the port of the end that address belongs to.
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
     * Whether this socket's ends read as parts cost what reading them whole does. False by default: each part is then
     * read from its whole end, so reading both parts would read the end twice (a system call, a lock), and the
     * capture reads ends whole instead.
     */
    default boolean readsParts(Object socket) {
        return false;
    }

    default InetAddress localAddress(Object socket) {
        return Endpoint.addressOf(local(socket));
    }

    default int localPort(Object socket) {
        return Endpoint.portOf(local(socket));
    }

    default InetAddress remoteAddress(Object socket) {
        return Endpoint.addressOf(remote(socket));
    }

    default int remotePort(Object socket) {
        return Endpoint.portOf(remote(socket));
    }

    /**
     * The address of {@link #acceptedLocal}; its port is {@link #localPort} of {@code accepted}. By default
     * {@link #localAddress} of {@code accepted}, as {@link #acceptedLocal} is {@link #local}'s: an implementation
     * that overrides one overrides the other (no end is made only to be taken apart).
     */
    default InetAddress acceptedLocalAddress(Object listener, Object accepted) {
        return localAddress(accepted);
    }

    /**
     * The transport of this very socket: the funnel's own ({@code declared}) unless one socket class serves several
     * (Netty's); null when it is no TCP or UDP socket at all, so not a port.
     */
    default Transport transport(Object socket, Transport declared) {
        return declared;
    }
}
