package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * In a program of JDK code alone, where no application frame is on any socket's stack, every row still says who
 * opened it, and which kind of name that is: a JDK frame outside java.base (the HTTP client's, the RMI runtime's,
 * the management agent's), else the thread. Before, every such row read "-".
 */
@Timeout(180)
class JdkCodeOpenersIT {

    private static final Set<String> JDK_ONLY_KINDS = Set.of("jdk", "thread");

    @EachJdk
    void everyRowOfJdkCodeNamesItsOpenerAndTheKind(Path jdk) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0", JdkCodeScenario.class.getName())) {
            jvm.awaitReady();
            int serverPort = server.getAddress().getPort();
            assertTrue(jvm.command("fetch http://127.0.0.1:" + serverPort + "/").endsWith("status=204"));
            startLocalJmxConnector(jdk, jvm.pid());
            Row jmxListener = awaitRow(jvm, row -> "listener".equals(row.role()) && row.application());
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), (int) jmxListener.local().port())) {
                Row accepted = awaitRow(jvm, row -> "inbound".equals(row.role()) && row.application());

                List<Row> rows = jvm.table().rows().stream().filter(row -> row.recorded() && row.application())
                        .toList();
                for (Row row : rows) {
                    assertTrue(row.openedBy() != null && JDK_ONLY_KINDS.contains(row.openedByKind()),
                            jvm.jdk + ": " + row);
                }
                Row outbound = rows.stream().filter(row -> row.remote() != null
                        && row.remote().port() == serverPort).findFirst().orElseThrow();
                assertEquals("jdk", outbound.openedByKind(), outbound.toString());
                assertTrue(outbound.openedBy().startsWith("java.net.http/"), outbound.toString());
                assertEquals("jdk", jmxListener.openedByKind(), jmxListener.toString());
                assertEquals("jdk", accepted.openedByKind(), accepted.toString());
                assertTrue(accepted.openedBy().startsWith("java.rmi/"), accepted.toString());

                Cli table = Cli.run(jdk, "connections", Long.toString(jvm.pid()));
                assertEquals(0, table.exitCode(), table.stderr());
                List<String> lines = table.stdout().lines().filter(line -> line.startsWith("tcp")).toList();
                assertTrue(lines.size() >= rows.size(), table.stdout());
                assertTrue(lines.stream().noneMatch(line -> line.endsWith(" -")), jvm.jdk + ": " + table.stdout());
            }
        } finally {
            server.stop(0);
        }
    }

    /** The JDK's local JMX connector, started by jcmd: its sockets are opened on the JVM's attach thread. */
    private static void startLocalJmxConnector(Path jdk, long pid) throws Exception {
        Process jcmd = new ProcessBuilder(jdk.resolve("bin/jcmd").toString(), Long.toString(pid),
                "ManagementAgent.start_local").redirectErrorStream(true).start();
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.exitValue(), output);
    }

    private static Row awaitRow(AgentJvm jvm, java.util.function.Predicate<Row> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Row row : jvm.table().rows()) {
                if (row.recorded() && wanted.test(row)) {
                    return row;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(jvm.jdk + ": no such row in " + jvm.table().rows());
    }
}
