package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * A pooled client connection whose server aborts it (RST) while the client still holds its socket: the kernel drops
 * it from its lists, and the table must not go on saying ESTABLISHED. It reads CLOSED with why, in the JSON, the
 * text and the page, within one refresh of the kernel view; it stays listed until the client closes it; the metric
 * counts it. A healthy idle connection beside it stays ESTABLISHED.
 */
@Timeout(120)
class DeadConnectionsIT {

    private static final String REASON = "reset by peer or gone from the kernel";
    /** One refresh of the kernel view (5 s) for the metric, and the load of a shared machine. */
    private static final long WITHIN_MILLIS = 15_000;

    @EachJdk
    void aConnectionResetByItsPeerReadsDeadUntilTheClientClosesIt(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,closedRetention=60s", ResetPeerScenario.class.getName())) {
            Map<String, String> ready = jvm.awaitReady();
            String resetPort = ready.get("reset");
            String healthyPort = ready.get("healthy");
            assertEquals(0.0, deadMetric(jvm), jvm.jdk + ": the dead-connection gauge exists at 0 from the start");
            assertEquals("ESTABLISHED", client(jvm, resetPort).state(), jvm.jdk + ": before the reset");

            jvm.command("reset");
            List<String> kernel = KernelSockets.of(jvm.pid());
            assertFalse(kernel.stream().anyMatch(key -> key.contains("127.0.0.1:" + resetPort + " ")),
                    jvm.jdk + ": ss no longer lists the reset connection: " + kernel);
            assertTrue(kernel.stream().anyMatch(key -> key.contains("127.0.0.1:" + healthyPort + " ")),
                    jvm.jdk + ": ss still lists the healthy one: " + kernel);

            Row dead = awaitDead(jvm, resetPort);
            assertEquals("CLOSED", dead.state(), jvm.jdk + ": " + dead);
            assertNull(dead.closedAt(), jvm.jdk + ": the application has not closed it: " + dead);
            assertNull(dead.kernel(), jvm.jdk + ": " + dead);
            Row healthy = client(jvm, healthyPort);
            assertEquals("ESTABLISHED", healthy.state(), jvm.jdk + ": the idle healthy one: " + healthy);
            assertNull(healthy.dead(), jvm.jdk + ": " + healthy);

            // The filters see what the row reads.
            assertTrue(clientPorts(jvm, "/connections.json?state=closed").contains(Long.valueOf(resetPort)), jvm.jdk);
            assertFalse(clientPorts(jvm, "/connections.json?state=established").contains(Long.valueOf(resetPort)),
                    jvm.jdk);
            assertTrue(clientPorts(jvm, "/connections.json?state=established").contains(Long.valueOf(healthyPort)),
                    jvm.jdk);

            String text = jvm.get("/connections");
            String line = lineWith(text, "127.0.0.1:" + resetPort + " ");
            assertTrue(line.contains("CLOSED (" + REASON + ")"), jvm.jdk + ": text row: " + line);
            assertTrue(lineWith(text, "127.0.0.1:" + healthyPort + " ").contains("ESTABLISHED"), text);
            String page = jvm.get("/");
            assertTrue(page.contains("CLOSED (" + REASON + ")"), jvm.jdk + ": the page shows it dead");
            awaitMetric(jvm, 1.0);

            // Still held, still listed: only the client's close ends the row, which is then an ordinary closed one.
            Thread.sleep(1000);
            assertEquals(REASON, client(jvm, resetPort).dead(), jvm.jdk + ": still dead while held");
            jvm.command("release");
            Row released = client(jvm, resetPort);
            assertEquals("CLOSED", released.state(), jvm.jdk + ": " + released);
            assertTrue(released.closedAt() != null && released.dead() == null, jvm.jdk + ": " + released);
            awaitMetric(jvm, 0.0);
            assertEquals("ESTABLISHED", client(jvm, healthyPort).state(), jvm.jdk + ": the healthy one");
        }
    }

    /** The client's row of the connection whose client side has this local port. */
    private static Row client(AgentJvm jvm, String localPort) throws Exception {
        List<Row> rows = jvm.table().rows(row -> "outbound".equals(row.role()) && row.local() != null
                && String.valueOf(row.local().port()).equals(localPort));
        assertEquals(1, rows.size(), jvm.jdk + ": one client row of port " + localPort + ": " + rows);
        return rows.get(0);
    }

    private static List<Long> clientPorts(AgentJvm jvm, String path) throws Exception {
        return Table.parse(jvm.get(path)).rows(row -> "outbound".equals(row.role()) && row.local() != null).stream()
                .map(row -> row.local().port()).toList();
    }

    private static Row awaitDead(AgentJvm jvm, String localPort) throws Exception {
        long deadline = System.currentTimeMillis() + WITHIN_MILLIS;
        Row row = client(jvm, localPort);
        while (row.dead() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            row = client(jvm, localPort);
        }
        assertEquals(REASON, row.dead(), jvm.jdk + ": the reset connection within " + WITHIN_MILLIS + " ms: " + row);
        return row;
    }

    private static double deadMetric(AgentJvm jvm) throws Exception {
        return Exposition.parse(jvm.get("/metrics")).value("portwatch_dead_connections", "network_transport", "tcp");
    }

    private static void awaitMetric(AgentJvm jvm, double expected) throws Exception {
        long deadline = System.currentTimeMillis() + WITHIN_MILLIS;
        double value = deadMetric(jvm);
        while (value != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            value = deadMetric(jvm);
        }
        assertEquals(expected, value, jvm.jdk + ": portwatch_dead_connections{network_transport=\"tcp\"}");
    }

    private static String lineWith(String text, String part) {
        for (String line : text.split("\n")) {
            if (line.contains(part)) {
                return line;
            }
        }
        fail("no line with " + part + " in\n" + text);
        return null;
    }
}
