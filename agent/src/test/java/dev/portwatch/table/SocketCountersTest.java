package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portwatch.net.Transport;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class SocketCountersTest {

    private static long accepted(SocketCounters counters, Transport transport, String port) {
        LongAdder counter = counters.acceptedByPort().counts().get(List.of(transport.label(), port));
        return counter == null ? 0 : counter.sum();
    }

    @Test
    void acceptsAreCountedByPortEvenWhenPortsShareASlot() {
        SocketCounters counters = new SocketCounters();
        int port = 8080;
        int sameSlot = port + SocketCounters.ACCEPTED_PORT_SLOTS;
        for (int i = 0; i < 3; i++) {
            counters.recordAccepted(Transport.TCP, port);
            counters.recordAccepted(Transport.TCP, sameSlot);
            counters.recordAccepted(Transport.TCP, port);
        }
        counters.recordAccepted(Transport.UDP, port);
        assertEquals(6, accepted(counters, Transport.TCP, "8080"));
        assertEquals(3, accepted(counters, Transport.TCP, Integer.toString(sameSlot)));
        assertEquals(1, accepted(counters, Transport.UDP, "8080"));
    }

    @Test
    void acceptsPastTheCapAreFoldedEveryTime() {
        SocketCounters counters = new SocketCounters();
        for (int port = 1; port <= SocketCounters.MAX_ACCEPTING_PORTS; port++) {
            counters.recordAccepted(Transport.TCP, port);
        }
        int pastCap = 50_000;
        counters.recordAccepted(Transport.TCP, pastCap);
        counters.recordAccepted(Transport.TCP, pastCap);
        assertNull(counters.acceptedByPort().counts().get(List.of(Transport.TCP.label(), Integer.toString(pastCap))));
        String other = LabelledCounters.OTHER;
        assertEquals(2, counters.acceptedByPort().counts().get(List.of(other, other)).sum());
        assertEquals(2, counters.acceptedByPort().folded());
        counters.recordAccepted(Transport.TCP, 1);
        assertEquals(2, accepted(counters, Transport.TCP, "1"));
    }
}
