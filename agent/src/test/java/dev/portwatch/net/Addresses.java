package dev.portwatch.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric addresses for tests: never a name lookup. */
public final class Addresses {

    private Addresses() {}

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static Endpoint endpoint(String literal, int port) {
        return new Endpoint(ip(literal), port);
    }
}
