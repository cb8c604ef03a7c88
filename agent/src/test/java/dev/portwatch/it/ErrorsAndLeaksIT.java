package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Failed connects and binds are recorded as errors with their type, port and duration and leave no open row; a
 * socket garbage-collected without close is reported as leaked, in the state the kernel confirms.
 */
@Timeout(120)
class ErrorsAndLeaksIT {

    @EachJdk
    @SuppressWarnings("unchecked")
    void failedConnectsAndBindsAreErrorsWithoutOpenRows(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int endpointPort = KernelAgreementIT.endpointPort(jvm);
            jvm.command("open");
            List<String> openBefore = KernelAgreementIT.openRows(jvm, endpointPort);
            jvm.command("errors");
            Map<String, Object> table = jvm.table();
            List<Map<String, Object>> errors = (List<Map<String, Object>>) table.get("errors");

            List<Map<String, Object>> connects = errors.stream()
                    .filter(e -> e.get("operation").equals("connect")).toList();
            assertEquals(List.of("AsynchronousSocketChannel", "Socket", "SocketChannel"),
                    connects.stream().map(e -> (String) e.get("api")).sorted().toList(), jvm.jdk + ": " + errors);
            long refusedPort = (Long) connects.get(0).get("port");
            for (Map<String, Object> error : connects) {
                assertEquals("tcp", error.get("transport"));
                assertEquals("ConnectException", error.get("errorType"), jvm.jdk + ": " + error);
                assertEquals(refusedPort, error.get("port"), jvm.jdk + ": every connect went to one closed port");
                assertEquals("127.0.0.1", error.get("address"));
                double seconds = ((Number) error.get("durationSeconds")).doubleValue();
                assertTrue(seconds > 0 && seconds < 5, jvm.jdk + ": duration of " + error);
                assertTrue(String.valueOf(error.get("openedBy")).startsWith(SocketScenario.class.getName()),
                        jvm.jdk + ": opener of " + error);
            }

            List<Map<String, Object>> binds = errors.stream()
                    .filter(e -> e.get("operation").equals("bind")).toList();
            assertEquals(List.of("DatagramSocket udp", "ServerSocket tcp", "ServerSocketChannel tcp"),
                    binds.stream().map(e -> e.get("api") + " " + e.get("transport")).sorted().toList(),
                    jvm.jdk + ": " + errors);
            for (Map<String, Object> error : binds) {
                assertEquals("BindException", error.get("errorType"), jvm.jdk + ": " + error);
                assertEquals("Address already in use", error.get("message"));
                assertTrue((Long) error.get("port") > 0, jvm.jdk + ": the taken port is named: " + error);
            }

            assertEquals(KernelAgreementIT.sorted(openBefore),
                    KernelAgreementIT.sorted(KernelAgreementIT.openRows(jvm, endpointPort)),
                    jvm.jdk + ": failed connects and binds left open rows");
            assertEquals(KernelAgreementIT.sorted(KernelAgreementIT.kernelSockets(jvm, endpointPort)),
                    KernelAgreementIT.sorted(KernelAgreementIT.openRows(jvm, endpointPort)),
                    jvm.jdk + ": table vs kernel after the errors");
        }
    }

    @EachJdk
    @SuppressWarnings("unchecked")
    void leakedSocketsAreReportedInTheStateTheKernelConfirms(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int endpointPort = KernelAgreementIT.endpointPort(jvm);
            jvm.command("leak");
            Map<String, Object> table = null;
            List<Map<String, Object>> leaked = List.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (leaked.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200); // the agent's housekeeping looks for collected sockets once a second
                table = jvm.table();
                leaked = ((List<Map<String, Object>>) table.get("connections")).stream()
                        .filter(row -> (Boolean) row.get("leaked")).toList();
            }
            assertEquals(2, leaked.size(), jvm.jdk + ": leaked rows in " + table);
            assertEquals(2L, table.get("leakedSockets"));
            Map<String, Object> socket = leaked.stream().filter(r -> r.get("api").equals("Socket")).findFirst()
                    .orElseThrow();
            Map<String, Object> channel = leaked.stream().filter(r -> r.get("api").equals("SocketChannel"))
                    .findFirst().orElseThrow();
            assertEquals("CLOSED", socket.get("state"), "the JDK's cleaner closes a leaked Socket");
            assertEquals("ESTABLISHED", channel.get("state"), "nothing closes a leaked SocketChannel");
            assertTrue(jvm.stderr().stream().anyMatch(line -> line.startsWith("portwatch: leaked tcp socket")
                    && line.contains(SocketScenario.class.getName())), jvm.jdk + ": leak log line in "
                    + jvm.stderr());

            // The kernel agrees: the leaked channel's descriptor is still open, the leaked Socket's is not.
            List<String> kernel = List.of();
            List<String> agent = List.of();
            while (System.nanoTime() < deadline) {
                kernel = KernelAgreementIT.sorted(KernelAgreementIT.kernelSockets(jvm, endpointPort));
                agent = KernelAgreementIT.sorted(KernelAgreementIT.openRows(jvm, endpointPort));
                if (kernel.equals(agent)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(kernel, agent, jvm.jdk + ": table vs kernel after the leaks");
            assertTrue(agent.contains(KernelSockets.key(channel)), "the leaked channel is still open: " + agent);
        }
    }
}
