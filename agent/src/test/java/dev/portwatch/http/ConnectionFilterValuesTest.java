package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portwatch.net.Transport;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionFilterValuesTest {

    @Test
    void anEmptyValueDoesNotFilter() throws BadRequestException {
        assertEquals(ConnectionFilter.ALL, ConnectionFilter.parse("transport=&state=&role=&port="));
        assertEquals(new ConnectionFilter(null, null, true, null, -1),
                ConnectionFilter.parse("transport=&state=open&role=&port="));
        assertEquals(ConnectionFilter.ALL, ConnectionFilter.parse("port=80&port="), "the last value counts");
    }

    @Test
    void emptyValuesStillNameKnownParameters() {
        BadRequestException bad = assertThrows(BadRequestException.class, () -> ConnectionFilter.parse("prot="));
        assertEquals("unknown query parameter 'prot'; accepted: transport, state, role, port", bad.getMessage());
    }

    @Test
    void valuesReadBackAsTheQueryParametersThatMadeThem() throws BadRequestException {
        ConnectionFilter filter = ConnectionFilter.parse("transport=TCP&state=Syn_Sent&role=INBOUND&port=05432");
        assertEquals(new ConnectionFilter(Transport.TCP, State.SYN_SENT, false, Role.INBOUND, 5432), filter);
        assertEquals(List.of("tcp", "syn_sent", "inbound", "5432"),
                List.of(filter.value("transport"), filter.value("state"), filter.value("role"), filter.value("port")));
        assertEquals("open", ConnectionFilter.parse("state=OPEN").value("state"));
        assertEquals(List.of("", "", "", ""), List.of(ConnectionFilter.ALL.value("transport"),
                ConnectionFilter.ALL.value("state"), ConnectionFilter.ALL.value("role"),
                ConnectionFilter.ALL.value("port")));
    }

    @Test
    void badValuesAreStillRefusedWithTheirReason() {
        BadRequestException bad = assertThrows(BadRequestException.class, () -> ConnectionFilter.parse("state=up"));
        assertEquals("bad value 'up' for state; accepted: listen, syn_sent, established, bound, connected, closed, "
                + "open", bad.getMessage());
    }
}
