package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * What goes wrong inside or around the agent never reaches the application: a listener that throws on every
 * event, a process out of file descriptors, a JDK without a method the agent expected. (A taken endpoint port is
 * {@link HostUnaffectedIT}'s.) The faults inside the agent are injected through test-only system properties outside
 * the {@code portwatch.*} namespace, read once at start (see {@code dev.portwatch.agent.FaultInjection}).
 */
@Timeout(180)
class FaultsIT {

    private static final String FAIL_EVENTS = "-Dportwatch-test.failEvents=true";
    private static final String MISSING_METHOD = "-Dportwatch-test.missingFunnelMethod=true";

    @EachJdk
    void aListenerThatThrowsOnEveryEventLeavesTheApplicationAsItWas(Path jdk) throws Exception {
        BatchRun without = BatchRun.of(jdk, List.of(), null);
        BatchRun with = BatchRun.of(jdk, List.of(FAIL_EVENTS), "port=0");
        assertEquals(3, without.exitCode(), "the scenario exits with 3");
        assertEquals(without.exitCode(), with.exitCode(), jdk + ": exit code");
        assertEquals(without.stdout(), with.stdout(), jdk + ": stdout");
        assertEquals(without.stderr(), with.stderrWithoutAgentLines(), jdk + ": stderr");
        assertTrue(with.agentLines().size() <= 1, jdk + ": at most the start line: " + with.agentLines());
    }

    @EachJdk
    void errorsInsideTheAgentAreSwallowedAndCounted(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(FAIL_EVENTS), null, "port=0,closedRetention=60s",
                SocketScenario.class.getName())) {
            jvm.awaitReady();
            jvm.command("open");
            jvm.command("errors");
            jvm.command("close");
            double errors = Exposition.parse(jvm.get("/metrics")).value("portwatch_agent_errors_total");
            assertTrue(errors >= 50, jvm.jdk + ": every event threw, and each was counted: " + errors);
            assertDoesNotThrow(jvm::table, jvm.jdk + ": the endpoint still serves the table");
            assertTrue(jvm.stderr().stream().noneMatch(line -> line.contains("injected failure")),
                    jvm.jdk + ": the swallowed exceptions never reach stderr: " + jvm.stderr());
            jvm.command("exit");
        }
    }

    @EachJdk
    void runningOutOfFileDescriptorsLooksTheSameAndTheAgentRecoversAfterwards(Path jdk) throws Exception {
        Exhaustion without = exhaust(jdk, null);
        Exhaustion with = exhaust(jdk, "port=0,closedRetention=60s");
        System.out.println(jdk.getFileName() + ": out of descriptors: " + with.reports);
        assertTrue(without.reports.stream().anyMatch(line -> line.contains("Too many open files")),
                jdk + ": the scenario ran out of descriptors: " + without.reports);
        assertEquals(without.reports, with.reports, jdk + ": what the application saw");
        assertEquals(without.applicationStderr, with.applicationStderr, jdk + ": the application's stderr");

        // With the agent, the connections opened after the exhaustion are recorded again.
        List<Row> rows = with.table.rows();
        long outbound = rows.stream().filter(row -> "ESTABLISHED".equals(row.state())
                && "outbound".equals(row.role()) && row.remote().port() == with.listenerPort).count();
        long inbound = rows.stream().filter(row -> "ESTABLISHED".equals(row.state())
                && "inbound".equals(row.role()) && row.local().port() == with.listenerPort).count();
        assertEquals(3, outbound, jdk + ": connections after the exhaustion, outbound: " + rows);
        assertEquals(3, inbound, jdk + ": connections after the exhaustion, inbound: " + rows);
    }

    private record Exhaustion(List<String> reports, List<String> applicationStderr, Table table,
                              int listenerPort) {}

    private static Exhaustion exhaust(Path jdk, String agentOptions) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(), "ulimit -n 256", agentOptions,
                FdScenario.class.getName())) {
            int listenerPort = Integer.parseInt(jvm.awaitReady().get("listener"));
            jvm.command("exhaust");
            if (agentOptions != null) {
                // The endpoint may not be able to accept now (no descriptor for the connection): that is allowed,
                // as long as it serves again once descriptors are free.
                try {
                    RawHttp.send(RawHttp.port(jvm.endpoint()),
                            "GET /-/healthy HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(), 2000);
                } catch (java.io.IOException refusedOrReset) {
                    // expected while exhausted
                }
            }
            jvm.command("release");
            Table table = agentOptions == null ? null : jvm.table();
            jvm.command("exit");
            jvm.waitFor();
            List<String> reports = new ArrayList<>(jvm.allStdout().stream()
                    .filter(line -> line.startsWith("REPORT ")).toList());
            // The count of sockets opened before the limit differs with the agent's own descriptors: not compared.
            return new Exhaustion(reports, jvm.stderr().stream().filter(line -> !line.startsWith("portwatch:"))
                    .toList(), table, listenerPort);
        }
    }

    @EachJdk
    void aMethodMissingFromTheJdkIsOneWarningAndEverythingElseRecords(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(MISSING_METHOD), null, "port=0,closedRetention=60s",
                SocketScenario.class.getName())) {
            jvm.awaitReady();
            KernelAgreement agreement = KernelAgreement.afterOpening(jvm);
            agreement.assertNow("everything else still records");
            List<Row> rows = jvm.table().rows();
            assertTrue(rows.stream().anyMatch(row -> "Socket".equals(row.api())
                    && "ESTABLISHED".equals(row.state()) && "outbound".equals(row.role())),
                    jvm.jdk + ": a Socket connect is in the table");
            List<String> warnings = jvm.stderr().stream().filter(line -> line.contains("portwatchTestNoSuchMethod"))
                    .toList();
            assertEquals(1, warnings.size(), jvm.jdk + ": one warning naming the missing method: " + jvm.stderr());
            String warning = warnings.get(0);
            assertTrue(warning.startsWith("portwatch: "), warning);
            assertTrue(warning.contains("sun.nio.ch.SocketChannelImpl.portwatchTestNoSuchMethod()"), warning);
            assertEquals(2, jvm.stderr().size(), jvm.jdk + ": the start line and the warning, nothing else: "
                    + jvm.stderr());
            jvm.command("exit");
        }
    }
}
