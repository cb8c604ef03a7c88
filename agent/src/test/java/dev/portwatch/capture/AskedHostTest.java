package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The host name a connect asked for is the name its address was made or resolved from, and nothing when the
 * application gave a literal address; reading it never looks anything up (addresses made from bytes have no name,
 * and a reverse lookup would give one).
 */
class AskedHostTest {

    @Test
    void aNameIsKeptAsGiven() throws Exception {
        assertEquals("db.internal", RequestedAddresses.askedHost(InetSocketAddress.createUnresolved("db.internal",
                5432)));
        assertEquals("localhost", RequestedAddresses.askedHost(new InetSocketAddress("localhost", 80)));
        InetAddress resolved = InetAddress.getByAddress("cache.internal", new byte[] {10, 0, 0, 7});
        assertEquals("cache.internal", RequestedAddresses.askedHost(new InetSocketAddress(resolved, 6379)),
                "an address a client library resolved from a name holds that name");
    }

    @Test
    void aLiteralAddressHasNoName() throws Exception {
        assertNull(RequestedAddresses.askedHost(new InetSocketAddress("127.0.0.1", 80)));
        assertNull(RequestedAddresses.askedHost(new InetSocketAddress(InetAddress.getByAddress(
                new byte[] {127, 0, 0, 1}), 80)), "made from bytes: no name, and none is looked up");
        assertNull(RequestedAddresses.askedHost(new InetSocketAddress("::1", 80)));
        assertNull(RequestedAddresses.askedHost(InetSocketAddress.createUnresolved("10.1.2.3", 80)));
        assertNull(RequestedAddresses.askedHost(UnixDomainSocketAddress.of("/tmp/socket")));
        assertNull(RequestedAddresses.askedHost(null));
    }

    @Test
    void theNamesAreReadFromTheFieldsOnThisJdk() {
        assertTrue(AskedHosts.fieldsRead(), "else each connect to an address formats it as text");
    }
}
