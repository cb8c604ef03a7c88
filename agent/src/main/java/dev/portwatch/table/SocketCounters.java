package dev.portwatch.table;

import dev.portwatch.net.Transport;
import java.util.concurrent.atomic.LongAdder;

/**
 * Monotonic totals of what the process's sockets did, kept with {@link LongAdder}s so the application's threads
 * never contend on them. Connections are TCP connections (accepted or connected) and connected UDP sockets.
 */
public final class SocketCounters {

    static final int MAX_ERROR_TYPES = 32;
    static final int MAX_BIND_ERROR_PORTS = 64;
    /** As many listening ports as the per-port gauges show (metrics' PortGauges.MAX_LISTENER_PORTS). */
    static final int MAX_ACCEPTING_PORTS = 100;
    /** Listening ports whose accepted counter an accept finds without a lookup, per transport (a power of two). */
    static final int ACCEPTED_PORT_SLOTS = 16;

    private final LongAdder[] opened = adders();
    private final LongAdder[] closed = adders();
    private final LongAdder[] bytes = adders();
    private final LongAdder[] leaked = adders();
    private final LabelledCounters connectErrors = new LabelledCounters(MAX_ERROR_TYPES);
    private final LabelledCounters bindErrors = new LabelledCounters(MAX_ERROR_TYPES);
    private final LabelledCounters bindErrorsByPort = new LabelledCounters(MAX_BIND_ERROR_PORTS);
    private final LabelledCounters acceptedByPort = new LabelledCounters(MAX_ACCEPTING_PORTS);
    /**
     * The accepted counters of recent listening ports, by transport and the port's low bits: an accept on a known
     * port neither formats the port as text nor looks it up (both were most of an accept's counting).
     */
    private final AcceptedPort[] acceptedPorts = new AcceptedPort[Transport.values().length * ACCEPTED_PORT_SLOTS];

    /** Immutable, so a plain array publishes it safely; a stale or missing slot only costs the lookup. */
    private record AcceptedPort(int port, LongAdder counter) {}

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[4];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new PaddedAdder();
        }
        return adders;
    }

    /**
     * A {@link LongAdder} at least a cache line long. The four adders of a kind are allocated (and copied by the
     * collector) side by side, two to a 64-byte line: a connecting and an accepting thread each add to their own
     * direction's, never contending, so the adders never spread into cells, and each increment took the line from
     * the other core (twice a connection per thread: opened, closed). Padded, each base has a line of its own.
     */
    @SuppressWarnings("unused")
    private static final class PaddedAdder extends LongAdder {
        private static final long serialVersionUID = 1L;
        private long p1;
        private long p2;
        private long p3;
        private long p4;
        private long p5;
        private long p6;
        private long p7;
    }

    /** Index of a transport and an inbound/outbound (or receive/transmit) direction. */
    private static int index(Transport transport, boolean inbound) {
        return transport.ordinal() * 2 + (inbound ? 0 : 1);
    }

    void recordOpened(Transport transport, boolean inbound) {
        opened[index(transport, inbound)].increment();
    }

    void recordClosed(Transport transport, boolean inbound) {
        closed[index(transport, inbound)].increment();
    }

    void recordBytes(Transport transport, boolean received, long count) {
        bytes[index(transport, received)].add(count);
    }

    /** A port is listening: its count of accepted connections exists, at zero, before the first accept. */
    void presetAccepted(Transport transport, int port) {
        acceptedByPort.preset(transport.label(), Integer.toString(port));
    }

    void recordAccepted(Transport transport, int port) {
        int slot = transport.ordinal() * ACCEPTED_PORT_SLOTS + (port & (ACCEPTED_PORT_SLOTS - 1));
        AcceptedPort known = acceptedPorts[slot];
        if (known != null && known.port == port) {
            known.counter.increment();
            return;
        }
        String label = Integer.toString(port);
        LongAdder counter = acceptedByPort.keptCounter(transport.label(), label);
        if (counter == null) {
            acceptedByPort.increment(transport.label(), label); // past the cap: folded into other, and counted so
            return;
        }
        counter.increment();
        acceptedPorts[slot] = new AcceptedPort(port, counter);
    }

    /** A row closed, leaving {@code before}: a connection closed, if it was one. */
    void recordClosed(Connection row, State before) {
        if (before == State.ESTABLISHED && (row.role() == Role.INBOUND || row.role() == Role.OUTBOUND)) {
            recordClosed(row.transport(), row.role() == Role.INBOUND);
        } else if (before == State.CONNECTED) {
            recordClosed(Transport.UDP, false);
        }
    }

    /** A failed connect, counted by type; a failed bind, by type and port. */
    void recordError(SocketError error) {
        if (error.operation() == SocketError.Operation.CONNECT) {
            recordConnectError(error.transport(), error.errorType());
        } else {
            recordBindError(error.transport(), error.port(), error.errorType());
        }
    }

    void recordLeak(Transport transport) {
        leaked[index(transport, true)].increment();
    }

    void recordConnectError(Transport transport, String errorType) {
        connectErrors.increment(transport.label(), errorType);
    }

    void recordBindError(Transport transport, int port, String errorType) {
        bindErrors.increment(transport.label(), errorType);
        bindErrorsByPort.increment(transport.label(), port < 0 ? "unknown" : Integer.toString(port));
    }

    public long opened(Transport transport, Role direction) {
        return opened[index(transport, direction == Role.INBOUND)].sum();
    }

    public long closed(Transport transport, Role direction) {
        return closed[index(transport, direction == Role.INBOUND)].sum();
    }

    public long bytes(Transport transport, boolean received) {
        return bytes[index(transport, received)].sum();
    }

    public long leaked(Transport transport) {
        return leaked[index(transport, true)].sum();
    }

    /** Failed connects by (transport, error type). */
    public LabelledCounters connectErrors() {
        return connectErrors;
    }

    /** Failed binds by (transport, error type). */
    public LabelledCounters bindErrors() {
        return bindErrors;
    }

    /** Connections accepted by (transport, listening port). */
    public LabelledCounters acceptedByPort() {
        return acceptedByPort;
    }

    /** Failed binds by (transport, port asked for). */
    public LabelledCounters bindErrorsByPort() {
        return bindErrorsByPort;
    }
}
