package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's table against the kernel's for one JVM: the open rows of the application's sockets in
 * {@code /connections.json} and the sockets {@code ss} shows for the process, each as a sorted list of keys such as
 * {@code tcp 127.0.0.1:41960 127.0.0.1:36409} ({@link Row#key()}, {@link KernelSockets}). The agent's own endpoint
 * is set aside on both sides. {@link #assertNow} compares once; {@link #await} waits for the two to agree, for
 * moments when they may differ briefly (an accept loop still draining its backlog, a collection not yet seen).
 */
record KernelAgreement(AgentJvm jvm, int endpointPort) {

    private static final long POLL_MILLIS = 200;

    /** Waits for the JVM's endpoint to be announced (its port is what is set aside). */
    static KernelAgreement of(AgentJvm jvm) throws InterruptedException {
        return new KernelAgreement(jvm, jvm.endpointPort());
    }

    /**
     * {@link #of}, then {@link SocketScenario}'s {@code open}: the endpoint's port is known before the scenario opens
     * its sockets of every API.
     */
    static KernelAgreement afterOpening(AgentJvm jvm) throws IOException, InterruptedException {
        KernelAgreement agreement = of(jvm);
        jvm.command("open");
        return agreement;
    }

    /**
     * The keys of the table's open rows of application sockets, sorted. Rows the table adds from the kernel's view
     * (source=kernel) are sockets the agent missed: with -javaagent every socket is seen from its first bind, so
     * each is listed under a key that matches no kernel socket. Fails if a row of the agent's own is not one of
     * its endpoint's.
     */
    List<String> openRows() throws Exception {
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
        return sorted(keys);
    }

    /** The process's sockets as {@code ss} shows them, but the endpoint's, sorted. */
    List<String> kernelSockets() throws Exception {
        List<String> sockets = new ArrayList<>(KernelSockets.of(jvm.pid()));
        sockets.removeIf(socket -> socket.split(" ")[1].endsWith(":" + endpointPort));
        assertFalse(sockets.stream().anyMatch(s -> s.contains("null")), "unparsed kernel socket: " + sockets);
        return sorted(sockets);
    }

    /** Fails unless the table's open rows are the kernel's sockets now; returns them. */
    List<String> assertNow(String what) throws Exception {
        List<String> kernel = kernelSockets();
        List<String> agent = openRows();
        assertEquals(kernel, agent, jvm.jdk + ": " + what + ": table (right) vs ss (left)");
        return agent;
    }

    /** Waits up to {@code timeout} for the table's open rows to be the kernel's sockets; fails if they never are. */
    List<String> await(Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> kernel = kernelSockets();
        List<String> agent = openRows();
        while (!kernel.equals(agent) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            kernel = kernelSockets();
            agent = openRows();
        }
        assertEquals(kernel, agent, jvm.jdk + ": " + what + ": table (right) vs ss (left)");
        return agent;
    }

    private static List<String> sorted(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        copy.sort(null);
        return copy;
    }
}
