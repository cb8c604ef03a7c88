package dev.portwatch.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Floods the agent with volume. Its commands ({@link Scenario}'s protocol):
 * <ul>
 *   <li>{@code heap}: the heap in use after several full collections ({@code used=<bytes>});</li>
 *   <li>{@code churn <connections> <threads>}: that many TCP connections on loopback, each connected, accepted
 *       and closed at once (SO_LINGER 0 on both ends, so no TIME_WAIT piles up); each thread has its own
 *       listener and plays both ends, so the churn costs no thread hand-offs ({@code millis=<time taken>});</li>
 *   <li>{@code ports <n>}: n listeners, each with one connection to it, all kept open: n distinct remote ports;</li>
 *   <li>{@code binderrors <n>}: a failed bind to each of the first n of those listeners' ports;</li>
 *   <li>{@code exit}.</li>
 * </ul>
 */
public final class FloodScenario extends Scenario {

    private final List<Closeable> kept = new ArrayList<>();
    private final List<Integer> listeningPorts = new ArrayList<>();

    private FloodScenario() {
        on("heap", args -> "used=" + usedHeapAfterGc());
        on("churn", args -> "millis=" + churn(Long.parseLong(args[0]), Integer.parseInt(args[1])));
        on("ports", args -> "listeners=" + ports(Integer.parseInt(args[0])));
        on("binderrors", args -> "failed=" + bindErrors(Integer.parseInt(args[0])));
    }

    public static void main(String[] args) throws Exception {
        new FloodScenario().serve();
    }

    /** Used heap after the collector has had several full chances to free what is unreachable. */
    static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    long churn(long connections, int threads) throws Exception {
        long start = System.nanoTime();
        AtomicLong remaining = new AtomicLong(connections);
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (ServerSocketChannel server = ServerSocketChannel.open()) {
                    server.bind(new InetSocketAddress(V4, 0), 64);
                    InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
                    while (remaining.getAndDecrement() > 0) {
                        try (SocketChannel client = SocketChannel.open()) {
                            client.setOption(StandardSocketOptions.SO_LINGER, 0);
                            client.connect(address);
                            try (SocketChannel accepted = server.accept()) {
                                accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "churn-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IOException("churn failed: " + failures);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    int ports(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ServerSocket server = keep(new ServerSocket(0, 4, V4));
            listeningPorts.add(server.getLocalPort());
            keep(new Socket(V4, server.getLocalPort())); // established by the kernel; accepting is not needed
        }
        return listeningPorts.size();
    }

    int bindErrors(int count) throws IOException {
        int failed = 0;
        for (int port : listeningPorts.subList(0, Math.min(count, listeningPorts.size()))) {
            try (ServerSocket taken = new ServerSocket(port, 1, V4)) {
                throw new IOException("bound a taken port " + taken.getLocalPort());
            } catch (BindException expected) {
                failed++;
            }
        }
        return failed;
    }

    private <T extends Closeable> T keep(T socket) {
        kept.add(socket);
        return socket;
    }
}
