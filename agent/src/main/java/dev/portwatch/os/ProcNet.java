package dev.portwatch.os;

import dev.portwatch.table.Endpoint;
import dev.portwatch.table.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            reader.readLine(); // the header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                KernelSocket socket = parseLine(line, transport);
                if (socket != null) {
                    into.add(socket);
                }
            }
        }
    }

    /**
     * {@code "  0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 ..."};
     * null for a line that does not parse.
     */
    static KernelSocket parseLine(String line, Transport transport) {
        String[] fields = fields(line);
        if (fields.length < 10) {
            return null;
        }
        try {
            Endpoint local = endpoint(fields[1]);
            Endpoint remote = endpoint(fields[2]);
            int stateCode = Integer.parseInt(fields[3], 16);
            String[] queues = fields[4].split(":");
            return new KernelSocket(transport, local, remote, stateName(transport, stateCode),
                    Long.parseLong(queues[0], 16), Long.parseLong(queues[1], 16), Long.parseLong(fields[9]));
        } catch (RuntimeException | UnknownHostException malformed) {
            return null;
        }
    }

    /**
     * The whitespace-separated fields of a line, as {@code line.trim().split("\\s+")} gives them but without a
     * regular expression: the kernel's view parses every socket of the network namespace on each request.
     */
    static String[] fields(String line) {
        List<String> fields = new ArrayList<>(20);
        int length = line.length();
        int at = 0;
        while (at < length) {
            while (at < length && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < length && !Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (at > start) {
                fields.add(line.substring(start, at));
            }
        }
        return fields.toArray(new String[0]);
    }

    private static String stateName(Transport transport, int code) {
        if (transport == Transport.UDP) {
            return code == 1 ? "ESTABLISHED" : "UNCONN";
        }
        return code > 0 && code < TCP_STATES.length ? TCP_STATES[code] : "UNKNOWN";
    }

    /** {@code 0100007F:0050} → 127.0.0.1:80; IPv4-mapped IPv6 addresses come out as IPv4, as the JDK shows them. */
    static Endpoint endpoint(String hexAddressAndPort) throws UnknownHostException {
        int colon = hexAddressAndPort.indexOf(':');
        String hex = hexAddressAndPort.substring(0, colon);
        int port = Integer.parseInt(hexAddressAndPort.substring(colon + 1), 16);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2; // little-endian within each 32-bit word
                bytes[word * 4 + i] = (byte) (hexDigit(hex, at) << 4 | hexDigit(hex, at + 1));
            }
        }
        return new Endpoint(InetAddress.getByAddress(bytes), port);
    }

    private static int hexDigit(String hex, int at) {
        int digit = Character.digit(hex.charAt(at), 16);
        if (digit < 0) {
            throw new NumberFormatException("not a hex digit in " + hex);
        }
        return digit;
    }
}
