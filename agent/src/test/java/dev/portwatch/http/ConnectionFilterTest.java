package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Transport;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionFilterTest {

    private static final String STATES = "listen, syn_sent, established, bound, connected, closed, open";

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"&", "&&&"})
    void noQueryMeansEverything(String query) throws BadRequestException {
        assertEquals(ConnectionFilter.ALL, ConnectionFilter.parse(query));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            transport=tcp,                       TCP, -,           false, -,        -1
            transport=UDP,                       UDP, -,           false, -,        -1
            state=LISTEN,                        -,   LISTEN,      false, -,        -1
            state=syn_sent,                      -,   SYN_SENT,    false, -,        -1
            state=Established,                   -,   ESTABLISHED, false, -,        -1
            state=open,                          -,   -,           true,  -,        -1
            state=OPEN,                          -,   -,           true,  -,        -1
            role=outbound,                       -,   -,           false, OUTBOUND, -1
            role=Listener,                       -,   -,           false, LISTENER, -1
            port=0,                              -,   -,           false, -,        0
            port=5432,                           -,   -,           false, -,        5432
            port=65535,                          -,   -,           false, -,        65535
            port=00080,                          -,   -,           false, -,        80
            state=%4C%49STEN,                    -,   LISTEN,      false, -,        -1
            &transport=tcp&&role=inbound&,       TCP, -,           false, INBOUND,  -1
            state=open&state=closed,             -,   CLOSED,      false, -,        -1
            transport=udp&state=bound&role=datagram&port=53, UDP, BOUND, false, DATAGRAM, 53
            """)
    void validQueries(String query, Transport transport, State state, boolean openOnly, Role role, int port)
            throws BadRequestException {
        assertEquals(new ConnectionFilter(transport, state, openOnly, role, port), ConnectionFilter.parse(query));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            transport=sctp     | bad value 'sctp' for transport; accepted: tcp, udp
            state=closing      | bad value 'closing' for state; accepted: listen, syn_sent, established, bound, connected, closed, open
            role=server        | bad value 'server' for role; accepted: listener, inbound, outbound, datagram
            port=65536         | bad value '65536' for port; accepted: 0 to 65535
            port=123456        | bad value '123456' for port; accepted: 0 to 65535
            port=-1            | bad value '-1' for port; accepted: 0 to 65535
            port=http          | bad value 'http' for port; accepted: 0 to 65535
            port=%2B80         | bad value '+80' for port; accepted: 0 to 65535
            foo=1              | unknown query parameter 'foo'; accepted: transport, state, role, port
            Transport=tcp      | unknown query parameter 'Transport'; accepted: transport, state, role, port
            """)
    void badQueries(String query, String message) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ConnectionFilter.parse(query));
        assertEquals(message, e.getMessage());
    }

    @Test
    void stateErrorListsOpen() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ConnectionFilter.parse("state=opened"));
        assertTrue(e.getMessage().endsWith(STATES), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"state=%zz", "state=%", "state=%4", "%g1=x", "port=8%0"})
    void malformedPercentEncoding(String query) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ConnectionFilter.parse(query));
        assertEquals("malformed percent-encoding in the query string", e.getMessage());
    }

    @Test
    void queryOfAtMost1024Characters() throws BadRequestException {
        String longest = "port=80" + "&".repeat(1024 - 7);
        assertEquals(1024, longest.length());
        assertEquals(80, ConnectionFilter.parse(longest).port());

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ConnectionFilter.parse(longest + "&"));
        assertEquals("query string too long (1024 characters at most)", e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "state=%0Aevil", "state=%1B%5B2J", "role=%E2%80%A8", "transport=%C3%A9", "%0D%0A=1", "port=%00",
        "state=%7F", "role=%F0%9F%98%80", "foo%0Abar=1",
    })
    void errorsNeverEchoControlOrNonAsciiCharacters(String query) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ConnectionFilter.parse(query));
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    }

    @Test
    void longValuesAreCutInErrors() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ConnectionFilter.parse("role=" + "x".repeat(500)));
        assertEquals("bad value '" + "x".repeat(40) + "...' for role; accepted: listener, inbound, outbound, "
                + "datagram", e.getMessage());
    }

    @Test
    void printable() {
        assertEquals("a?b?c?", ConnectionFilter.printable("a\nb\u001bc\u00e9"));
        assertEquals("?", ConnectionFilter.printable("\u2028"));
        assertEquals("x".repeat(40), ConnectionFilter.printable("x".repeat(40)));
        assertEquals("x".repeat(40) + "...", ConnectionFilter.printable("x".repeat(41)));
        assertEquals("", ConnectionFilter.printable(""));
    }

    @Test
    void allIsTheSameInstanceForAnEmptyQuery() throws BadRequestException {
        assertSame(ConnectionFilter.ALL, ConnectionFilter.parse(""));
        assertFalse(ConnectionFilter.ALL.openOnly());
    }
}
