package dev.portwatch.http;

import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Endpoint;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import java.util.Comparator;
import java.util.List;

/** One read of the table, filtered and ordered, with what every renderer needs to describe it. */
record TableReport(long pid, long timeMillis, List<ConnectionView> rows, List<SocketError> errors,
                   long untracked, long leaks, PortInfo ports, ConnectionFilter filter) {

    static TableReport of(ConnectionTable table, ConnectionFilter filter, PortInfo ports) {
        List<ConnectionView> rows = table.snapshot().stream().filter(filter)
                .sorted(Comparator.comparingLong(ConnectionView::id)).toList();
        return new TableReport(ProcessHandle.current().pid(), System.currentTimeMillis(), rows,
                table.recentErrors(), table.untrackedSockets(), table.leakedSockets(), ports, filter);
    }

    /**
     * The service name of a row's endpoint, for the side that is the server: a listener's or accepted
     * connection's local port, an outbound connection's remote port. A client's own port never names a service.
     */
    String serviceOf(ConnectionView row, Endpoint endpoint) {
        if (endpoint == null) {
            return null;
        }
        boolean local = endpoint == row.local();
        boolean clientSide = local ? row.role() == Role.OUTBOUND
                : row.role() == Role.INBOUND;
        boolean ephemeralDatagram = local && row.role() == Role.DATAGRAM && ports.isEphemeral(endpoint.port());
        if (clientSide || ephemeralDatagram) {
            return null;
        }
        return ports.serviceOf(endpoint.port(), row.transport().label());
    }
}
