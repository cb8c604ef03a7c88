package dev.portwatch.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The only address the demo ever binds or connects to, kept in one place so "loopback only" can be checked by
 * reading a single class.
 */
final class Loopback {

    static final InetAddress ADDRESS = v4();

    private Loopback() {}

    static InetSocketAddress at(int port) {
        return new InetSocketAddress(ADDRESS, port);
    }

    private static InetAddress v4() {
        try {
            // Not getLoopbackAddress(): with java.net.preferIPv6Addresses it returns ::1, and the banner says
            // 127.0.0.1.
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
