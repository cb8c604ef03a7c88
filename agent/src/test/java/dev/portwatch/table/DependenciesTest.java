package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * A server is one dependency however it is found again (the recent servers' slots or the map behind them): by the
 * host name asked, else by its address, and its port and transport; past the cap, new servers fold into "other".
 */
class DependenciesTest {

    private static final Endpoint TEN = endpoint(new byte[] {10, 0, 0, 1}, 5432);
    private static final Endpoint ELEVEN = endpoint(new byte[] {10, 0, 0, 2}, 5432);

    @Test
    void aServerIsOneDependencyByItsNameElseItsAddress() {
        Dependencies dependencies = new Dependencies();
        Dependency byName = dependencies.of(Transport.TCP, TEN.address(), "db.internal", 5432);
        assertSame(byName, dependencies.of(Transport.TCP, ELEVEN.address(), new String("db.internal"), 5432),
                "the name asked for, whatever it resolved to");
        assertEquals(new Dependency.Key(Transport.TCP, "db.internal", 5432), byName.key());
        Dependency byAddress = dependencies.of(Transport.TCP, TEN.address(), null, 5432);
        assertNotSame(byName, byAddress);
        assertEquals("10.0.0.1", byAddress.key().address());
        assertSame(byAddress, dependencies.of(Transport.TCP, endpoint(new byte[] {10, 0, 0, 1}, 5432).address(), null, 5432));
        assertNotSame(byAddress, dependencies.of(Transport.TCP, ELEVEN.address(), null, 5432));
        assertNotSame(byAddress, dependencies.of(Transport.TCP, TEN.address(), null, 5433));
        assertNotSame(byAddress, dependencies.of(Transport.UDP, TEN.address(), null, 5432));
        assertNull(dependencies.of(Transport.TCP, null, null, 5432));
    }

    @Test
    void manyServersSharingSlotsStayApart() {
        Dependencies dependencies = new Dependencies();
        Dependency[] first = new Dependency[RecentServers.SLOTS * 4];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < first.length; i++) {
                Dependency found = dependencies.of(Transport.TCP, null, "host-" + i, 80 + i % 3);
                if (round == 0) {
                    first[i] = found;
                }
                assertSame(first[i], found, "server " + i + ", round " + round);
                assertEquals("host-" + i, found.key().address());
            }
        }
        assertEquals(first.length, dependencies.all().size());
    }

    @Test
    void aServerKeepsItsFirstConnectTimesUntilItsTimerComesAndNoMore() {
        Dependency server = new Dependencies().of(Transport.TCP, TEN.address(), null, 5432);
        for (int i = 0; i < Dependency.MAX_PENDING * 3; i++) {
            server.recordConnect(true, 1_000 + i);
        }
        long[] handed = new long[2];
        server.timeConnectsWith((transport, success, nanos) -> {
            handed[0]++;
            handed[1] += nanos;
        });
        assertEquals(Dependency.MAX_PENDING, handed[0], "the first ones kept, the rest dropped");
        assertEquals(Dependency.MAX_PENDING * 1_000L + Dependency.MAX_PENDING * (Dependency.MAX_PENDING - 1L) / 2,
                handed[1]);
        server.recordConnect(false, 7);
        assertEquals(Dependency.MAX_PENDING + 1, handed[0], "then each goes to the timer");
    }

    @Test
    void pastTheCapNewServersAreOtherAndEachConnectIsCounted() {
        Dependencies dependencies = new Dependencies(2);
        Dependency a = dependencies.of(Transport.TCP, null, "a", 1);
        dependencies.of(Transport.TCP, null, "b", 1);
        Dependency other = dependencies.of(Transport.TCP, null, "c", 1);
        assertEquals(Dependencies.OTHER, other.key().address());
        assertSame(other, dependencies.of(Transport.TCP, null, "c", 1));
        assertEquals(2, dependencies.folded());
        assertSame(a, dependencies.of(Transport.TCP, null, "a", 1));
    }

    @Test
    void keysAreEqualByTheirThreeParts() {
        Dependency.Key key = new Dependency.Key(Transport.TCP, "db", 1);
        assertEquals(key, new Dependency.Key(Transport.TCP, new String("db"), 1));
        assertEquals(key.hashCode(), new Dependency.Key(Transport.TCP, new String("db"), 1).hashCode());
        assertNotEquals(key, new Dependency.Key(Transport.UDP, "db", 1));
        assertNotEquals(key, new Dependency.Key(Transport.TCP, "db", 2));
        assertNotEquals(key, new Dependency.Key(Transport.TCP, "dc", 1));
        assertNotEquals(key, null);
    }

    private static Endpoint endpoint(byte[] address, int port) {
        try {
            return new Endpoint(InetAddress.getByAddress(address), port);
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
