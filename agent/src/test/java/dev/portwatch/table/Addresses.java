package dev.portwatch.table;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric addresses for tests: never a name lookup. */
final class Addresses {

    private Addresses() {}

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static Endpoint endpoint(String literal, int port) {
        return new Endpoint(ip(literal), port);
    }
}
