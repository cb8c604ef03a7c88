package dev.portwatch.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The running demo: its servers, the client traffic and the mischief, started together and stopped together,
 * in the reverse order of starting so clients stop before the servers they talk to.
 */
final class Demo implements AutoCloseable {

    private final Counters counters = new Counters();
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private HttpService http;
    private EchoService echo;
    private UdpService udp;
    private Mischief mischief;

    private Demo() {}

    /** Starts everything; if a part cannot start, the parts already started are stopped again. */
    static Demo start(int httpPort) throws IOException {
        Demo demo = new Demo();
        try {
            demo.http = demo.keep(HttpService.start(httpPort, demo.counters));
            demo.echo = demo.keep(EchoService.start(demo.counters));
            demo.udp = demo.keep(UdpService.start(demo.counters));
            demo.keep(Traffic.start(demo.http.port(), demo.echo.port(), demo.udp.port(), demo.counters));
            demo.mischief = demo.keep(Mischief.start(demo.http.port(), demo.echo.port(), demo.counters));
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    int httpPort() {
        return http.port();
    }

    int echoPort() {
        return echo.port();
    }

    int udpPort() {
        return udp.port();
    }

    int stuckPort() {
        return mischief.stuckPort();
    }

    Counters counters() {
        return counters;
    }

    /** Waits until {@link #close()} (true) or until the timeout passes (false); a null timeout waits forever. */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            closed.await();
            return true;
        }
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                counters.add("shutdown.failed." + e.getClass().getSimpleName());
            }
        }
        closed.countDown();
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.push(part);
        return part;
    }
}
