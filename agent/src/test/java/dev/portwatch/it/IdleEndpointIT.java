package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * An idle JVM's endpoint: the first scrape, right after the endpoint is announced, has every series and the table
 * its own listener's row, named by its thread; and while no one is connected the endpoint's selector thread does
 * not wake.
 */
@Timeout(120)
class IdleEndpointIT {

    private static final String IDLE_MAIN = "dev.portwatch.bench.IdleMain";

    @EachJdk
    void theFirstScrapeRightAfterStartHasTheSeriesAndTheTable(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", IDLE_MAIN)) {
            String metrics = jvm.get("/metrics");
            // Those the start-up wires in: the kernel's views, the port files, the health counts, the table.
            for (String series : List.of("portwatch_agent_info{", "portwatch_kernel_sockets{",
                    "portwatch_ephemeral_port_range_size ", "portwatch_agent_errors_total ",
                    "portwatch_sockets_untracked_total ", "portwatch_connections_active{", "portwatch_table_rows")) {
                assertTrue(metrics.contains("\n" + series), jdk + ": " + series + " at the first scrape:\n" + metrics);
            }
            List<Row> own = jvm.table().rows(row -> row.agent() && "listener".equals(row.role()));
            assertEquals(1, own.size(), jdk + ": the endpoint's listener is one row of the first read");
            // Named by its thread: the agent walks no stack for a socket of its own.
            assertEquals("thread", own.get(0).openedByKind(), jdk + ": " + own.get(0));
            assertEquals(own.get(0).thread(), own.get(0).openedBy(), jdk + ": " + own.get(0));
            List<Row> accepted = jvm.table().rows(row -> row.agent() && "server".equals(row.role()));
            assertTrue(accepted.stream().allMatch(row -> "thread".equals(row.openedByKind())),
                    jdk + ": the endpoint's accepted connections are named by their thread: " + accepted);
        }
    }

    @EachJdk
    void anEndpointNoOneIsConnectedToDoesNotWake(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", IDLE_MAIN)) {
            jvm.endpoint();
            Path selector = selectorThread(jvm.pid());
            Thread.sleep(500); // its first select is under way
            long before = voluntarySwitches(selector);
            Thread.sleep(3_000);
            long after = voluntarySwitches(selector);
            // It used to wake once a second to look for deadlines of connections it did not have.
            assertTrue(after - before <= 1, jdk + ": the idle selector woke " + (after - before) + " times in 3 s");
            assertTrue(jvm.get("/-/healthy").startsWith("ok"), jdk + ": and it still answers");
        }
    }

    private static Path selectorThread(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(task -> comm(task).equals("portwatch-http")).findFirst()
                    .orElseThrow(() -> new AssertionError("no portwatch-http thread in " + pid));
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static long voluntarySwitches(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new AssertionError("no voluntary_ctxt_switches in " + task);
    }
}
