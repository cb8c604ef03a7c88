package dev.portwatch.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The JDK's own {@code com.sun.net.httpserver.HttpServer} on 127.0.0.1, answering every request with a small text
 * body, for {@code wrk}. Prints {@code READY <port>} and serves until its standard input closes.
 * Usage: {@code HttpServerMain [port] [threads]} (port 0: any free port; 2 handler threads by default).
 */
public final class HttpServerMain {

    private static final byte[] BODY = "hello from the JDK's HttpServer\n".getBytes(StandardCharsets.UTF_8);

    private HttpServerMain() {}

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        HttpServer server = HttpServer.create(new InetSocketAddress(Workloads.LOOPBACK, port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            try (exchange; InputStream request = exchange.getRequestBody()) {
                request.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(BODY);
                }
            }
        });
        server.start();
        System.out.println("READY " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until stdin closes
        }
        server.stop(0);
        System.exit(0);
    }
}
