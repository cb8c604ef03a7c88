package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's view of a process's TCP and UDP sockets, from {@code ss -tuanpH}, in the same normalised form as
 * the agent's rows: {@code tcp 127.0.0.1:41960 127.0.0.1:36409}, with {@code *} for a wildcard address and
 * {@code -} for no peer. IPv4-mapped IPv6 addresses are shown as IPv4, as the JDK does.
 */
final class KernelSockets {

    private KernelSockets() {}

    static List<String> of(long pid) throws IOException, InterruptedException {
        List<String> sockets = new ArrayList<>();
        for (String[] fields : ssLines(pid)) {
            // Netid State Recv-Q Send-Q Local:Port Peer:Port Process
            sockets.add(fields[0] + " " + normalise(fields[4]) + " " + normalise(fields[5]));
        }
        return sockets;
    }

    /** The same, with the kernel's state after the transport: {@code tcp ESTAB 127.0.0.1:41960 127.0.0.1:36409}. */
    static List<String> withStates(long pid) throws IOException, InterruptedException {
        List<String> sockets = new ArrayList<>();
        for (String[] fields : ssLines(pid)) {
            sockets.add(fields[0] + " " + fields[1] + " " + normalise(fields[4]) + " " + normalise(fields[5]));
        }
        return sockets;
    }

    /**
     * How many TCP sockets of the host are in TIME_WAIT with this peer ({@code 127.0.0.1:8080}). No process owns a
     * TIME_WAIT entry, so {@code ss} shows none: a test finds its own by a peer only it connected to.
     */
    static long timeWaitTo(String peer) throws IOException, InterruptedException {
        long count = 0;
        for (String line : ss("-tanH").split("\n")) {
            String[] fields = line.trim().split("\\s+");
            // State Recv-Q Send-Q Local:Port Peer:Port
            if (fields.length >= 5 && fields[0].equals("TIME-WAIT") && normalise(fields[4]).equals(peer)) {
                count++;
            }
        }
        return count;
    }

    private static List<String[]> ssLines(long pid) throws IOException, InterruptedException {
        List<String[]> lines = new ArrayList<>();
        for (String line : ss("-tuanpH").split("\n")) {
            if (line.contains("pid=" + pid + ",")) {
                lines.add(line.trim().split("\\s+"));
            }
        }
        return lines;
    }

    private static String ss(String options) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", options).redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, ss.exitValue(), "ss failed (is iproute2 installed?): " + output);
        return output;
    }

    /** One end of one of the agent's rows, written as {@link #normalise} writes an end {@code ss} shows. */
    static String endpoint(Row.End end) {
        if (end == null) {
            return "-";
        }
        return canonical(end.address()) + ":" + end.port();
    }

    /** {@code [::ffff:127.0.0.1]:80} → {@code 127.0.0.1:80}; {@code 0.0.0.0:*}, {@code *:*} → {@code -}. */
    static String normalise(String ssAddress) {
        int colon = ssAddress.lastIndexOf(':');
        String host = ssAddress.substring(0, colon);
        String port = ssAddress.substring(colon + 1);
        if (port.equals("*")) {
            return "-";
        }
        host = host.replace("[", "").replace("]", "");
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return canonical(host) + ":" + port;
    }

    private static String canonical(String host) {
        if (host.equals("*")) {
            return "*";
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? "*" : address.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            throw new IllegalArgumentException("not a numeric address: " + host, notAnAddress);
        }
    }
}
