package dev.portwatch.net;

import static dev.portwatch.net.Addresses.endpoint;
import static dev.portwatch.net.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @ParameterizedTest(name = "{0} port {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1            | 80    | 127.0.0.1:80
            10.1.2.3             | 65535 | 10.1.2.3:65535
            ::1                  | 80    | [::1]:80
            0.0.0.0              | 80    | *:80
            ::                   | 80    | *:80
            2001:db8::1          | 443   | [2001:db8::1]:443
            """)
    void displayIsNetstatStyle(String address, int port, String expected) {
        assertEquals(expected, endpoint(address, port).display());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0:0:0:0:0:0:0:1         | ::1
            0:0:0:0:0:0:0:0         | ::
            fe80:0:0:0:0:0:0:1      | fe80::1
            1:0:0:0:0:0:0:0         | 1::
            2001:db8:0:1:0:0:0:1    | 2001:db8:0:1::1
            2001:db8:0:0:1:0:0:1    | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1    | 2001:db8:0:1:1:1:1:1
            2001:DB8:00AB:0:0:0:0:1 | 2001:db8:ab::1
            """)
    void ipv6HostIsTheShortestForm(String address, String expected) {
        assertEquals(expected, endpoint(address, 1).host());
    }

    @Test
    void hostStripsTheIpv6Zone() throws UnknownHostException {
        byte[] linkLocal = ip("fe80::1").getAddress();
        Endpoint scoped = new Endpoint(Inet6Address.getByAddress(null, linkLocal, 5), 8080);

        assertTrue(scoped.address().getHostAddress().contains("%"), "precondition: the JDK prints the zone");
        assertEquals("fe80::1", scoped.host());
        assertEquals("[fe80::1]:8080", scoped.display());
    }

    @Test
    void familyAndWildcard() {
        assertTrue(endpoint("::1", 1).isIpv6());
        assertFalse(endpoint("127.0.0.1", 1).isIpv6());
        assertTrue(endpoint("0.0.0.0", 1).isWildcard());
        assertFalse(endpoint("127.0.0.1", 1).isWildcard());
    }

    @Test
    void ofTakesOnlyResolvedInetSocketAddresses() {
        assertEquals(endpoint("127.0.0.1", 5432), Endpoint.of(new InetSocketAddress(ip("127.0.0.1"), 5432)));
        assertNull(Endpoint.of(InetSocketAddress.createUnresolved("db.example", 5432)));
        assertNull(Endpoint.of(UnixDomainSocketAddress.of("/tmp/portwatch.sock")));
        assertNull(Endpoint.of(null));
    }
}
