package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Failed connects and binds are recorded as errors with their type, port and duration and leave no open row; a
 * socket garbage-collected without close is reported as leaked, in the state the kernel confirms.
 */
@Timeout(120)
class ErrorsAndLeaksIT {

    @EachJdk
    void failedConnectsAndBindsAreErrorsWithoutOpenRows(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            KernelAgreement agreement = KernelAgreement.afterOpening(jvm);
            List<String> openBefore = agreement.openRows();
            jvm.command("errors");
            List<ErrorRow> errors = jvm.table().errors();

            List<ErrorRow> connects = errors.stream().filter(e -> e.operation().equals("connect")).toList();
            assertEquals(List.of("AsynchronousSocketChannel", "Socket", "SocketChannel"),
                    connects.stream().map(ErrorRow::api).sorted().toList(), jvm.jdk + ": " + errors);
            long refusedPort = connects.get(0).port();
            for (ErrorRow error : connects) {
                assertEquals("tcp", error.transport());
                assertEquals("ConnectException", error.errorType(), jvm.jdk + ": " + error);
                assertEquals(refusedPort, error.port(), jvm.jdk + ": every connect went to one closed port");
                assertEquals("127.0.0.1", error.address());
                double seconds = error.durationSeconds();
                assertTrue(seconds > 0 && seconds < 5, jvm.jdk + ": duration of " + error);
                assertTrue(String.valueOf(error.openedBy()).startsWith(SocketScenario.class.getName()),
                        jvm.jdk + ": opener of " + error);
            }

            List<ErrorRow> binds = errors.stream().filter(e -> e.operation().equals("bind")).toList();
            assertEquals(List.of("DatagramSocket udp", "ServerSocket tcp", "ServerSocketChannel tcp"),
                    binds.stream().map(e -> e.api() + " " + e.transport()).sorted().toList(),
                    jvm.jdk + ": " + errors);
            for (ErrorRow error : binds) {
                assertEquals("BindException", error.errorType(), jvm.jdk + ": " + error);
                assertEquals("Address already in use", error.message());
                assertTrue(error.port() > 0, jvm.jdk + ": the taken port is named: " + error);
            }

            assertEquals(openBefore, agreement.openRows(), jvm.jdk + ": failed connects and binds left open rows");
            agreement.assertNow("after the errors");
        }
    }

    @EachJdk
    void leakedSocketsAreReportedInTheStateTheKernelConfirms(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            KernelAgreement agreement = KernelAgreement.of(jvm);
            jvm.command("leak");
            Table table = null;
            List<Row> leaked = List.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (leaked.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200); // the agent's housekeeping looks for collected sockets once a second
                table = jvm.table();
                leaked = table.rows(Row::leaked);
            }
            assertEquals(2, leaked.size(), jvm.jdk + ": leaked rows in " + table);
            assertEquals(2L, table.leakedSockets());
            Row socket = leaked.stream().filter(r -> r.api().equals("Socket")).findFirst().orElseThrow();
            Row channel = leaked.stream().filter(r -> r.api().equals("SocketChannel")).findFirst().orElseThrow();
            assertEquals("CLOSED", socket.state(), "the JDK's cleaner closes a leaked Socket");
            assertEquals("ESTABLISHED", channel.state(), "nothing closes a leaked SocketChannel");
            assertTrue(jvm.stderr().stream().anyMatch(line -> line.startsWith("portwatch: leaked tcp socket")
                    && line.contains(SocketScenario.class.getName())), jvm.jdk + ": leak log line in "
                    + jvm.stderr());

            // The kernel agrees: the leaked channel's descriptor is still open, the leaked Socket's is not.
            List<String> agent = agreement.await(Duration.ofNanos(deadline - System.nanoTime()), "after the leaks");
            assertTrue(agent.contains(channel.key()), "the leaked channel is still open: " + agent);
        }
    }
}
