package dev.portwatch.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP endpoint (the JDK's own server, no dependencies): {@code /} (the table as a live HTML page),
 * {@code /connections}, {@code /connections.json} and {@code /-/healthy}. GET and HEAD only; errors are one line
 * of text, never a stack trace. One daemon thread serves requests, so a slow client can never take more than that
 * from the host.
 */
public final class EndpointServer {

    private final HttpServer server;
    private final ExecutorService executor;

    private EndpointServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts the endpoint; throws the bind's {@link IOException} when the address is taken. */
    public static EndpointServer start(InetSocketAddress address, ConnectionTable table, PortInfo ports)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
                runnable -> {
                    Thread thread = new Thread(runnable, "portwatch-http");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, table, ports));
        server.start();
        return new EndpointServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, ConnectionTable table, PortInfo ports) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "method not allowed: only GET and HEAD\n");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            try {
                switch (path) {
                    case "/" -> page(exchange, table, ports);
                    case "/connections" -> send(exchange, 200, "text/plain",
                            ConnectionsText.render(report(exchange, table, ports)));
                    case "/connections.json" -> send(exchange, 200, "application/json",
                            ConnectionsJson.render(report(exchange, table, ports)));
                    case "/-/healthy" -> send(exchange, 200, "text/plain", "ok\n");
                    default -> send(exchange, 404, "text/plain",
                            "not found; try /, /connections, /connections.json or /-/healthy\n");
                }
            } catch (BadRequestException bad) {
                send(exchange, 400, "text/plain", bad.getMessage() + "\n");
            } catch (RuntimeException bug) {
                send(exchange, 500, "text/plain", "internal error in portwatch: " + bug.getClass().getName()
                        + "\n");
            }
        }
    }

    /** The HTML page; a bad filter is a 400 page that shows the same one-line reason as the other paths. */
    private static void page(HttpExchange exchange, ConnectionTable table, PortInfo ports) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", ConnectionsHtml.CONTENT_SECURITY_POLICY);
        try {
            send(exchange, 200, "text/html", ConnectionsHtml.render(report(exchange, table, ports)));
        } catch (BadRequestException bad) {
            send(exchange, 400, "text/html", ConnectionsHtml.renderBadRequest(bad.getMessage()));
        }
    }

    private static TableReport report(HttpExchange exchange, ConnectionTable table, PortInfo ports)
            throws BadRequestException {
        return TableReport.of(table, ConnectionFilter.parse(exchange.getRequestURI().getRawQuery()), ports);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream body0 = exchange.getResponseBody()) {
                body0.write(bytes);
            }
        }
    }
}
