package dev.portwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Heap per open connection on the server's side: the mirror of {@link OpenConnections}. This JVM listens with a
 * {@code ServerSocket} and one accepting thread, as a server does; {@link Connector}, a child JVM without any agent,
 * opens {@code count} connections to it and holds them. Prints the heap used after GC before and after.
 * Usage: {@code AcceptedConnections count}.
 */
public final class AcceptedConnections {

    private static final int WARM = 100;

    private AcceptedConnections() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Workloads.portwatchEndpoint(); // the agent's endpoint started before the baseline
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 4096, Workloads.LOOPBACK)) {
            Workloads.acceptInto(accepted, server::accept);
            Process connector = Workloads.childJvm(Connector.class, Integer.toString(server.getLocalPort()));
            BufferedReader connected = new BufferedReader(new InputStreamReader(connector.getInputStream(),
                    StandardCharsets.UTF_8));
            Writer commands = new OutputStreamWriter(connector.getOutputStream(), StandardCharsets.UTF_8);
            try {
                connect(commands, connected, accepted, WARM);
                long before = Workloads.usedHeapAfterGc();
                connect(commands, connected, accepted, count);
                long after = Workloads.usedHeapAfterGc();
                Workloads.result("heap_before", before, "bytes");
                Workloads.result("heap_after", after, "bytes");
                Workloads.result("heap_per_connection", (double) (after - before) / count, "bytes");
                Workloads.writeHistogramIfAsked();
            } finally {
                commands.close();
                connector.waitFor();
            }
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** Asks the connector for {@code count} more connections and waits until this JVM has accepted them all. */
    private static void connect(Writer commands, BufferedReader connected, List<Socket> accepted, int count)
            throws IOException, InterruptedException {
        int expected = accepted.size() + count;
        commands.write(count + "\n");
        commands.flush();
        String answer = connected.readLine();
        if (answer == null || !answer.equals("OK " + count)) {
            throw new IllegalStateException("connector: " + answer);
        }
        while (accepted.size() < expected) {
            Thread.sleep(10);
        }
    }

    /** Opens as many connections as each line of its input asks for and holds them until its input closes. */
    public static final class Connector {

        private Connector() {}

        public static void main(String[] args) throws IOException {
            InetSocketAddress server = new InetSocketAddress(Workloads.LOOPBACK, Integer.parseInt(args[0]));
            List<Socket> held = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int count = Integer.parseInt(line.trim());
                for (int i = 0; i < count; i++) {
                    held.add(new Socket(server.getAddress(), server.getPort()));
                }
                System.out.println("OK " + count);
                System.out.flush();
            }
            for (Socket socket : held) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
    }
}
