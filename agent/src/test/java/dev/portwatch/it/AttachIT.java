package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Dynamic attach through the CLI: a JVM started without the agent gets it with {@code attach <pid>}; the sockets
 * it had before are listed from the kernel's view with their kernel state, new ones are tracked with opener and
 * connect duration, a CLOSE_WAIT shows, and attaching twice is harmless.
 */
@Timeout(180)
class AttachIT {

    private static final Pattern URL = Pattern.compile("(http://\\S+)/connections");

    @EachJdk
    void attachShowsPreexistingAndNewSockets(Path jdk) throws Exception {
        try (AgentJvm target = AgentJvm.start(jdk, null, PreexistingSockets.class.getName())) {
            long listenerPort = Long.parseLong(target.awaitReady().get("port"));

            Cli attach = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            Matcher url = URL.matcher(attach.stdout());
            assertTrue(url.find(), attach.stdout());
            String endpoint = url.group(1);

            List<Row> rows = Table.fetch(endpoint).rows();
            List<Row> seenByKernel = rows.stream().filter(row -> "kernel".equals(row.source())).toList();
            assertEquals(5, seenByKernel.size(), "listener + 2 connections, both ends: " + rows);
            Row listener = seenByKernel.stream().filter(row -> "LISTEN".equals(row.state())).findFirst().orElseThrow();
            assertEquals(listenerPort, listener.local().port());
            assertEquals("LISTEN", listener.kernelState());
            assertEquals(2L, seenByKernel.stream().filter(row -> "inbound".equals(row.role())).count(), rows.toString());
            assertTrue(seenByKernel.stream().allMatch(row -> row.openedBy() == null), rows.toString());
            // What the agent did not observe is unknown, not zero.
            assertTrue(seenByKernel.stream().allMatch(row -> row.bytesIn() == null && row.bytesOut() == null
                    && row.openedAt() == null && row.connectSeconds() == null), rows.toString());

            target.command("connect");
            // The kernel's view may be a few seconds old when the network namespace holds many sockets.
            rows = rowsOnceTheKernelSees(endpoint, row -> row.recorded() && "outbound".equals(row.role())
                    && row.application());
            List<Row> tracked = rows.stream().filter(row -> row.recorded() && row.application()).toList();
            assertEquals(2, tracked.size(), "the new connection, both ends: " + rows);
            Row outbound = tracked.stream().filter(row -> "outbound".equals(row.role())).findFirst().orElseThrow();
            assertTrue(String.valueOf(outbound.openedBy()).startsWith(PreexistingSockets.class.getName()),
                    outbound.toString());
            assertTrue(outbound.connectSeconds() > 0, outbound.toString());
            assertEquals("ESTABLISHED", outbound.kernelState());

            target.command("closewait");
            rows = rowsOnceTheKernelSees(endpoint, row -> "CLOSE_WAIT".equals(row.kernelState()));
            assertTrue(rows.stream().anyMatch(row -> row.recorded() && "ESTABLISHED".equals(row.state())
                    && "CLOSE_WAIT".equals(row.kernelState())),
                    "a connection whose peer closed shows CLOSE_WAIT: " + rows);

            Cli again = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stdout().contains("already running"), again.stdout());

            Cli connections = Cli.run(jdk, "connections", Long.toString(target.pid()));
            assertEquals(0, connections.exitCode(), connections.stderr());
            assertTrue(connections.stdout().contains("Proto"), connections.stdout());
            assertTrue(connections.stdout().contains("127.0.0.1:" + listenerPort), connections.stdout());
            assertTrue(connections.stdout().contains("(kernel: CLOSE_WAIT)"), connections.stdout());
            assertKernelOnlyBytesUnknown(connections.stdout());

            Cli list = Cli.run(jdk, "list");
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stdout().lines().anyMatch(line -> line.startsWith(Long.toString(target.pid()))
                    && line.contains(PreexistingSockets.class.getName()) && line.contains(endpoint)),
                    list.stdout());
        }
    }

    /** The text table's rows only the kernel knows show {@code -} for their bytes, never 0. */
    private static void assertKernelOnlyBytesUnknown(String text) {
        List<String> lines = text.lines().toList();
        String header = lines.stream().filter(line -> line.startsWith("Proto")).findFirst().orElseThrow();
        List<String> columns = List.of(header.split("\\s{2,}"));
        int bytesIn = columns.indexOf("Bytes In");
        int bytesOut = columns.indexOf("Bytes Out");
        assertTrue(bytesIn > 0 && bytesOut > 0, header);
        List<String[]> kernelOnly = lines.stream().filter(line -> line.contains("(seen by the kernel only)"))
                .map(line -> line.split("\\s{2,}")).toList();
        assertEquals(5, kernelOnly.size(), text);
        for (String[] cells : kernelOnly) {
            assertEquals("-", cells[bytesIn], String.join(" | ", cells));
            assertEquals("-", cells[bytesOut], String.join(" | ", cells));
        }
    }

    /** The rows, once one that {@code wanted} matches has the kernel's view (or after 15 s, for the assertions). */
    private static List<Row> rowsOnceTheKernelSees(String endpoint, Predicate<Row> wanted) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<Row> rows = Table.fetch(endpoint).rows();
        while (System.nanoTime() < deadline
                && rows.stream().noneMatch(row -> wanted.test(row) && row.kernel() != null)) {
            Thread.sleep(200);
            rows = Table.fetch(endpoint).rows();
        }
        return rows;
    }
}
