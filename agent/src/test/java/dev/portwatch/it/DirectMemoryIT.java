package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's storage never costs a host with a small {@code -XX:MaxDirectMemorySize} a {@code System.gc()}: when a
 * direct allocation does not fit, the JDK collects (a full pause, which {@code -Xlog:gc} reports with the cause
 * {@code System.gc()}) and may fail after all. With a limit too small for the closed ring's chunks, or with the
 * application holding nearly all of its limit, the closed rows of enough connections to fill several chunks are
 * still in {@code /connections.json}, on the heap, no collection is for {@code System.gc()}, and the agent took no
 * direct memory from the application.
 */
@Timeout(120)
class DirectMemoryIT {

    /** Connections churned: two closed rows each, about 8 chunks of the ring (512 rows a chunk). */
    private static final int CONNECTIONS = 2_000;

    @EachJdk
    void aTinyLimitTakesTheClosedRingToTheHeapWithoutSystemGc(Path jdk) throws Exception {
        try (AgentJvm jvm = start(jdk, "64k")) {
            churnAndFindTheClosedRows(jvm);
        }
    }

    @EachJdk
    void anApplicationHoldingNearlyAllItsLimitKeepsItToItself(Path jdk) throws Exception {
        try (AgentJvm jvm = start(jdk, "1m")) {
            long used = used(jvm.command("hold " + 1024 * 1024 + " " + 8 * 1024));
            assertTrue(used > 1000 * 1024, "the application holds nearly all of its limit: " + used);
            churnAndFindTheClosedRows(jvm);
        }
    }

    private static AgentJvm start(Path jdk, String limit) throws Exception {
        return AgentJvm.start(jdk, List.of("-XX:MaxDirectMemorySize=" + limit, "-Xlog:gc:stderr"), null,
                "port=0,closedRetention=60s", DirectMemoryScenario.class.getName()).ready();
    }

    private static void churnAndFindTheClosedRows(AgentJvm jvm) throws Exception {
        jvm.table(); // the endpoint has answered once: what it needs of direct memory, it has
        long before = used(jvm.command("used"));
        jvm.command("churn " + CONNECTIONS, 60);
        long closed = 0;
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() - deadline < 0; ) {
            closed = jvm.table().applicationRows().stream().filter(row -> row.state().equals("CLOSED")).count();
            if (closed >= 2 * CONNECTIONS) {
                break;
            }
            Thread.sleep(200);
        }
        // At least: the scenario's own wait for the endpoint is a connection too.
        assertTrue(closed >= 2 * CONNECTIONS, jvm.jdk + ": every end of every connection, closed: " + closed);
        assertEquals(before, used(jvm.command("used")), jvm.jdk + ": the agent took no direct memory for its rows");
        List<String> stderr = jvm.stderr();
        assertTrue(stderr.stream().anyMatch(line -> line.contains("[gc]")), "the GC log is on: " + stderr);
        for (String line : stderr) {
            assertTrue(!line.contains("System.gc()") && !line.contains("OutOfMemoryError"), jvm.jdk + ": " + line);
        }
    }

    private static long used(String answer) {
        return Long.parseLong(answer.substring(answer.indexOf("used=") + "used=".length()).trim());
    }
}
