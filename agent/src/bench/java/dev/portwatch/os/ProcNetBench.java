package dev.portwatch.os;

import dev.portwatch.bench.RequestBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The kernel's view at 10,000 open connections, parsing part: {@code /proc/net/tcp6} as a host with 10,000
 * loopback connections has it (20,000 lines: both ends of each connection are in the same network namespace),
 * written to a temporary directory. What every {@code /metrics} and {@code /connections*} request parses.
 */
public class ProcNetBench extends RequestBench {

    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("procnet-bench");
        StringBuilder tcp6 = new StringBuilder("  sl  local_address                         remote_address        "
                + "                st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (int i = 0; i < 20_000; i++) {
            int client = 32768 + i / 2;
            int local = i % 2 == 0 ? client : 8080;
            int remote = i % 2 == 0 ? 8080 : client;
            tcp6.append(String.format(Locale.ROOT, "%6d: 0000000000000000FFFF00000100007F:%04X "
                    + "0000000000000000FFFF00000100007F:%04X 01 00000000:00000000 00:00000000 00000000     0"
                    + "        0 %d 1 0000000005f963ba 20 4 30 10 -1%n", i, local, remote, 1_000_000 + i));
        }
        Files.writeString(dir.resolve("tcp6"), tcp6);
        Files.writeString(dir.resolve("tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (String name : new String[] {"tcp", "tcp6"}) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public List<KernelSocket> parse20000Lines() throws IOException {
        List<KernelSocket> sockets = ProcNet.read(dir);
        if (sockets.size() != 20_000) {
            throw new IllegalStateException("parsed " + sockets.size());
        }
        return sockets;
    }
}
