package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's start-up hands everything but the transformer to a thread of its own, so {@code main} runs before
 * the agent has finished starting. Nothing may be missed for that: a socket opened on the first line of
 * {@code main} is a row like any other.
 */
@Timeout(120)
class StartupIT {

    @TempDir
    Path temp;

    @EachJdk
    void socketsOpenedOnTheFirstLinesOfMainAreRecorded(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", FirstLineSockets.class.getName())) {
            assertFirstLinesRecorded(jvm);
        }
    }

    /**
     * Started with the JVM, the agent's thread leaves the cores to the application's start-up for a while (the
     * settle wait) before it checks the instrumentation, weaves ahead or starts the endpoint. With a wait far longer
     * than {@link FirstLineSockets} needs, every socket is open (the scenario says how long after the JVM's start)
     * before that thread does anything: they are rows all the same, woven as their classes loaded.
     */
    @EachJdk
    void socketsOpenedBeforeTheAgentsThreadStartsItsWorkAreRecorded(Path jdk) throws Exception {
        long settleMillis = 8_000;
        Path cache = filledCache(temp, jdk, "filled");
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of("-Dportwatch-test.settleMillis=" + settleMillis), null,
                "port=0,weaveCache=" + cache, FirstLineSockets.class.getName())) {
            Map<String, String> ready = jvm.awaitReady();
            long openedAfter = Long.parseLong(ready.get("openedAfterMillis"));
            assertTrue(openedAfter >= 0 && openedAfter < settleMillis, jdk + ": all open " + openedAfter
                    + " ms after the start, within the wait");
            assertFirstLinesRecorded(jvm, ready);
        }
    }

    /**
     * Attached to a running JVM, the agent has no start-up to yield to: the settle wait does not apply, and the
     * endpoint is up well within the CLI's 30 s wait for it, however long the wait would be.
     */
    @EachJdk
    void anAttachedAgentStartsAtOnce(Path jdk) throws Exception {
        try (AgentJvm target = AgentJvm.start(jdk, List.of("-Dportwatch-test.settleMillis=600000"), null, null,
                PreexistingSockets.class.getName())) {
            target.awaitReady();
            Cli attach = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertTrue(attach.stdout().contains("/connections"), attach.stdout());
        }
    }

    /**
     * With the woven classes' cache cold (here: empty) there is no settle wait: the agent's thread weaves ahead at
     * once, so the application's first sockets do not pay Byte Buddy's cold weave on their own thread. The
     * endpoint, started after that thread's weave, is up however long the wait would be.
     */
    @EachJdk
    void aColdCacheWeavesAheadWithoutWaiting(Path jdk) throws Exception {
        Path cache = Files.createDirectories(temp.resolve("cold-" + jdk.getFileName()));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of("-Dportwatch-test.settleMillis=600000"), null,
                "port=0,weaveCache=" + cache, PreexistingSockets.class.getName())) {
            jvm.awaitReady();
            assertTrue(jvm.endpointPort() > 0, jdk + ": the endpoint started");
        }
    }

    /** A woven classes' cache filled for this JDK by the CLI's {@code weave-cache}. */
    static Path filledCache(Path temp, Path jdk, String name) throws Exception {
        Path cache = temp.resolve(name + "-" + jdk.getFileName());
        Cli filled = Cli.run(jdk, List.of("-Dportwatch.weaveCache=" + cache), "weave-cache");
        assertEquals(0, filled.exitCode(), filled.stderr());
        return cache;
    }

    /** Checks the rows of {@link FirstLineSockets} running in {@code jvm}. */
    static void assertFirstLinesRecorded(AgentJvm jvm) throws Exception {
        assertFirstLinesRecorded(jvm, jvm.awaitReady());
    }

    private static void assertFirstLinesRecorded(AgentJvm jvm, Map<String, String> ready) throws Exception {
        assertEquals("false", ready.get("endpointUpBefore"),
                jvm.jdk + ": the sockets were opened while the agent was still starting");
        Table table = jvm.table();

        assertRow(table, ready.get("listener"), "tcp", "listener", "LISTEN", "ServerSocket", jvm);
        assertRow(table, ready.get("client"), "tcp", "outbound", "ESTABLISHED", "Socket", jvm);
        assertRow(table, ready.get("channelListener"), "tcp", "listener", "LISTEN", "ServerSocketChannel", jvm);
        assertRow(table, ready.get("channelClient"), "tcp", "outbound", "ESTABLISHED", "SocketChannel", jvm);
        assertRow(table, ready.get("datagramSocket"), "udp", "datagram", "BOUND", "DatagramSocket", jvm);
        assertRow(table, ready.get("datagramChannel"), "udp", "datagram", "BOUND", "DatagramChannel", jvm);
        assertEquals(2, table.rows(row -> row.application() && "inbound".equals(row.role())
                && "agent".equals(row.source())).size(),
                jvm.jdk + ": both accepted connections: " + table.applicationRows());
        assertEquals(0, table.untrackedSockets(), jvm.jdk + ": " + table.applicationRows());
        assertFalse(String.join("\n", jvm.stderr()).contains("not instrumented"), jvm.jdk + ": " + jvm.stderr());
    }

    private static void assertRow(Table table, String localPort, String transport, String role, String state,
                                  String api, AgentJvm jvm) {
        List<Row> rows = table.rows(row -> row.local() != null && row.local().port() == Long.parseLong(localPort)
                && transport.equals(row.transport()) && role.equals(row.role()));
        assertEquals(1, rows.size(), jvm.jdk + ": one " + role + " row on " + transport + " port " + localPort
                + ": " + table.applicationRows());
        Row row = rows.get(0);
        assertEquals("agent", row.source(), jvm.jdk + ": recorded by the instrumentation: " + row);
        assertEquals(state, row.state(), jvm.jdk + ": " + row);
        assertEquals(api, row.api(), jvm.jdk + ": " + row);
        assertTrue(row.openedBy() != null && row.openedBy().contains("FirstLineSockets.main"),
                jvm.jdk + ": opened by main: " + row);
    }
}
