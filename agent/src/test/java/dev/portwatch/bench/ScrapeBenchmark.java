package dev.portwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long the agent's endpoint takes to answer with a large table: run in a JVM with the agent
 * ({@code -javaagent:portwatch-agent.jar=port=0}), it opens {@code pairs} loopback TCP connections (default 5,000:
 * 5,000 client sockets and the 5,000 the listener accepted, so 10,000 open rows), then times, through
 * {@link HttpClient} from this same JVM, 30 requests of each kind after {@value #WARMUPS} warm-ups, and
 * prints median, p90, min and max in milliseconds, the median CPU time of the whole JVM per request (the
 * endpoint's work, the client's and the JVM's own threads': what a loaded machine's waits for a core leave out), and
 * that of the agent's own threads alone ({@code agent}: the endpoint's cost, GC excluded). It only measures and
 * prints; it asserts nothing.
 *
 * <pre>java -Xmx1g -javaagent:agent/target/portwatch-agent.jar=port=0 -cp agent/target/test-classes \
 *     dev.portwatch.bench.ScrapeBenchmark [pairs]</pre>
 */
public final class ScrapeBenchmark {

    static final int WARMUPS = 5;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Timed requests of each kind; {@code -Dbench.runs=300} gives a profiler more samples. */
    static final int RUNS = Integer.getInteger("bench.runs", 30);

    private ScrapeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        long fdLimit = openFileLimit();
        if (fdLimit > 0 && fdLimit < 2L * pairs + 200) {
            System.err.println("open-file limit " + fdLimit + " is too low for " + pairs + " connections (both ends: "
                    + 2 * pairs + " descriptors); raise ulimit -n or pass fewer pairs");
            System.exit(2);
        }
        String endpoint = awaitEndpoint();

        List<Socket> sockets = new ArrayList<>(2 * pairs);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        long openStart = System.nanoTime();
        try (ServerSocket listener = new ServerSocket(0, 1000, loopback)) {
            InetSocketAddress address = new InetSocketAddress(loopback, listener.getLocalPort());
            for (int i = 0; i < pairs; i++) {
                Socket client = new Socket();
                client.connect(address, 5000);
                sockets.add(client);
                sockets.add(listener.accept());
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String rows = metricValue(get(http, endpoint + "/metrics").body(), "portwatch_table_rows");
            System.out.printf(Locale.ROOT, "java %s (%s), %d cores, open-file limit %d%n",
                    System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    Runtime.getRuntime().availableProcessors(), fdLimit);
            System.out.printf(Locale.ROOT, "%d connections opened in %.1f s: %d open sockets, table rows %s%n",
                    pairs, openSeconds, sockets.size() + 1, rows);
            System.out.printf(Locale.ROOT, "%d warm-ups, then %d timed requests each (ms)%n", WARMUPS, RUNS);
            System.out.printf(Locale.ROOT, "%-44s %9s %8s %8s %8s %8s %8s %8s%n", "request", "bytes", "median", "p90",
                    "min", "max", "cpu", "agent");
            measure(http, "GET /metrics", endpoint + "/metrics");
            measure(http, "GET /metrics (OpenMetrics, gzip: as Prometheus)", endpoint + "/metrics",
                    "Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5",
                    "Accept-Encoding", "gzip");
            measure(http, "GET /connections.json", endpoint + "/connections.json");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void measure(HttpClient http, String label, String url, String... headers)
            throws IOException, InterruptedException {
        long bytes = 0;
        for (int i = 0; i < WARMUPS; i++) {
            bytes = get(http, url, headers).body().length();
        }
        double[] millis = new double[RUNS];
        double[] cpuMillis = new double[RUNS];
        double[] agentMillis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long[] agentThreads = agentThreadIds();
            long agentStart = cpuTime(agentThreads);
            long cpuStart = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            HttpResponse<String> response = get(http, url, headers);
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpuMillis[i] = (PROCESS.getProcessCpuTime() - cpuStart) / 1e6;
            agentMillis[i] = (cpuTime(agentThreads) - agentStart) / 1e6;
            if (response.statusCode() != 200) {
                throw new IOException(label + ": HTTP " + response.statusCode());
            }
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        Arrays.sort(agentMillis);
        System.out.printf(Locale.ROOT, "%-44s %9d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f%n", label, bytes,
                percentile(millis, 50), percentile(millis, 90), millis[0], millis[RUNS - 1],
                percentile(cpuMillis, 50), percentile(agentMillis, 50));
    }

    /**
     * The agent's own threads ({@code portwatch-...}: the endpoint's selector and workers, housekeeping), whose CPU
     * time per request is the endpoint's cost alone, at nanosecond resolution, without this client's.
     */
    private static long[] agentThreadIds() {
        return Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds())).filter(info -> info != null
                && info.getThreadName().startsWith("portwatch")).mapToLong(ThreadInfo::getThreadId).toArray();
    }

    private static long cpuTime(long[] threadIds) {
        long sum = 0;
        for (long id : threadIds) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static HttpResponse<String> get(HttpClient http, String url, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        // Bytes as they came over the wire (compressed when asked for), counted as ISO-8859-1 characters.
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets
                .ISO_8859_1));
    }

    private static String metricValue(String exposition, String name) {
        return exposition.lines().filter(line -> line.startsWith(name + " ")).map(line -> line.split(" ")[1])
                .findFirst().orElse("?");
    }

    /** The agent publishes its endpoint as a system property once it listens. */
    private static String awaitEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String endpoint = System.getProperty("portwatch.endpoint");
            if (endpoint != null) {
                return endpoint;
            }
            Thread.sleep(50);
        }
        System.err.println("no portwatch endpoint after 60 s: run with -javaagent:portwatch-agent.jar=port=0");
        System.exit(2);
        return null;
    }

    private static long openFileLimit() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return -1;
        }
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
