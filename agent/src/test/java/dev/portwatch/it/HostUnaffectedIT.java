package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The host application comes first: with the agent, with bad options and with the endpoint's port taken, the
 * application prints the same stdout, the same stderr (but for portwatch's own lines) and exits with the same code
 * as without the agent. A bad option is exactly one line that names it and what it accepts.
 */
@Timeout(180)
class HostUnaffectedIT {

    /** Agent options, and what the agent's one line must say about them (null: the start line). */
    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("port=0", null),
                Arguments.of("port=0,prot=1", "unknown option 'prot'"),
                Arguments.of("port=99999", "bad value '99999' for port"),
                Arguments.of("closedRetention=soon", "bad value 'soon' for closedRetention"),
                Arguments.of("port", "is not key=value"),
                Arguments.of("maxRows=5,port=0", "bad value '5' for maxRows"));
    }

    @EachJdk(with = "runs")
    void applicationOutputAndExitCodeAreUnchanged(Path jdk, String options, String expectedError) throws Exception {
        BatchRun without = run(jdk, null);
        BatchRun with = run(jdk, options);
        assertEquals(3, without.exitCode(), "the scenario exits with 3");
        assertEquals(without.exitCode(), with.exitCode(), "exit code with " + options);
        assertEquals(without.stdout(), with.stdout(), "stdout with " + options);
        assertEquals(without.stderr(), with.stderrWithoutAgentLines(), "stderr with " + options);
        List<String> agentLines = with.agentLines();
        assertEquals(1, agentLines.size(), "one agent line with " + options + ": " + with.stderr());
        if (expectedError == null) {
            assertTrue(agentLines.get(0).contains("recording sockets; table at http://127.0.0.1:"),
                    agentLines.get(0));
        } else {
            String line = agentLines.get(0);
            assertTrue(line.contains(expectedError), line);
            assertTrue(line.contains("accepted"), "names what is accepted: " + line);
            assertTrue(line.endsWith("portwatch is off, the application runs without it"), line);
        }
    }

    @EachJdk
    void aTakenEndpointPortIsOneLineAndRecordingGoesOn(Path jdk) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BatchRun without = run(jdk, null);
            BatchRun with = run(jdk, "port=" + taken.getLocalPort());
            assertEquals(without.exitCode(), with.exitCode());
            assertEquals(without.stdout(), with.stdout());
            assertEquals(without.stderr(), with.stderrWithoutAgentLines());
            assertEquals(1, with.agentLines().size(), with.stderr().toString());
            String line = with.agentLines().get(0);
            assertTrue(line.contains("endpoint not started on 127.0.0.1:" + taken.getLocalPort()), line);
            assertTrue(line.contains("recording continues"), line);
        }
    }

    /**
     * JDK 17's legacy socket implementation bypasses the funnels: one more line says so there, and nothing else
     * changes; later JDKs ignore the property and so does portwatch.
     */
    @EachJdk
    void theLegacySocketImplementationIsNamedOnceOnJdk17(Path jdk) throws Exception {
        List<String> legacy = List.of("-Djdk.net.usePlainSocketImpl=true");
        BatchRun without = BatchRun.of(jdk, legacy, null);
        BatchRun with = BatchRun.of(jdk, legacy, "port=0");
        assertEquals(without.exitCode(), with.exitCode());
        assertEquals(without.stdout(), with.stdout());
        assertEquals(without.stderr(), with.stderrWithoutAgentLines());
        boolean jdk17 = Jdks.feature(jdk) == 17;
        List<String> warnings = with.agentLines().stream()
                .filter(line -> line.contains("usePlainSocketImpl")).toList();
        assertEquals(jdk17 ? 1 : 0, warnings.size(), with.stderr().toString());
        assertEquals(jdk17 ? 2 : 1, with.agentLines().size(), with.stderr().toString());
    }

    private static BatchRun run(Path jdk, String options) throws Exception {
        return BatchRun.of(jdk, List.of(), options);
    }
}
