package dev.portwatch.http;

import dev.portwatch.metrics.DeadConnections;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read of the table, filtered and ordered, joined with the kernel's view where there is one: each row gets the
 * kernel's state and queues, a connection the kernel no longer has reads dead, and the process's sockets the agent
 * never saw (opened before it attached) follow as rows of their own kind ({@link ReportRow.Source#KERNEL}).
 */
record TableReport(long pid, long timeMillis, List<ReportRow> rows, List<SocketError> errors, long untracked,
                   long leaks, PortInfo ports, ConnectionFilter filter) {

    /** A report of table rows made by hand, each joined with its kernel socket from {@code kernel}, none dead. */
    TableReport(long pid, long timeMillis, List<ConnectionView> views, Map<ConnectionView, KernelSocket> kernel,
                List<SocketError> errors, long untracked, long leaks, PortInfo ports, ConnectionFilter filter) {
        this(pid, timeMillis, views.stream().map(row -> new ReportRows(ports).tracked(row, kernel.get(row), false))
                .toList(), errors, untracked, leaks, ports, filter);
    }

    static TableReport of(ConnectionTable table, ConnectionFilter filter, PortInfo ports, KernelView view) {
        ReportRows maker = new ReportRows(ports);
        List<ConnectionView> tracked = byId(table.snapshot());
        List<ReportRow> rows = new ArrayList<>(tracked.size());
        // Closed rows count too: a view read a moment ago may still list a socket the table has since seen close,
        // and that socket must not come back as one only the kernel knows. Marked by the slot of its key in the view.
        boolean[] tracksSlot = new boolean[view.slots()];
        for (ConnectionView row : tracked) {
            int slot = view.slotOf(row.transport(), row.local(), row.remote());
            if (slot >= 0) {
                tracksSlot[slot] = true;
            }
            KernelSocket socket = slot < 0 ? null : view.socketAt(slot);
            boolean dead = DeadConnections.isDead(row, view, socket);
            if (!filter.test(row, dead ? State.CLOSED : row.state())) {
                continue;
            }
            boolean joined = socket != null && (row.isOpen() || socket.state().equals("TIME_WAIT"));
            rows.add(maker.tracked(row, joined ? socket : null, dead));
        }
        Set<Integer> listeningPorts = listeningPorts(tracked, view);
        view.forEachOwnedSlot((slot, socket) -> {
            if (!tracksSlot[slot] && filter.test(ReportRows.kernelView(socket, listeningPorts))
                    && view.stillOwned(socket)) {
                rows.add(maker.kernelOnly(socket, listeningPorts));
            }
        });
        // Tracked rows by id, then the kernel's in the kernel's order.
        return new TableReport(ProcessHandle.current().pid(), System.currentTimeMillis(), List.copyOf(rows),
                table.recentErrors(), table.untrackedSockets(), table.leakedSockets(), ports, filter);
    }

    /**
     * What the rows shown say, counted from them (so a summary agrees with the rows below it, filter and expiry
     * included): open connections (TCP connections and connected UDP sockets), listeners (listening TCP and bound
     * UDP sockets), rows recently closed, leaked and dead, and the recent errors.
     */
    record Counts(long connections, long listeners, long closed, long leaked, long dead, long errors) {}

    Counts counts() {
        long connections = 0;
        long listeners = 0;
        long closed = 0;
        long leaked = 0;
        long dead = 0;
        for (ReportRow row : rows) {
            if (!row.isOpen()) {
                closed++;
            } else if (row.role() == Role.LISTENER || row.state() == State.BOUND) {
                listeners++;
            } else {
                connections++;
            }
            leaked += row.leaked() ? 1 : 0;
            dead += row.dead() != null ? 1 : 0;
        }
        return new Counts(connections, listeners, closed, leaked, dead, errors.size());
    }

    /**
     * The rows by id. Each id and position packed in one long and the longs sorted, with no comparator call per
     * comparison (sorting 10,000 rows with one was 8 % of a report's profile). Rows whose ids do not fit (never
     * seen: ids count from 1) sort the slow way.
     */
    static List<ConnectionView> byId(List<ConnectionView> rows) {
        int positionBits = 32 - Integer.numberOfLeadingZeros(rows.size());
        long[] keys = new long[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            long id = rows.get(i).id();
            if (id < 0 || id >>> 63 - positionBits != 0) {
                List<ConnectionView> sorted = new ArrayList<>(rows);
                sorted.sort(Comparator.comparingLong(ConnectionView::id));
                return sorted;
            }
            keys[i] = id << positionBits | i;
        }
        Arrays.sort(keys);
        List<ConnectionView> sorted = new ArrayList<>(keys.length);
        long position = (1L << positionBits) - 1;
        for (long key : keys) {
            sorted.add(rows.get((int) (key & position)));
        }
        return sorted;
    }

    private static Set<Integer> listeningPorts(List<ConnectionView> tracked, KernelView view) {
        Set<Integer> ports = new HashSet<>();
        for (ConnectionView row : tracked) {
            if (row.role() == Role.LISTENER && row.isOpen() && row.local() != null) {
                ports.add(row.local().port());
            }
        }
        for (KernelSocket socket : view.owned()) {
            if (socket.isListening()) {
                ports.add(socket.local().port());
            }
        }
        return ports;
    }
}
