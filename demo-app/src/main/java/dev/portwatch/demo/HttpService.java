package dev.portwatch.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's web front: an HTTP server on loopback with a fast endpoint and a slow one, as any small service has.
 * A request with the query {@code ?close} is answered with {@code Connection: close}, which is how the client side
 * gets short-lived connections: the JDK HttpClient refuses to set that header itself.
 */
final class HttpService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final Counters counters;

    private HttpService(HttpServer server, ExecutorService workers, Counters counters) {
        this.server = server;
        this.workers = workers;
        this.counters = counters;
    }

    /** Binds first, so a taken port fails here, before any other part of the demo has started. */
    static HttpService start(int port, Counters counters) throws IOException {
        HttpServer server = HttpServer.create(Loopback.at(port), 16);
        ExecutorService workers = Executors.newFixedThreadPool(4, new DaemonThreads("demo-http-worker"));
        HttpService service = new HttpService(server, workers, counters);
        server.createContext("/hello", exchange -> service.respond(exchange, "hello from the portwatch demo\n"));
        server.createContext("/slow", service::slow);
        server.setExecutor(workers);
        server.start();
        return service;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        // The server's dispatcher is not a daemon thread: without stop() the JVM would outlive --duration.
        server.stop(0);
        workers.shutdownNow();
    }

    private void slow(HttpExchange exchange) throws IOException {
        try {
            // Long enough to show up as time spent on a connection, short enough not to tie up the small pool.
            Thread.sleep(200 + ThreadLocalRandom.current().nextInt(400));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, "sorry for the wait\n");
    }

    private void respond(HttpExchange exchange, String body) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if ("close".equals(exchange.getRequestURI().getQuery())) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            counters.add("http.served");
        } finally {
            exchange.close();
        }
    }
}
