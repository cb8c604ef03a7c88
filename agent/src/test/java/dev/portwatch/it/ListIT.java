package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * {@code list} reads the JVMs' performance data files and attaches to none: no JVM it lists has an
 * {@code Attach Listener} thread afterwards (HotSpot starts that thread on the first attach). It still shows where
 * portwatch runs, because the agent publishes its endpoint in its own performance data, and its columns stay in
 * place whatever the main classes are called and however long a status is.
 */
@Timeout(120)
class ListIT {

    @EachJdk
    void listShowsEveryJvmAndWherePortwatchRunsWithoutAttaching(Path jdk) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             AgentJvm plain = AgentJvm.start(jdk, null, PreexistingSockets.class.getName());
             AgentJvm withAgent = AgentJvm.scenario(jdk);
             AgentJvm failed = AgentJvm.start(jdk, "port=" + squatter.getLocalPort(),
                     JdkCodeScenario.class.getName())) {
            plain.awaitLine("OK ready");
            failed.awaitReady();
            String endpoint = withAgent.endpoint();
            assertFalse(AttachListener.isRunning(plain.pid()), "nothing attached yet");
            assertFalse(AttachListener.isRunning(withAgent.pid()), "nothing attached yet");

            Cli list = Cli.run(jdk, "list");

            assertEquals(0, list.exitCode(), list.stderr());
            assertEquals("", list.stderr());
            List<String> lines = list.stdout().lines().toList();
            String header = lines.get(0);
            assertTrue(header.startsWith("PID ") && header.contains("PORTWATCH") && header.endsWith("MAIN CLASS"),
                    header);
            int mainClassColumn = header.indexOf("MAIN CLASS");
            String plainLine = line(lines, plain.pid());
            String agentLine = line(lines, withAgent.pid());
            assertTrue(plainLine.endsWith(PreexistingSockets.class.getName()), plainLine);
            assertEquals(mainClassColumn, plainLine.indexOf(PreexistingSockets.class.getName()), plainLine);
            assertTrue(plainLine.contains(" - "), "no portwatch there: " + plainLine);
            assertTrue(agentLine.contains(endpoint + "/connections"), agentLine);
            assertEquals(mainClassColumn, agentLine.indexOf(SocketScenario.class.getName()), agentLine);
            // A status longer than any endpoint URL: the columns make room for it.
            String failedLine = line(lines, failed.pid());
            int portwatchColumn = header.indexOf("PORTWATCH");
            String status = "endpoint failed on 127.0.0.1:" + squatter.getLocalPort() + " (Address already in use)";
            assertEquals(portwatchColumn, failedLine.indexOf(status), failedLine);
            assertEquals(mainClassColumn, failedLine.indexOf(JdkCodeScenario.class.getName()), failedLine);
            assertEquals(portwatchColumn, agentLine.indexOf(endpoint), agentLine);

            assertFalse(AttachListener.isRunning(plain.pid()), plain.jdk + ": list attached to the plain JVM");
            assertFalse(AttachListener.isRunning(withAgent.pid()), plain.jdk + ": list attached to the agent's JVM");
        }
    }

    private static String line(List<String> lines, long pid) {
        return lines.stream().filter(line -> line.startsWith(pid + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + pid + " in " + lines));
    }
}
