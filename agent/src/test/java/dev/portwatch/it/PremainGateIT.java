package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code premain} registers a gate and leaves the bridge, the configuration and the transformer's build to the
 * first thread that needs them: the agent's thread, or a thread of the application whose socket class loads first,
 * which then builds it right there; a socket class loading while another thread builds waits for it (bounded), then
 * loads woven. Sockets opened on {@code main}'s first line are rows on every start, however the start-up threads
 * interleave; sockets opened from several threads at once during the hand-off neither deadlock nor go unrecorded; a
 * wait that runs out loads the class unwoven, says so once and counts it, and never hangs the JVM.
 */
@Timeout(600)
class PremainGateIT {

    private static final int STARTS = 20;
    private static final String TIMED_OUT = "loaded before the agent was ready";

    @TempDir
    Path temp;

    /**
     * Every fifth start without the woven classes' cache (the socket's own thread then weaves with Byte Buddy);
     * every third with the agent's thread held back 1 s, so that {@code main} surely builds the transformer itself,
     * with a wait of ten minutes that only a deadlock could exhaust.
     */
    @EachJdk
    void firstLineSocketsAreRowsOnEveryStart(Path jdk) throws Exception {
        Path cache = StartupIT.filledCache(temp, jdk, "filled");
        for (int start = 0; start < STARTS; start++) {
            String options = "port=0,weaveCache=" + (start % 5 == 4 ? "off" : cache.toString());
            try (AgentJvm jvm = AgentJvm.start(jdk, heldBack(start % 3 == 2), null, options,
                    FirstLineSockets.class.getName())) {
                StartupIT.assertFirstLinesRecorded(jvm);
                assertFalse(String.join("\n", jvm.stderr()).contains(TIMED_OUT), jdk + " start " + start + ": "
                        + jvm.stderr());
            }
        }
    }

    /**
     * Six threads open the first sockets of the JVM at once while the agent's thread is still starting (on every
     * other start held back 1 s: one of the six surely builds, the other five wait at the gate for it). The gate's
     * wait is ten minutes here, so that only a deadlock (a thread waiting at the gate holding what the builder
     * needs) could end it: the scenario is ready within the 30 s of {@link AgentJvm#awaitReady()}.
     */
    @EachJdk
    void socketsOpenedFromSeveralThreadsAtOnceDuringTheHandOverAreRows(Path jdk) throws Exception {
        Path cache = StartupIT.filledCache(temp, jdk, "threads");
        for (int start = 0; start < 5; start++) {
            String options = "port=0,weaveCache=" + (start == 4 ? "off" : cache.toString());
            try (AgentJvm jvm = AgentJvm.start(jdk, heldBack(start % 2 == 0), null, options,
                    ConcurrentFirstSockets.class.getName())) {
                Map<String, String> ready = jvm.awaitReady();
                Table table = jvm.table();
                assertRow(table, ready, "listener", "tcp", "listener", "ServerSocket", jvm);
                assertRow(table, ready, "channelListener", "tcp", "listener", "ServerSocketChannel", jvm);
                assertRow(table, ready, "datagramSocket", "udp", "datagram", "DatagramSocket", jvm);
                assertRow(table, ready, "datagramChannel", "udp", "datagram", "DatagramChannel", jvm);
                assertRow(table, ready, "client", "tcp", "outbound", "Socket", jvm);
                assertRow(table, ready, "channelClient", "tcp", "outbound", "SocketChannel", jvm);
                assertFalse(String.join("\n", jvm.stderr()).contains("not instrumented"), jdk + ": " + jvm.stderr());
            }
        }
    }

