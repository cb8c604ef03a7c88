package dev.portwatch.it;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests and scenarios on loopback, chosen so that no parallel build can collide with them. No JUnit here:
 * scenario JVMs use it too.
 */
final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {}

    /** The kernel's ephemeral port range, first and last, from {@code /proc/sys/net/ipv4/ip_local_port_range}. */
    static int[] ephemeralRange() throws IOException {
        String[] bounds = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                .split("\\s+");
        return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    }

    /** A loopback port free at this moment, which the kernel took from its ephemeral range: nothing listens there. */
    static int free() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Ports from 20000 to 30000 (IANA "registered") that no TCP or UDP socket of this host uses now and that lie
     * outside the ephemeral range, so no client socket can be handed one of them meanwhile. Read from /proc, not
     * found by trying binds, which the agent would count as bind errors.
     */
    static int[] unusedOutsideEphemeralRange(int count) throws IOException {
        int[] ephemeral = ephemeralRange();
        Set<Integer> used = new HashSet<>();
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            Path file = Path.of("/proc/net/" + table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 2 && fields[1].contains(":")) {
                    used.add(Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16));
                }
            }
        }
        int[] ports = new int[count];
        int found = 0;
        int start = 20000 + ThreadLocalRandom.current().nextInt(10000);
        for (int i = 0; i < 10000 && found < count; i++) {
            int port = 20000 + (start - 20000 + i) % 10000;
            if (!used.contains(port) && (port < ephemeral[0] || port > ephemeral[1])) {
                ports[found++] = port;
            }
        }
        if (found < count) {
            throw new IOException("no " + count + " free ports between 20000 and 30000");
        }
        return ports;
    }

    /**
     * A port nothing listens on that no socket of this process can take later: every bind to port 0 is served from
     * the ephemeral range, so a port just below it stays closed. (A port from the range itself could become a
     * listener's and answer connects meant to be refused.) Found by binds, which the agent counts as bind errors
     * when a port below the range is taken.
     */
    static int closedBelowEphemeralRange() throws IOException {
        int firstEphemeral = ephemeralRange()[0];
        for (int port = firstEphemeral - 1; port > 1024; port--) {
            try (ServerSocket probe = new ServerSocket(port, 1, LOOPBACK)) {
                return probe.getLocalPort();
            } catch (BindException taken) {
                // someone else's; try the next one down
            }
        }
        throw new IOException("no free port below the ephemeral range " + firstEphemeral);
    }
}
