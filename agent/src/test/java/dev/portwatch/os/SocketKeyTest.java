package dev.portwatch.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Keys equal exactly when the kernel's and the JDK's views describe the same socket. */
class SocketKeyTest {

    private static Endpoint at(String literal, int port) throws UnknownHostException {
        return new Endpoint(InetAddress.getByName(literal), port);
    }

    @Test
    void sameEndsSameKey() throws UnknownHostException {
        assertEquals(SocketKey.of(Transport.TCP, at("127.0.0.1", 80), at("10.0.0.1", 5000)),
                SocketKey.of(Transport.TCP, at("127.0.0.1", 80), at("10.0.0.1", 5000)));
        assertEquals(SocketKey.of(Transport.TCP, at("::1", 80), at("::1", 5000)),
                SocketKey.of(Transport.TCP, at("0:0:0:0:0:0:0:1", 80), at("::1", 5000)));
    }

    @Test
    void anyWildcardOfAPortIsTheSame() throws UnknownHostException {
        assertEquals(SocketKey.of(Transport.TCP, at("0.0.0.0", 8080), null),
                SocketKey.of(Transport.TCP, at("::", 8080), null));
        assertNotEquals(SocketKey.of(Transport.TCP, at("0.0.0.0", 8080), null),
                SocketKey.of(Transport.TCP, at("0.0.0.0", 8081), null));
    }

    @Test
    void portZeroIsNoEnd() throws UnknownHostException {
        assertEquals(SocketKey.of(Transport.UDP, at("127.0.0.1", 5353), null),
                SocketKey.of(Transport.UDP, at("127.0.0.1", 5353), at("127.0.0.1", 0)));
        assertNotEquals(SocketKey.of(Transport.UDP, at("127.0.0.1", 5353), at("0.0.0.0", 53)),
                SocketKey.of(Transport.UDP, at("127.0.0.1", 5353), null), "a wildcard peer with a port is an end");
    }

    @Test
    void differentTransportsOrEndsDiffer() throws UnknownHostException {
        assertNotEquals(SocketKey.of(Transport.TCP, at("127.0.0.1", 80), null),
                SocketKey.of(Transport.UDP, at("127.0.0.1", 80), null));
        assertNotEquals(SocketKey.of(Transport.TCP, at("127.0.0.1", 80), at("10.0.0.1", 5000)),
                SocketKey.of(Transport.TCP, at("127.0.0.2", 80), at("10.0.0.1", 5000)));
        assertNotEquals(SocketKey.of(Transport.TCP, at("127.0.0.1", 80), at("10.0.0.1", 5000)),
                SocketKey.of(Transport.TCP, at("10.0.0.1", 5000), at("127.0.0.1", 80)));
    }
}