    /**
     * The agent's thread claims the build and takes 3 s over it; {@code main}'s first sockets, once it is in it,
     * wait 200 ms at most: the first socket class loads unwoven, one line says so, the agent's error counter counts
     * it, and the JVM runs on; once the agent's thread is done it has woven the class (no "not instrumented" line)
     * and a socket opened then is a row.
     */
    @EachJdk
    void aWaitThatRunsOutLoadsTheClassUnwovenAndCountsIt(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of("-Dportwatch-test.readyWaitMillis=200",
                "-Dportwatch-test.buildDelayMillis=3000", "-Dportwatch-test.settleMillis=0"), null,
                "port=0,weaveCache=off", PreexistingSocketsEarly.Later.class.getName())) {
            Map<String, String> ready = jvm.awaitReady();
            String all = String.join("\n", jvm.stderr());
            assertEquals(1, all.split(TIMED_OUT, -1).length - 1, jdk + ": one line: " + all);
            assertFalse(all.contains("not instrumented"), jdk + ": woven once the agent was ready: " + all);
            double errors = Exposition.parse(jvm.get("/metrics")).value("portwatch_agent_errors_total");
            assertTrue(errors >= 1, jdk + ": counted: " + errors);
            Table table = jvm.table();
            List<Row> later = table.rows(row -> row.local() != null
                    && row.local().port() == Long.parseLong(ready.get("port")) && "listener".equals(row.role()));
            assertEquals(1, later.size(), jdk + ": the listener opened after the agent was ready: "
                    + table.applicationRows());
        }
    }

    /**
     * What makes the gate's wait safe: the agent's thread, until the transformer is in the gate (and on through the
     * check of the sockets' ends), loads no socket class, which a thread of the application waiting at the gate
     * would hold. An idle program opens none, the settle wait (with the cache filled) keeps the rest of the agent's
     * start away: the JVM's class-loading log then shows none, once the agent's thread has gone past the gate.
     */
    @EachJdk
    void theAgentsThreadLoadsNoSocketClassBeforeTheGateOpens(Path jdk) throws Exception {
        Path log = temp.resolve("classes-" + jdk.getFileName() + ".txt");
        Path cache = StartupIT.filledCache(temp, jdk, "idle"); // a cold cache would weave ahead at once, no wait
        List<String> options = List.of("-Xlog:class+load:file=" + log, "-Dportwatch-test.settleMillis=600000");
        try (AgentJvm jvm = AgentJvm.start(jdk, options, null, "port=0,weaveCache=" + cache,
                "dev.portwatch.bench.IdleMain")) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains("dev.portwatch.agent.Installer$Background "))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2_000); // the check of the sockets' ends, right after
            String classes = Files.readString(log);
            assertTrue(classes.contains("dev.portwatch.agent.Installer$Background "), jvm.jdk + ": the agent started");
            for (String funnel : List.of("NioSocketImpl", "SocketChannelImpl", "ServerSocketChannelImpl",
                    "DatagramChannelImpl", "AsynchronousServerSocketChannelImpl", "AsynchronousSocketChannelImpl")) {
                assertFalse(classes.contains("sun.nio.ch." + funnel + " ")
                        || classes.contains("sun.nio.ch.Unix" + funnel + " "), jvm.jdk + ": loaded " + funnel);
            }
        }
    }

    /** A gate's wait of ten minutes, and the agent's thread held back 1 s if {@code held} (the application builds). */
    private static List<String> heldBack(boolean held) {
        return held ? List.of("-Dportwatch-test.readyWaitMillis=600000", "-Dportwatch-test.prepareDelayMillis=1000")
                : List.of("-Dportwatch-test.readyWaitMillis=600000");
    }

    private static void assertRow(Table table, Map<String, String> ready, String kind, String transport, String role,
                                  String api, AgentJvm jvm) {
        long port = Long.parseLong(ready.get(kind));
        List<Row> rows = table.rows(row -> row.local() != null && row.local().port() == port
                && transport.equals(row.transport()) && role.equals(row.role()));
        assertEquals(1, rows.size(), jvm.jdk + ": one " + kind + " row on port " + port + ": "
                + table.applicationRows());
        assertEquals("agent", rows.get(0).source(), jvm.jdk + ": " + rows.get(0));
        assertEquals(api, rows.get(0).api(), jvm.jdk + ": " + rows.get(0));
    }
}
