package dev.portwatch.http;

import dev.portwatch.metrics.PortwatchMetrics;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The agent's HTTP endpoint: {@link EndpointRoutes} answering through a {@link SelectorServer} of its own (not the
 * JDK's {@code HttpServer}, whose only timeouts are JVM-wide settings that would change the application's servers
 * too). Three daemon threads: the selector and two workers.
 *
 * <p>It closes when the JVM begins to exit (a shutdown hook, so a SIGTERM too): HotSpot's exit waits up to 300 ms
 * for every application thread that is inside a native call, and the selector thread spends its life in one
 * ({@code epoll_wait}). Woken and stopped, it closes its connections and listener and ends, and the JVM exits at once.
 */
public final class EndpointServer {

    static final int WORKERS = 2;
    /** How long the exit waits for the selector thread to end: it takes well under a millisecond once woken. */
    private static final long EXIT_WAIT_MILLIS = 100;

    private final SelectorServer server;
    private final Thread selectorThread;
    private final InetSocketAddress address;

    private EndpointServer(SelectorServer server, Thread selectorThread, InetSocketAddress address) {
        this.server = server;
        this.selectorThread = selectorThread;
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
        SelectorServer server = SelectorServer.bind(settings.address(), settings.tls(), routes, workers());
        InetSocketAddress bound = server.address();
        Thread selectorThread = daemon(server, "portwatch-http");
        selectorThread.start();
        EndpointServer endpoint = new EndpointServer(server, selectorThread, bound);
        endpoint.closeAtExit();
        return endpoint;
    }

    public InetSocketAddress address() {
        return address;
    }

    public void stop() {
        server.stop();
    }

    /**
     * Stops the endpoint when the JVM begins to exit, or at once if it is exiting already (a short program may end
     * before the agent's start-up thread got here).
     */
    private void closeAtExit() {
        try {
            Runtime.getRuntime().addShutdownHook(new ExitHook(this));
        } catch (IllegalStateException | SecurityException exiting) {
            stop();
        }
    }

    /** The shutdown hook: a class rather than a lambda, so nothing is spun while the JVM exits. */
    private static final class ExitHook extends Thread {

        private final EndpointServer endpoint;

        ExitHook(EndpointServer endpoint) {
            super("portwatch-http-exit");
            this.endpoint = endpoint;
        }

        @Override
        public void run() {
            try {
                endpoint.stop();
                // Bounded: the exit goes on regardless, as it would without the hook (after HotSpot's 300 ms).
                endpoint.selectorThread.join(EXIT_WAIT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error unexpected) {
                // never into the application's exit: the JVM ends anyway
            }
        }
    }

    /** Never more queued answers than connections: each connection waits for one answer at a time. */
    private static ExecutorService workers() {
        return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ServerLimits.MAX_CONNECTIONS), new WorkerThreads());
    }

    /** The workers' threads, numbered: a class, not a lambda, so that the endpoint's start spins no lambda class. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            return daemon(runnable, "portwatch-http-worker-" + count.incrementAndGet());
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
