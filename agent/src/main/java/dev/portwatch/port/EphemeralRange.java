package dev.portwatch.port;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The range the operating system picks local ports from for outbound connections and port-0 binds. On Linux it is
 * {@code net.ipv4.ip_local_port_range} (typically 32768–60999, which is not the IANA dynamic range).
 */
public record EphemeralRange(int first, int last, String source) {

    static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** IANA's suggestion (RFC 6335), which Windows and macOS follow. */
    public static final EphemeralRange IANA = new EphemeralRange(49152, 65535, "IANA default");

    public EphemeralRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("bad ephemeral range " + first + "-" + last);
        }
    }

    public static EphemeralRange ofThisSystem() {
        return read(LINUX_RANGE);
    }

    static EphemeralRange read(Path linuxRangeFile) {
        try {
            // A plain stream, not NIO's Files (see ServiceNames); and /proc files report size 0, so read lines.
            String line;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new FileInputStream(linuxRangeFile.toFile()), StandardCharsets.US_ASCII))) {
                line = reader.readLine();
            }
            String[] bounds = line.trim().split("\\s+");
            return new EphemeralRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]),
                    linuxRangeFile.toString());
        } catch (IOException | RuntimeException notLinuxOrUnreadable) {
            return IANA;
        }
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }
}
