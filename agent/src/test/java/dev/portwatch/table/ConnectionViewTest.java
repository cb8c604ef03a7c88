package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import org.junit.jupiter.api.Test;

class ConnectionViewTest {

    private static ConnectionView view(Endpoint local, Endpoint remote) {
        return new ConnectionView(1, Transport.TCP, Role.OUTBOUND, State.ESTABLISHED, local, remote, 0, "main",
                Opener.unknown("Socket.connect"), false, false, -1, 0, 0, 0);
    }

    @Test
    void ipv4WhenBothEndsAreIpv4() {
        assertEquals("ipv4", view(endpoint("127.0.0.1", 1), endpoint("10.0.0.1", 2)).family());
    }

    @Test
    void ipv6WhenEitherEndIsIpv6() {
        assertEquals("ipv6", view(endpoint("::1", 1), endpoint("::1", 2)).family());
        assertEquals("ipv6", view(endpoint("::", 1), null).family());
        assertEquals("ipv6", view(null, endpoint("2001:db8::1", 2)).family());
        assertEquals("ipv6", view(endpoint("0.0.0.0", 1), endpoint("::1", 2)).family());
    }

    @Test
    void ipv4WithoutEndpointsOrForMappedAddresses() {
        assertEquals("ipv4", view(null, null).family());
        // The JDK turns ::ffff:a.b.c.d into an Inet4Address.
        assertEquals("ipv4", view(endpoint("::ffff:127.0.0.1", 1), null).family());
    }

    @Test
    void isOpenFollowsState() {
        ConnectionView closed = new ConnectionView(1, Transport.UDP, Role.DATAGRAM, State.CLOSED, null, null, 0,
                "main", Opener.unknown("DatagramSocket"), false, false, -1, 5, 0, 0);
        assertEquals(false, closed.isOpen());
        assertEquals(true, view(null, null).isOpen());
    }
}
