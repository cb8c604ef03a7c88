package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's table against the kernel's: a JVM with the agent opens listeners (TCP v4 and v6, UDP) and inbound and
 * outbound connections through every public socket API at once; every socket {@code ss} shows for the process must
 * be in {@code /connections.json} with the same addresses and transport, and no open row may exist that the kernel
 * does not have. The agent's own endpoint sockets are set aside on both sides.
 */
@Timeout(120)
class KernelAgreementIT {

    @EachJdk
    void everyKernelSocketIsInTheTableAndNoOther(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            KernelAgreement agreement = KernelAgreement.afterOpening(jvm);
            List<String> agent = agreement.assertNow("all open");
            assertTrue(agent.size() >= 28, jvm.jdk + ": the scenario opens 28 sockets, ss saw " + agent);
            assertTrue(agent.stream().anyMatch(k -> k.startsWith("tcp ") && k.contains(":0:0:0:1")),
                    "an IPv6 TCP socket is in the table");
            assertTrue(agent.stream().anyMatch(k -> k.startsWith("udp ")), "a UDP socket is in the table");

            jvm.command("close");
            assertEquals(List.of(), agreement.openRows(), jvm.jdk + ": open rows left after closing all");
            assertEquals(List.of(), agreement.kernelSockets(), jvm.jdk + ": kernel sockets after close");
        }
    }

    @EachJdk
    void everyApiIsNamedWithItsOpener(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            jvm.command("open");
            List<Row> rows = jvm.table().rows();
            List<String> apis = rows.stream().filter(Row::application).map(Row::api).distinct().sorted().toList();
            assertEquals(List.of("AsynchronousServerSocketChannel", "AsynchronousSocketChannel", "DatagramChannel",
                    "DatagramSocket", "MulticastSocket", "ServerSocket", "ServerSocketChannel",
                    "ServerSocketChannel.socket()", "Socket", "SocketChannel", "SocketChannel.socket()"), apis,
                    jvm.jdk);
            // Sockets opened on the scenario's thread name the scenario's code; an asynchronous accept completed
            // on a channel-group thread has no application frame to name.
            long onMain = 0;
            for (Row row : rows) {
                if (row.application() && "main".equals(row.thread())) {
                    onMain++;
                    assertTrue(String.valueOf(row.openedBy()).startsWith(SocketScenario.class.getName()),
                            jvm.jdk + ": opener of " + row);
                }
            }
            assertTrue(onMain >= 25, jvm.jdk + ": rows opened on main: " + onMain);
        }
    }
}
