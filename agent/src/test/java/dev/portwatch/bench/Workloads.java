package dev.portwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the workload mains share: results on stdout, used heap after GC, and the agent's endpoint if any. */
final class Workloads {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Workloads() {}

    /** One line the run script parses: {@code RESULT name value unit}. */
    static void result(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.3f %s", name, value, unit));
        System.out.flush();
    }

    static void info(String message) {
        System.out.println("INFO " + message);
        System.out.flush();
    }

    /** Heap in use after full collections: the smallest of five System.gc() rounds, so stragglers are gone. */
    static long usedHeapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** With {@code -Dbench.histogram=FILE}, writes this JVM's class histogram ({@code jcmd GC.class_histogram}). */
    static void writeHistogramIfAsked() throws IOException, InterruptedException {
        String histogram = System.getProperty("bench.histogram");
        if (histogram != null) {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectOutput(Path.of(histogram).toFile()).redirectErrorStream(true).start()
                    .waitFor();
        }
    }

    /** Something that accepts one connection, such as {@code ServerSocket::accept}. */
    @FunctionalInterface
    interface Acceptor<T> {
        T accept() throws IOException;
    }

    /** Accepts connections into {@code held} on a daemon thread named "accept", until accepting fails (closed). */
    static <T> void acceptInto(List<T> held, Acceptor<T> acceptor) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    held.add(acceptor.accept());
                }
            } catch (IOException closed) {
                // done
            }
        }, "accept");
        thread.setDaemon(true);
        thread.start();
    }

    /** A child JVM on this JVM's class path, without any agent, running {@code mainClass}. */
    static Process childJvm(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The endpoint URL of a portwatch agent in this JVM once it has started, or null without the agent. */
    static String portwatchEndpoint() throws InterruptedException {
        if (System.getProperty("portwatch.status") == null) {
            return null;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String url = System.getProperty("portwatch.endpoint");
            if (url != null) {
                return url;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("portwatch is recording but its endpoint did not start in 30 s");
    }

    static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        try (var in = connection.getInputStream()) {
            if (connection.getResponseCode() != 200) {
                throw new IOException(url + ": HTTP " + connection.getResponseCode());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    /** A metric's value in a Prometheus text scrape; NaN when absent. */
    static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
