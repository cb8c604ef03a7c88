package dev.portwatch.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index finds what a map of {@link SocketKey}s finds, by a row's ends, without making a key. */
class SocketIndexTest {

    private static final String[] ADDRESSES = {"127.0.0.1", "10.0.0.1", "0.0.0.0", "::1", "::", "fe80::1"};

    private static Endpoint at(String literal, int port) throws UnknownHostException {
        return new Endpoint(InetAddress.getByName(literal), port);
    }

    private static Endpoint randomEnd(Random random) throws UnknownHostException {
        return random.nextInt(8) == 0 ? null : at(ADDRESSES[random.nextInt(ADDRESSES.length)], random.nextInt(6));
    }

    @Test
    void findsWhatAMapOfKeysFinds() throws UnknownHostException {
        Random random = new Random(14);
        for (int round = 0; round < 50; round++) {
            int count = random.nextInt(300);
            SocketIndex index = new SocketIndex(count);
            Map<SocketKey, KernelSocket> reference = new HashMap<>();
            Map<SocketKey, Integer> slots = new HashMap<>();
            for (int i = 0; i < count; i++) {
                Transport transport = random.nextBoolean() ? Transport.TCP : Transport.UDP;
                Endpoint local = randomEnd(random);
                Endpoint remote = randomEnd(random);
                // The kernel lists every socket with both ends: no end is the wildcard address and port 0.
                KernelSocket socket = new KernelSocket(transport, local == null ? at("0.0.0.0", 0) : local,
                        remote == null ? at("0.0.0.0", 0) : remote, "ESTABLISHED", 0, 0, i);
                boolean replace = random.nextBoolean();
                SocketKey key = socket.key();
                int slot = index.put(key, socket, replace);
                if (replace) {
                    reference.put(key, socket);
                } else {
                    reference.putIfAbsent(key, socket);
                }
                assertEquals(slots.computeIfAbsent(key, absent -> slots.size()), slot, "a key keeps its slot");
            }
            assertEquals(reference.size(), index.size());
            for (int i = 0; i < 500; i++) {
                Transport transport = random.nextBoolean() ? Transport.TCP : Transport.UDP;
                Endpoint local = randomEnd(random);
                Endpoint remote = randomEnd(random);
                SocketKey key = SocketKey.of(transport, local, remote);
                int slot = index.slotOf(transport, local, remote);
                assertEquals(slot, index.slotOf(key));
                assertEquals(slots.getOrDefault(key, -1), slot, key.toString());
                if (slot >= 0) {
                    assertSame(reference.get(key), index.socket(slot));
                }
            }
        }
    }

    @Test
    void wildcardsOfEitherFamilyAndNoPeerMatchAsKeysDo() throws UnknownHostException {
        SocketIndex index = new SocketIndex(2);
        KernelSocket listener = new KernelSocket(Transport.TCP, at("::", 8080), at("::", 0), "LISTEN", 0, 0, 1);
        KernelSocket udp = new KernelSocket(Transport.UDP, at("127.0.0.1", 5353), at("0.0.0.0", 0), "UNCONN", 0, 0, 2);
        index.put(listener.key(), listener, true);
        index.put(udp.key(), udp, true);
        assertSame(listener, index.socket(index.slotOf(Transport.TCP, at("0.0.0.0", 8080), null)));
        assertSame(udp, index.socket(index.slotOf(Transport.UDP, at("127.0.0.1", 5353), null)));
        assertEquals(-1, index.slotOf(Transport.UDP, at("0.0.0.0", 8080), null));
        assertEquals(-1, index.slotOf(Transport.TCP, at("0.0.0.0", 8081), null));
    }

    @Test
    void emptyIndexFindsNothing() throws UnknownHostException {
        SocketIndex index = new SocketIndex(0);
        assertEquals(-1, index.slotOf(Transport.TCP, at("127.0.0.1", 80), null));
        assertEquals(0, index.size());
    }
}
