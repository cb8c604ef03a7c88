package dev.portwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Heap per open connection, and the endpoint's cost at that many connections. Starts {@link Acceptor} in a child
 * JVM without any agent (so only this JVM's client sockets are in its table), opens {@code count} TCP connections
 * to it and keeps them open, and prints the heap used after GC before and after. With portwatch in this JVM it then
 * times {@code /metrics}, {@code /connections.json} and {@code /connections} at that many open connections.
 * With {@code -Dbench.histogram=FILE} it also writes the class histogram of its heap ({@code jcmd GC.class_histogram})
 * with the connections open, to show where the bytes go.
 * Usage: {@code OpenConnections count [endpointSamples]}.
 */
public final class OpenConnections {

    private static final int WARM = 100;

    private OpenConnections() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String endpoint = Workloads.portwatchEndpoint();
        Process acceptor = startAcceptor();
        try {
            BufferedReader acceptorOut = new BufferedReader(new InputStreamReader(acceptor.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = acceptorOut.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("acceptor did not start: " + ready);
            }
            InetSocketAddress address = new InetSocketAddress(Workloads.LOOPBACK,
                    Integer.parseInt(ready.substring(6).trim()));
            List<Socket> open = new ArrayList<>(WARM + count);
            open(open, address, WARM); // classes loaded, the table's map grown a little: part of both baselines
            if (endpoint != null) {
                Workloads.get(endpoint + "/metrics"); // the agent's scrape path loaded before the baseline
            }
            long before = Workloads.usedHeapAfterGc();
            open(open, address, count);
            long after = Workloads.usedHeapAfterGc();
            Workloads.result("heap_before", before, "bytes");
            Workloads.result("heap_after", after, "bytes");
            Workloads.result("heap_per_connection", (double) (after - before) / count, "bytes");
            Workloads.writeHistogramIfAsked();
            if (endpoint != null) {
                String scrape = Workloads.get(endpoint + "/metrics");
                Workloads.result("table_rows", Workloads.metric(scrape, "portwatch_table_rows"), "rows");
                Workloads.result("untracked", Workloads.metric(scrape, "portwatch_sockets_untracked_total"),
                        "sockets");
                time(endpoint + "/metrics", "metrics_ms", samples);
                time(endpoint + "/connections.json", "connections_json_ms", samples);
                time(endpoint + "/connections", "connections_text_ms", samples);
            }
            for (Socket socket : open) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        } finally {
            acceptor.getOutputStream().close();
            acceptor.waitFor();
        }
    }

    private static void open(List<Socket> open, InetSocketAddress address, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            open.add(new Socket(address.getAddress(), address.getPort()));
        }
    }

    /** The median and the worst of {@code samples} timed GETs, after three untimed ones. */
    private static void time(String url, String name, int samples) throws IOException {
        for (int i = 0; i < 3; i++) {
            Workloads.get(url);
        }
        double[] millis = new double[samples];
        int bytes = 0;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            bytes = Workloads.get(url).length();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        Workloads.result(name + "_median", millis[samples / 2], "ms");
        Workloads.result(name + "_max", millis[samples - 1], "ms");
        Workloads.result(name + "_bytes", bytes, "bytes");
    }

    private static Process startAcceptor() throws IOException {
        return Workloads.childJvm(Acceptor.class);
    }

    /** Accepts connections and holds them until its standard input closes. Runs without any agent. */
    public static final class Acceptor {

        private Acceptor() {}

        public static void main(String[] args) throws IOException {
            try (var server = java.nio.channels.ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(Workloads.LOOPBACK, 0), 4096);
                Workloads.acceptInto(new ArrayList<>(), server::accept);
                System.out.println("READY " + ((InetSocketAddress) server.getLocalAddress()).getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until stdin closes
                }
            }
            System.exit(0);
        }
    }
}
