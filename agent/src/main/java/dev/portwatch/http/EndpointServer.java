package dev.portwatch.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portwatch.metrics.PortwatchMetrics;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP endpoint (the JDK's own server, no dependencies): {@code /} (the table as a live HTML page),
 * {@code /metrics}, {@code /connections}, {@code /connections.json} and {@code /-/healthy}. GET and HEAD only;
 * errors are one line of text, never a stack trace; with a token configured, nothing is served without it. One
 * daemon thread serves requests (and the server's own dispatcher thread when a burst overflows its queue), so a
 * slow client can never take more than that from the host.
 */
public final class EndpointServer {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConnectionTable table;
    private final PortInfo ports;
    private final PortwatchMetrics metrics;
    private final TokenCheck tokenCheck;
    private final KernelViews kernelViews;

    private EndpointServer(HttpServer server, ExecutorService executor, ConnectionTable table, PortInfo ports,
                           PortwatchMetrics metrics, TokenCheck tokenCheck, KernelViews kernelViews) {
        this.server = server;
        this.executor = executor;
        this.table = table;
        this.ports = ports;
        this.metrics = metrics;
        this.tokenCheck = tokenCheck;
        this.kernelViews = kernelViews;
    }

    /** Binds and starts the endpoint; throws the bind's {@link IOException} when the address is taken. */
    public static EndpointServer start(InetSocketAddress address, ConnectionTable table, PortInfo ports,
                                       PortwatchMetrics metrics, KernelViews kernelViews, String token)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
                runnable -> {
                    Thread thread = new Thread(runnable, "portwatch-http");
                    thread.setDaemon(true);
                    return thread;
                    // When the queue is full, the server's own dispatcher thread serves the exchange (as it does
                    // with no executor at all): new connections then wait in the kernel's backlog. Discarding the
                    // exchange instead would leave its connection open forever, a descriptor leaked per request.
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        EndpointServer endpoint = new EndpointServer(server, executor, table, ports, metrics, TokenCheck.of(token),
                kernelViews);
        server.setExecutor(executor);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        }
    }

    /** Answers one request; the exchange is still open here, so every error can still be answered. */
    private void respond(HttpExchange exchange) throws IOException {
        try {
            if (!tokenCheck.allows(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"portwatch\"");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"portwatch\"");
                Responses.text(exchange, 401, "unauthorized: this endpoint requires its token "
                        + "(Authorization: Bearer <token>)");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.text(exchange, 405, "method not allowed: only GET and HEAD");
                return;
            }
            route(exchange);
        } catch (BadRequestException bad) {
            Responses.text(exchange, 400, bad.getMessage());
        } catch (RuntimeException bug) {
            Responses.text(exchange, 500, "internal error in portwatch: " + bug.getClass().getName());
        }
    }

    private void route(HttpExchange exchange) throws IOException, BadRequestException {
        switch (exchange.getRequestURI().getRawPath()) {
            case "/" -> page(exchange);
            case "/metrics" -> {
                rejectQuery(exchange);
                boolean openMetrics = accepts(exchange, "application/openmetrics-text");
                Responses.send(exchange, 200, openMetrics ? PortwatchMetrics.OPENMETRICS
                        : PortwatchMetrics.PROMETHEUS_TEXT, metrics.scrape(openMetrics));
            }
            case "/connections" -> Responses.send(exchange, 200, "text/plain",
                    ConnectionsText.render(report(exchange)));
            case "/connections.json" -> Responses.send(exchange, 200, "application/json",
                    ConnectionsJson.render(report(exchange)));
            case "/-/healthy" -> Responses.text(exchange, 200, "ok");
            default -> Responses.text(exchange, 404,
                    "not found; try /, /connections, /connections.json, /metrics or /-/healthy");
        }
    }

    /** The HTML page; a bad filter is a 400 page that shows the same one-line reason as the other paths. */
    private void page(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", ConnectionsHtml.CONTENT_SECURITY_POLICY);
        try {
            Responses.send(exchange, 200, "text/html", ConnectionsHtml.render(report(exchange)));
        } catch (BadRequestException bad) {
            Responses.send(exchange, 400, "text/html", ConnectionsHtml.renderBadRequest(bad.getMessage()));
        }
    }

    private TableReport report(HttpExchange exchange) throws BadRequestException {
        return TableReport.of(table, ConnectionFilter.parse(exchange.getRequestURI().getRawQuery()), ports,
                kernelViews.forTable());
    }

    private static void rejectQuery(HttpExchange exchange) throws BadRequestException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && !query.isEmpty()) {
            throw new BadRequestException("/metrics takes no query parameters");
        }
    }

    private static boolean accepts(HttpExchange exchange, String mediaType) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains(mediaType);
    }
}
