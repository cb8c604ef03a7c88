package dev.portwatch.bench;

import com.sun.management.ThreadMXBean;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Bytes allocated per {@link NetChurn} TCP cycle, counted on each side: the connecting thread (this one) and the
 * accepting one ({@code acceptor}). Counted, not timed, so a loaded machine does not move it: run it with and without
 * the agent and the difference is what the agent allocates per connection on the application's threads.
 * Usage: {@code ChurnAllocation (socket|channel) warmupCycles measuredCycles [scraped]}; prints three rounds of
 * {@code RESULT <kind> connecting=<B> B accepting=<B> B}. With {@code scraped}, the agent's {@code /metrics} is
 * read once halfway through the warm-up, so its metrics exist and time the measured connects, the server's own
 * histogram too, as under a Prometheus that scrapes it.
 */
public final class ChurnAllocation {

    private static final int BATCH = 200;
    private static final int ROUNDS = 3;

    private ChurnAllocation() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long warmup = Long.parseLong(args[1]);
        long measured = Long.parseLong(args[2]);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (NetChurn.Loop loop = "socket".equals(kind) ? new NetChurn.SocketChurn() : new NetChurn.ChannelChurn()) {
            if (args.length > 3 && "scraped".equals(args[3])) {
                cycles(loop, warmup / 2);
                scrape();
                cycles(loop, warmup / 2);
                scrape(); // the server, known since the first scrape, gets its own histogram
            } else {
                cycles(loop, warmup);
            }
            long acceptor = acceptorId();
            for (int round = 0; round < ROUNDS; round++) {
                long connecting = threads.getCurrentThreadAllocatedBytes();
                long accepting = threads.getThreadAllocatedBytes(acceptor);
                cycles(loop, measured);
                System.out.printf("RESULT %s connecting=%.1f B accepting=%.1f B%n", kind,
                        (threads.getCurrentThreadAllocatedBytes() - connecting) / (double) measured,
                        (threads.getThreadAllocatedBytes(acceptor) - accepting) / (double) measured);
            }
        }
    }

    private static void cycles(NetChurn.Loop loop, long count) throws Exception {
        for (long done = 0; done < count; done += BATCH) {
            loop.run(BATCH);
        }
    }

    private static void scrape() throws Exception {
        String endpoint = null;
        for (int i = 0; i < 1_500 && endpoint == null; i++) {
            endpoint = System.getProperty("portwatch.endpoint");
            if (endpoint == null) {
                Thread.sleep(20);
            }
        }
        if (endpoint == null) {
            throw new IllegalStateException("no agent endpoint to scrape");
        }
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/metrics").toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
    }

    private static long acceptorId() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> "acceptor".equals(thread.getName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no acceptor thread")).getId();
    }
}
