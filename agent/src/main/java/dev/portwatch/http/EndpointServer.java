package dev.portwatch.http;

import dev.portwatch.metrics.PortwatchMetrics;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The agent's HTTP endpoint: {@link EndpointRoutes} answering through a {@link SelectorServer} of its own (not the
 * JDK's {@code HttpServer}, whose only timeouts are JVM-wide settings that would change the application's servers
 * too). Three daemon threads: the selector and two workers.
 */
public final class EndpointServer {

    static final int WORKERS = 2;

    private final SelectorServer server;
    private final InetSocketAddress address;

    private EndpointServer(SelectorServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** What the endpoint serves and to whom. */
    public record Settings(InetSocketAddress address, String configuredHost, String token, SSLContext tls) {}

    /**
     * What the endpoint serves: the table, with the ports' service names and the kernel's view joined in, and the
     * metrics, built on their first use (Micrometer is not loaded while no one asks for them).
     */
    public record Served(ConnectionTable table, PortInfo ports, KernelViews kernelViews,
                         Supplier<PortwatchMetrics> metrics) {}

    /** Binds and starts the endpoint; throws the bind's {@link IOException} when the address is taken. */
    public static EndpointServer start(Settings settings, Served served) throws IOException {
        TokenCheck tokenCheck = TokenCheck.of(settings.token());
        HostCheck hostCheck = HostCheck.of(settings.configuredHost(), settings.address().getAddress(),
                tokenCheck.required());
        EndpointRoutes routes = new EndpointRoutes(served, hostCheck, tokenCheck);
        SelectorServer server = SelectorServer.bind(settings.address(), settings.tls(), routes::respond, workers());
        InetSocketAddress bound = server.address();
        daemon(server, "portwatch-http").start();
        return new EndpointServer(server, bound);
    }

    public InetSocketAddress address() {
        return address;
    }

    public void stop() {
        server.stop();
    }

    /** Never more queued answers than connections: each connection waits for one answer at a time. */
    private static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ServerLimits.MAX_CONNECTIONS),
                runnable -> daemon(runnable, "portwatch-http-worker-" + count.incrementAndGet()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
