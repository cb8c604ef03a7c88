package dev.portwatch.os;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}: one socket per line, addresses in hex
 * with each 32-bit word in host (little-endian) order, ports in hex.
 */
final class ProcNet {

    private static final String[] TCP_STATES = {
        "UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
        "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
    };

    private ProcNet() {}

    /** Every socket of the four files under {@code netDir}; a missing file contributes nothing. */
    static List<KernelSocket> read(Path netDir) throws IOException {
        List<KernelSocket> sockets = new ArrayList<>();
        read(netDir.resolve("tcp"), Transport.TCP, sockets);
        read(netDir.resolve("tcp6"), Transport.TCP, sockets);
        read(netDir.resolve("udp"), Transport.UDP, sockets);
        read(netDir.resolve("udp6"), Transport.UDP, sockets);
        return sockets;
    }

    private static void read(Path file, Transport transport, List<KernelSocket> into) throws IOException {
        if (!Files.isReadable(file)) {
            return;
        }
        Map<String, InetAddress> addresses = new HashMap<>();
        // Through java.io, not Files.newBufferedReader: NIO's file channel reads into a temporary direct buffer per
        // thread, taken from the application's -XX:MaxDirectMemorySize (a System.gc() when that is short).
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new FileInputStream(file.toFile()),
                StandardCharsets.US_ASCII))) {
            reader.readLine(); // the header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                KernelSocket socket = parseLine(line, transport, addresses);
                if (socket != null) {
                    into.add(socket);
                }
            }
        }
    }

    static KernelSocket parseLine(String line, Transport transport) {
        return parseLine(line, transport, new HashMap<>());
    }

    /**
     * {@code "  0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 ..."};
     * null for a line that does not parse. Hand-split, and addresses decoded once per distinct value: at tens
     * of thousands of sockets, a regular expression per line and an address per socket cost more than the read.
     */
    static KernelSocket parseLine(String line, Transport transport, Map<String, InetAddress> addresses) {
        String[] fields = new String[10];
        int count = 0;
        int at = 0;
        int length = line.length();
        while (count < fields.length) {
            while (at < length && line.charAt(at) == ' ') {
                at++;
            }
            if (at >= length) {
                return null;
            }
            int end = line.indexOf(' ', at);
            end = end < 0 ? length : end;
            fields[count++] = line.substring(at, end);
            at = end;
        }
        try {
            Endpoint local = endpoint(fields[1], addresses);
            Endpoint remote = endpoint(fields[2], addresses);
            int stateCode = Integer.parseInt(fields[3], 16);
            int colon = fields[4].indexOf(':');
            return new KernelSocket(transport, local, remote, stateName(transport, stateCode),
                    Long.parseLong(fields[4], 0, colon, 16), Long.parseLong(fields[4], colon + 1,
                    fields[4].length(), 16), Long.parseLong(fields[9]));
        } catch (RuntimeException | UnknownHostException malformed) {
            return null;
        }
    }

    private static String stateName(Transport transport, int code) {
        if (transport == Transport.UDP) {
            return code == 1 ? "ESTABLISHED" : "UNCONN";
        }
        return code > 0 && code < TCP_STATES.length ? TCP_STATES[code] : "UNKNOWN";
    }

    static Endpoint endpoint(String hexAddressAndPort) throws UnknownHostException {
        return endpoint(hexAddressAndPort, new HashMap<>());
    }

    /** {@code 0100007F:0050} → 127.0.0.1:80; IPv4-mapped IPv6 addresses come out as IPv4, as the JDK shows them. */
    private static Endpoint endpoint(String hexAddressAndPort, Map<String, InetAddress> addresses)
            throws UnknownHostException {
        int colon = hexAddressAndPort.indexOf(':');
        String hex = hexAddressAndPort.substring(0, colon);
        int port = Integer.parseInt(hexAddressAndPort, colon + 1, hexAddressAndPort.length(), 16);
        InetAddress address = addresses.get(hex);
        if (address == null) {
            address = decode(hex);
            addresses.put(hex, address);
        }
        return new Endpoint(address, port);
    }

    private static InetAddress decode(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2; // little-endian within each 32-bit word
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
