package dev.portwatch.table;

import static dev.portwatch.net.Addresses.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class Ipv4Test {

    private static final RowOrigin ORIGIN = new RowOrigin(Transport.TCP, "t", Opener.unknown("Socket"), false, true);

    @Test
    void everyKindOfEndReadsBackAsItWasKept() {
        for (Endpoint end : List.of(endpoint("0.0.0.0", 0), endpoint("127.0.0.1", 8080),
                endpoint("255.255.255.255", 65535), endpoint("128.0.0.1", 1), endpoint("10.1.2.3", 5432),
                endpoint("::1", 443), endpoint("fe80::1", 51000))) {
            InetAddressKept kept = new InetAddressKept(end);
            assertEquals(end, Ipv4.endpoint(kept.address, kept.bits, (char) end.port()), end.display());
        }
        assertNull(Ipv4.endpoint(Ipv4.kept(null), Ipv4.bits(null), (char) 0));
    }

    @Test
    void anIpv4EndIsANumberAndAnotherKeepsItsAddress() {
        Endpoint v4 = endpoint("192.168.1.20", 80);
        Endpoint v6 = endpoint("::1", 80);
        assertSame(Ipv4.NUMBERED, Ipv4.kept(v4.address()));
        assertEquals(0xc0a80114, Ipv4.bits(v4.address()));
        assertSame(v6.address(), Ipv4.kept(v6.address()));
        assertNotSame(Ipv4.NUMBERED, Ipv4.endpoint(Ipv4.NUMBERED, 0, (char) 1).address(), "never shown");
    }

    /** The JDKs the agent runs on take the copy-free read: their IPv4 hash code is the address. */
    @Test
    void anIpv4AddressIsReadWithoutACopy() {
        assertTrue(Ipv4.HASH_IS_ADDRESS, "Inet4Address.hashCode() is no longer the address on this JDK");
        assertEquals(0xfffffffe, Ipv4.bits(endpoint("255.255.255.254", 1).address()));
        assertEquals(0x80000001, Ipv4.bits(endpoint("128.0.0.1", 1).address()));
    }

    /** A closed row outlives its socket while it settles: it must not keep the socket's address objects alive. */
    @Test
    void aRowKeepsNoIpv4AddressObjectOfItsSocket() throws IllegalAccessException {
        AtomicLong now = new AtomicLong(1_000);
        ConnectionTable table = new ConnectionTable(10, 5_000, 4, now::get);
        Object socket = new Object();
        Endpoint local = endpoint("10.0.0.5", 40000);
        Endpoint remote = endpoint("10.0.0.9", 5432);
        Connection row = table.create(socket, Role.INBOUND, State.ESTABLISHED, local, remote, ORIGIN);
        table.close(socket);

        for (Class<?> type = Connection.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                        && field.trySetAccessible()) {
                    Object value = field.get(row);
                    assertNotSame(local.address(), value, field.getName());
                    assertNotSame(remote.address(), value, field.getName());
                }
            }
        }
        assertEquals(local, row.local());
        assertEquals(remote, row.remote());
        assertEquals(local, row.view().local());
    }

    private record InetAddressKept(InetAddress address, int bits) {
        InetAddressKept(Endpoint end) {
            this(Ipv4.kept(end.address()), Ipv4.bits(end.address()));
        }
    }
}
