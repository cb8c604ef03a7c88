package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionFilterMatchTest {

    private static final Endpoint LOCAL = new Endpoint(InetAddress.getLoopbackAddress(), 8080);
    private static final Endpoint REMOTE = new Endpoint(InetAddress.getLoopbackAddress(), 5432);

    private static final List<ConnectionView> ROWS = List.of(
            row(1, Transport.TCP, Role.LISTENER, State.LISTEN, LOCAL, null),
            row(2, Transport.TCP, Role.OUTBOUND, State.ESTABLISHED, new Endpoint(LOCAL.address(), 40000), REMOTE),
            row(3, Transport.TCP, Role.INBOUND, State.CLOSED, LOCAL, new Endpoint(LOCAL.address(), 40001)),
            row(4, Transport.UDP, Role.DATAGRAM, State.BOUND, new Endpoint(LOCAL.address(), 53), null),
            row(5, Transport.UDP, Role.DATAGRAM, State.BOUND, null, null));

    private static ConnectionView row(long id, Transport transport, Role role, State state, Endpoint local,
                                      Endpoint remote) {
        return new ConnectionView(id, transport, role, state, local, remote, 0, "main", Opener.unknown("api"),
                false, false, -1, state == State.CLOSED ? 1 : 0, 0, 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | 1 2 3 4 5
            transport=udp               | 4 5
            state=listen                | 1
            state=closed                | 3
            state=open                  | 1 2 4 5
            role=inbound                | 3
            port=8080                   | 1 3
            port=5432                   | 2
            port=40001                  | 3
            port=9                      | ''
            transport=tcp&state=open    | 1 2
            """)
    void selectsMatchingRows(String query, String expectedIds) throws BadRequestException {
        ConnectionFilter filter = ConnectionFilter.parse(query);

        String ids = String.join(" ", ROWS.stream().filter(filter).map(r -> Long.toString(r.id())).toList());

        assertEquals(expectedIds, ids);
    }
}
