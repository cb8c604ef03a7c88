package dev.portwatch.it;

import static dev.portwatch.it.NettyRuns.netty;
import static dev.portwatch.it.NettyRuns.only;
import static dev.portwatch.it.NettyRuns.port;
import static dev.portwatch.it.NettyRuns.withKernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Netty's sockets at the edges, on each JDK: collected unclosed, loaded before a late attach, and in a version
 * portwatch does not know.
 */
@Timeout(180)
class NettyEdgesIT {

    /** Nothing closes a Netty socket collected unclosed: a leak, still listening in the kernel. */
    @EachJdk
    void aCollectedNettySocketIsALeakTheKernelStillHas(Path jdk) throws Exception {
        withKernel(netty(jdk), (jvm, agreement) -> {
            int port = port(jvm.command("leak", 60), "leaked");
            Table table = jvm.table();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (table.rows(Row::leaked).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200); // the agent's housekeeping looks for collected sockets once a second
                table = jvm.table();
            }
            List<Row> leakedRows = table.rows(Row::leaked);
            assertEquals(1, leakedRows.size(), jvm.jdk + ": " + table);
            Row leaked = leakedRows.get(0);
            assertEquals(port, leaked.local().port(), leaked.toString());
            assertEquals("LISTEN", leaked.state(), leaked.toString());
            assertEquals("Netty epoll", leaked.api(), leaked.toString());
            assertEquals(1L, table.leakedSockets(), table.toString());
            assertTrue(agreement.await(Duration.ofSeconds(15), "after the leak").contains(leaked.key()),
                    "the kernel still has it: " + leaked);
        });
    }

    /**
     * Attached after Netty's classes are loaded and its sockets open: those show from the kernel's view, and the
     * classes are retransformed, so the sockets opened afterwards are rows with their bytes.
     */
    @EachJdk
    void nettyLoadedBeforeAnAttachIsWovenByIt(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.startWithClasspath(jdk, null, Jdks.testClassesWithLibraries(),
                NettyScenario.class.getName())) {
            jvm.awaitReady();
            int before = port(jvm.command("epoll", 60), "listener");
            Cli attach = Cli.run(jdk, "attach", Long.toString(jvm.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            Matcher url = Pattern.compile("(http://\\S+)/connections").matcher(attach.stdout());
            assertTrue(url.find(), attach.stdout());

            String answer = jvm.command("epoll", 60);
            int listenerPort = port(answer, "listener");
            int clientPort = port(answer, "client");
            List<Row> rows = Table.fetch(url.group(1)).applicationRows();
            String context = jvm.jdk + ": " + rows;
            assertTrue(rows.stream().filter(r -> r.local().port() == before).noneMatch(Row::recorded),
                    "opened before the attach: the kernel's alone: " + context);
            Row outbound = only(rows, r -> r.recorded() && r.local().port() == clientPort, context);
            assertEquals("Netty epoll", outbound.api(), context);
            assertEquals(listenerPort, outbound.remote().port(), context);
            assertEquals(NettyTcpExchange.SENT, outbound.bytesOut(), context);
            assertEquals(NettyTcpExchange.ANSWERED, outbound.bytesIn(), context);
            Row inbound = only(rows, r -> r.recorded() && "inbound".equals(r.role())
                    && r.remote().port() == clientPort, context);
            assertEquals(NettyTcpExchange.SENT, inbound.bytesIn(), context);
            only(rows, r -> r.recorded() && "listener".equals(r.role()) && r.local().port() == listenerPort,
                    context);
        }
    }

    /**
     * A class named like Netty's socket class (relocated) whose shape no Netty release has: one warning line naming
     * what it lacks, and the class does what it did.
     */
    @EachJdk
    void anUnknownNettyVersionIsOneWarningLine(Path jdk) throws Exception {
        try (AgentJvm jvm = netty(jdk)) {
            String answer = jvm.command("unknown-version");
            assertTrue(answer.endsWith("Socket{fd=7, bound=0.0.0.0/0.0.0.0:0}"), answer);
            jvm.command("exit");
            int exitCode = jvm.waitFor();
            List<String> warnings = jvm.stderr().stream().filter(line -> line.contains("does not know")).toList();
            assertEquals(1, warnings.size(), jvm.jdk + ": " + jvm.stderr());
            assertTrue(warnings.get(0).startsWith("portwatch: dev.portwatch.it.unknownnetty.io.netty.channel.unix"
                    + ".Socket is of a version portwatch does not know (it lacks listen(int), "), warnings.get(0));
            assertEquals(0, exitCode, jvm.jdk + ": " + jvm.stderr());
        }
    }
}
