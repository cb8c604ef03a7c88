package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Slow and hostile clients cannot stop the endpoint. 50 connections holding half a request (some of them
 * trickling a byte at a time) and then 1,000 idle connections: {@code /metrics} still answers within 1 s every
 * time, the slow connections are closed within 10 s of their first byte, the process never holds more than a few
 * dozen extra descriptors, and once the clients are gone it holds as many as before.
 */
@Timeout(240)
class SlowClientsIT {

    private static final int SLOW = 50;
    private static final int IDLE = 1000;
    private static final long BOUND_MILLIS = 10_000;
    /** The endpoint's connection cap (32), and a margin for the JVM's own descriptors that come and go. */
    private static final int MAX_EXTRA_DESCRIPTORS = 32 + 16;

    @EachJdk
    void slowAndIdleClientsNeitherStopTheEndpointNorPileUpDescriptors(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int port = RawHttp.port(jvm.endpoint());
            // The first scrape builds the metrics (Micrometer loads then, not while the JVM starts; 1-2 s here).
            assertEquals(200, RawHttp.get(port, "/metrics").status(), jvm.jdk + ": first scrape");
            assertScrapedWithinOneSecond(jvm, port); // loads what a scrape needs before anything is measured
            long before = descriptors(jvm.pid());
            List<Socket> clients = new ArrayList<>();
            try {
                List<Long> started = new ArrayList<>();
                for (int i = 0; i < SLOW; i++) {
                    Socket slow = connect(port);
                    slow.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    started.add(System.nanoTime());
                    clients.add(slow);
                }
                Thread trickle = trickle(clients.subList(0, SLOW / 2));
                assertScrapedWithinOneSecond(jvm, port);
                long longest = 0;
                for (int i = 0; i < SLOW; i++) {
                    long closedAfter = millisUntilClosed(clients.get(i), started.get(i));
                    longest = Math.max(longest, closedAfter);
                }
                trickle.join(BOUND_MILLIS);
                System.out.println(jvm.jdk + ": the last slow connection was closed after " + longest + " ms");
                assertTrue(longest <= BOUND_MILLIS, jvm.jdk + ": a slow connection stayed " + longest + " ms");

                long peak = 0;
                for (int i = 0; i < IDLE; i++) {
                    clients.add(connect(port));
                    if (i % 100 == 99) {
                        peak = Math.max(peak, descriptors(jvm.pid()));
                        assertScrapedWithinOneSecond(jvm, port);
                    }
                }
                System.out.println(jvm.jdk + ": descriptors before " + before + ", at most " + peak + " during "
                        + IDLE + " idle connections");
                assertTrue(peak - before <= MAX_EXTRA_DESCRIPTORS, jvm.jdk + ": " + before + " -> " + peak);
            } finally {
                for (Socket client : clients) {
                    closeWithoutTimeWait(client);
                }
            }
            long after = Long.MAX_VALUE;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && after > before) {
                Thread.sleep(250);
                after = descriptors(jvm.pid());
            }
            System.out.println(jvm.jdk + ": descriptors before " + before + ", after the clients left " + after);
            assertTrue(after <= before, jvm.jdk + ": " + after + " descriptors, " + before + " before");
            assertEquals(200, RawHttp.get(port, "/-/healthy").status());
        }
    }

    /** A reset instead of a FIN: a thousand TIME_WAIT entries would slow every later test's kernel view. */
    private static void closeWithoutTimeWait(Socket client) throws IOException {
        try {
            client.setSoLinger(true, 0);
        } catch (IOException closedByTheEndpoint) {
            // nothing left to linger
        }
        client.close();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return socket;
    }

    private static void assertScrapedWithinOneSecond(AgentJvm jvm, int port) throws IOException {
        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.get(port, "/metrics");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, response.status(), jvm.jdk + ": " + response);
        assertTrue(response.body().contains("portwatch_connections_active"), jvm.jdk + ": " + response);
        assertTrue(millis < 1000, jvm.jdk + ": /metrics took " + millis + " ms");
    }

    /** Sends one more byte of a header on each connection every 200 ms, until the endpoint closes them. */
    private static Thread trickle(List<Socket> sockets) {
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            while (System.nanoTime() < deadline) {
                for (Socket socket : sockets) {
                    try {
                        socket.getOutputStream().write('X');
                    } catch (IOException closedByTheEndpoint) {
                        // what should happen
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "trickle");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** How long after {@code startNanos} the endpoint closed the connection (reading what it sends until then). */
    private static long millisUntilClosed(Socket socket, long startNanos) throws IOException {
        socket.setSoTimeout((int) BOUND_MILLIS * 2);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // a 408 may come before the end
            }
        } catch (SocketTimeoutException stillOpen) {
            return Long.MAX_VALUE;
        } catch (IOException reset) {
            // closed, with a reset: also closed
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static long descriptors(long pid) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.count();
        }
    }
}
