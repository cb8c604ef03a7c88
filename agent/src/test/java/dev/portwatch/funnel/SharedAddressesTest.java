package dev.portwatch.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SharedAddressesTest {

    private static InetAddress copyOf(String literal) throws UnknownHostException {
        return InetAddress.getByAddress(InetAddress.getByName(literal).getAddress());
    }

    @Test
    void equalIpv4AddressesBecomeOneInstance() throws UnknownHostException {
        SharedAddresses shared = new SharedAddresses();
        InetAddress first = copyOf("127.0.0.1");
        InetAddress second = copyOf("127.0.0.1");
        assertNotSame(first, second);
        assertSame(first, shared.share(first));
        assertSame(first, shared.share(second));
        InetAddress other = copyOf("10.0.0.1");
        assertSame(other, shared.share(other));
        assertEquals("127.0.0.1", shared.share(copyOf("127.0.0.1")).getHostAddress());
    }

    @Test
    void ipv6AddressesAreLeftAlone() throws UnknownHostException {
        SharedAddresses shared = new SharedAddresses();
        InetAddress first = copyOf("::1");
        InetAddress second = copyOf("::1");
        assertSame(first, shared.share(first));
        assertSame(second, shared.share(second));
    }

    @Test
    void pastTheCapAddressesAreKeptAsTheyCome() throws UnknownHostException {
        SharedAddresses shared = new SharedAddresses();
        for (int i = 0; i < SharedAddresses.MAX; i++) {
            shared.share(copyOf("10.0.1." + i));
        }
        InetAddress late = copyOf("10.0.2.1");
        assertSame(late, shared.share(late));
        InetAddress lateAgain = copyOf("10.0.2.1");
        assertSame(lateAgain, shared.share(lateAgain));
        InetAddress early = copyOf("10.0.1.5");
        assertNotSame(early, shared.share(early));
    }
}
