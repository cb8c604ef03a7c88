package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A JVM whose endpoint port is taken (held here by a ServerSocket) records on without an endpoint; {@code attach
 * <pid> port=N} then starts the endpoint on N, without restarting the JVM or instrumenting it twice, and publishes
 * it, so {@code connections} and {@code list} find it. Only a taken port is told to try another one.
 */
@Timeout(240)
class EndpointRetryIT {

    private static final Pattern URL = Pattern.compile("(http://\\S+)/connections");

    /** Holds the port every test's agent is told to take. */
    private ServerSocket squatter;

    @BeforeEach
    void takePort() throws IOException {
        squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void releasePort() throws IOException {
        squatter.close();
    }

    @EachJdk
    void attachWithAnotherPortStartsTheEndpointThere(Path jdk) throws Exception {
        try (AgentJvm jvm = startOnTakenPort(jdk)) {
            jvm.awaitReady();
            String pid = Long.toString(jvm.pid());
            String notStarted = jvm.stderrLine("endpoint not started on 127.0.0.1:" + squatter.getLocalPort());
            assertTrue(notStarted.contains("attach " + pid + " port=<port>"), jvm.jdk + ": " + notStarted);
            int free = Ports.unusedOutsideEphemeralRange(1)[0];

            Cli attach = Cli.run(jdk, "attach", pid, "port=" + free);

            assertEquals(0, attach.exitCode(), jvm.jdk + ": " + attach.stderr());
            assertEquals("", attach.stderr());
            assertEquals("http://127.0.0.1:" + free, endpointIn(attach));
            assertEquals("http://127.0.0.1:" + free, jvm.endpoint());
            KernelAgreement agreement = KernelAgreement.afterOpening(jvm);
            // Instrumented once: every socket is one row, as the kernel sees them.
            agreement.await(java.time.Duration.ofSeconds(10), "after the endpoint's retry");

            Cli connections = Cli.run(jdk, "connections", pid, "--json");
            assertEquals(0, connections.exitCode(), connections.stderr());
            List<Row> rows = Table.parse(connections.stdout()).rows();
            assertTrue(rows.stream().anyMatch(row -> row.agent() && row.local().port() == free
                    && "LISTEN".equals(row.state())), jvm.jdk + ": the endpoint listens on " + free + ": " + rows);
            Cli list = Cli.run(jdk, "list");
            assertTrue(list.stdout().lines().anyMatch(line -> line.startsWith(pid + " ")
                    && line.contains("http://127.0.0.1:" + free + "/connections")), list.stdout());
            assertEquals(1L, jvm.stderr().stream().filter(line -> line.contains("recording sockets; table at"))
                    .count(), jvm.jdk + ": one endpoint: " + jvm.stderr());
        }
    }

    @EachJdk
    void aRetryOnATakenPortSaysSoAndPortZeroThenWorks(Path jdk) throws Exception {
        try (AgentJvm jvm = startOnTakenPort(jdk)) {
            jvm.awaitReady();
            String pid = Long.toString(jvm.pid());

            Cli stillTaken = Cli.run(jdk, "attach", pid, "port=" + squatter.getLocalPort());
            assertEquals(7, stillTaken.exitCode(), jvm.jdk + ": " + stillTaken.stderr());
            assertEquals(1, stillTaken.stderr().lines().count(), stillTaken.stderr());
            assertTrue(stillTaken.stderr().contains("endpoint failed on 127.0.0.1:" + squatter.getLocalPort()
                    + " (Address already in use); attach again with another port="), stillTaken.stderr());

            Cli otherOptions = Cli.run(jdk, "attach", pid, "port=0,stacks=true");
            assertEquals(2, otherOptions.exitCode(), otherOptions.stderr());
            assertTrue(otherOptions.stderr().contains("only port= can be given now, not stacks"),
                    otherOptions.stderr());

            Cli anyPort = Cli.run(jdk, "attach", pid, "port=0");
            assertEquals(0, anyPort.exitCode(), jvm.jdk + ": " + anyPort.stderr());
            String endpoint = endpointIn(anyPort);
            assertEquals(jvm.endpoint(), endpoint);
            assertTrue(Table.fetch(endpoint).rows().stream().anyMatch(Row::agent), endpoint);

            Cli again = Cli.run(jdk, "attach", pid, "port=0");
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(again.stdout().contains("already running") && endpointIn(again).equals(endpoint),
                    again.stdout());
        }
    }

    /** {@code connections} on such a JVM starts the endpoint on a free port itself, as it attaches with port=0. */
    @EachJdk
    void connectionsStartsAFailedEndpointOnAFreePort(Path jdk) throws Exception {
        try (AgentJvm jvm = startOnTakenPort(jdk)) {
            jvm.awaitReady();

            Cli connections = Cli.run(jdk, "connections", Long.toString(jvm.pid()), "--json");

            assertEquals(0, connections.exitCode(), jvm.jdk + ": " + connections.stderr());
            int port = RawHttp.port(jvm.endpoint());
            assertTrue(port != squatter.getLocalPort(), jvm.endpoint());
            assertTrue(Table.parse(connections.stdout()).rows().stream().anyMatch(row -> row.agent()
                    && row.local().port() == port && "LISTEN".equals(row.state())), connections.stdout());
        }
    }

    /** A JVM that forbids attaching is not told to attach: it is told what works. */
    @EachJdk
    void aJvmThatForbidsAttachingIsToldToRestart(Path jdk) throws Exception {
        try (AgentJvm jvm = startOnTakenPort(jdk, "-XX:+DisableAttachMechanism")) {
            jvm.awaitReady();
            String line = jvm.stderrLine("endpoint not started");
            assertTrue(line.endsWith("recording continues; this JVM forbids attaching (-XX:+DisableAttachMechanism), "
                    + "so another port needs a restart with port="), line);
        }
    }

    /** {@link SocketScenario} with the agent told to take the squatter's port, so that its endpoint fails to start. */
    private AgentJvm startOnTakenPort(Path jdk, String... jvmArgs) throws IOException {
        return AgentJvm.start(jdk, List.of(jvmArgs), null, "port=" + squatter.getLocalPort(),
                SocketScenario.class.getName());
    }

    private static String endpointIn(Cli cli) {
        Matcher url = URL.matcher(cli.stdout());
        assertTrue(url.find(), cli.stdout());
        return url.group(1);
    }
}
