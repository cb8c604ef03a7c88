package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * When the JVM begins to exit, the agent takes its threads out of native code: HotSpot's exit waits up to 300 ms
 * for any application thread inside a native call, and the endpoint's selector thread lives in one. Shown without
 * timing anything: {@link ExitScenario}'s own shutdown hook reports the state of every {@code portwatch-*} thread
 * once none is {@code RUNNABLE} any more, or after 10 s; before the fix the selector thread stayed {@code RUNNABLE}.
 */
@Timeout(120)
class AgentExitIT {

    @EachJdk
    void systemExitTakesTheAgentsThreadsOutOfNativeCode(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", ExitScenario.class.getName()).ready()) {
            jvm.command("exit");
            assertEquals(0, jvm.waitFor(), jvm.jdk + ": " + jvm.stderr());
            assertNoAgentThreadRunnable(jvm);
        }
    }

    @EachJdk
    void sigtermTakesTheAgentsThreadsOutOfNativeCode(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", ExitScenario.class.getName()).ready()) {
            jvm.sigterm();
            assertEquals(143, jvm.waitFor(), jvm.jdk + ": " + jvm.stderr());
            assertNoAgentThreadRunnable(jvm);
        }
    }

    private static void assertNoAgentThreadRunnable(AgentJvm jvm) {
        List<String> reports = jvm.allStdout().stream().filter(line -> line.startsWith("REPORT exit ")).toList();
        assertEquals(1, reports.size(), jvm.jdk + ": one report from the exit hook: " + jvm.allStdout());
        String report = reports.get(0);
        assertTrue(report.contains(" portwatch-http=TERMINATED"), jvm.jdk + ": the selector thread ended: " + report);
        assertTrue(report.contains(" portwatch-http-worker-1=TERMINATED"), jvm.jdk + ": the workers ended: " + report);
        assertFalse(report.contains("=RUNNABLE") || report.contains("=BLOCKED"),
                jvm.jdk + ": no agent thread left in a native call or on its way: " + report);
        assertTrue(report.endsWith(" endpointConnection=closed"),
                jvm.jdk + ": the endpoint closed its connection: " + report);
        assertFalse(String.join("\n", jvm.stderr()).contains("Exception"), jvm.jdk + ": " + jvm.stderr());
    }
}
