package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostCheckTest {

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest(name = "Host: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:9465|true", "127.0.0.1|true", "localhost:9465|true", "localhost|true", "LocalHost.:9465|true",
        "[::1]:9465|true", "[::1]|true", "[0:0:0:0:0:0:0:1]:9465|true", "127.9.9.9:80|true", "localhost:8000|true",
        "evil.example|false", "evil.example:9465|false", "localhost.evil.example|false", "127.0.0.1.nip.io|false",
        "0x7f000001|false", "2130706433|false", "[::2]:9465|false", "999.0.0.1|false", "127.0.0.1:x|false",
        "127.0.0.1:|false", "[::1|false", "[::1]x|false", "''|false", "10.1.2.3:9465|false",
        "127.0.0.1:65535|true", "127.0.0.1:123456|false", "127.0.0.01|true", "127.0.0.1.|true", "127.0.0.|false",
        "127..0.1|false", "127.0.0.1000|false", "[::ffff:127.0.0.1]|true", "[::1:zz]|false", "[:]|false",
    })
    void onLoopbackOnlyLoopbackNamesAndAddressesAreServed(String host, boolean served) throws Exception {
        HostCheck check = HostCheck.of("127.0.0.1", address("127.0.0.1"), false);
        assertEquals(served, check.allows(host.equals("''") ? "" : host, address("127.0.0.1")), host);
    }

    @ParameterizedTest(name = "Host: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.1.2.3:9465|true", "10.1.2.3|true", "node-7.internal:9465|true", "localhost:9465|true",
        "evil.example:9465|false", "10.9.9.9:9465|false",
    })
    void boundBeyondLoopbackWithoutATokenItsOwnAddressAndConfiguredNameAreServedToo(String host, boolean served)
            throws Exception {
        HostCheck check = HostCheck.of("node-7.internal", address("0.0.0.0"), false);
        assertEquals(served, check.allows(host, address("10.1.2.3")), host);
    }

    @ParameterizedTest(name = "Host: {0}")
    @CsvSource({"evil.example", "scrape.example:9465", "10.9.9.9"})
    void boundBeyondLoopbackWithATokenTheTokenDecides(String host) throws Exception {
        HostCheck check = HostCheck.of("0.0.0.0", address("0.0.0.0"), true);
        assertEquals(true, check.allows(host, address("10.1.2.3")));
    }
}
