package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
            int endpointPort = endpointPort(jvm);
            jvm.command("open");
            List<String> agent = openRows(jvm, endpointPort);
            List<String> kernel = kernelSockets(jvm, endpointPort);
            assertEquals(sorted(kernel), sorted(agent), jvm.jdk + ": agent table (right) vs ss (left)");
            assertTrue(kernel.size() >= 28, jvm.jdk + ": the scenario opens 28 sockets, ss saw " + kernel);
            assertTrue(agent.stream().anyMatch(k -> k.startsWith("tcp ") && k.contains(":0:0:0:1")),
                    "an IPv6 TCP socket is in the table");
            assertTrue(agent.stream().anyMatch(k -> k.startsWith("udp ")), "a UDP socket is in the table");

            jvm.command("close");
            assertEquals(List.of(), openRows(jvm, endpointPort), jvm.jdk + ": open rows left after closing all");
            assertEquals(List.of(), kernelSockets(jvm, endpointPort), jvm.jdk + ": kernel sockets after close");
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

    static int endpointPort(AgentJvm jvm) throws InterruptedException {
        String endpoint = jvm.endpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /**
     * The keys of the table's open rows, without its own endpoint's. Rows the table adds from the kernel's view
     * (source=kernel) are sockets the agent missed: with -javaagent every socket is seen from its first bind, so
     * each is listed under a key that matches no kernel socket.
     */
    static List<String> openRows(AgentJvm jvm, int endpointPort) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Row row : jvm.table().rows()) {
            if ("kernel".equals(row.source())) {
                // Never equal to a kernel socket's key, so a comparison with ss fails (or a settling loop waits):
                // between accept(2) and the accept's exit advice a socket is the kernel's alone for a moment.
                keys.add("not recorded by the agent: " + row.key());
                continue;
            }
            if (!"CLOSED".equals(row.state()) && row.application()) {
                keys.add(row.key());
            }
            if (row.agent()) {
                assertEquals(endpointPort, row.local().port(), "only the endpoint's sockets are the agent's");
            }
        }
        return keys;
    }

    static List<String> kernelSockets(AgentJvm jvm, int endpointPort) throws Exception {
        List<String> sockets = new ArrayList<>(KernelSockets.of(jvm.pid()));
        sockets.removeIf(socket -> socket.split(" ")[1].endsWith(":" + endpointPort));
        assertFalse(sockets.stream().anyMatch(s -> s.contains("null")), "unparsed kernel socket: " + sockets);
        return sockets;
    }

    static List<String> sorted(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        Collections.sort(copy);
        return copy;
    }
}
