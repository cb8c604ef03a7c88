package dev.portwatch.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One service of the fleet demo, each in its own JVM with its own agent, calling the others by host name: the
 * {@code gateway} calls {@code orders} over HTTP, {@code orders} calls {@code inventory} over HTTP and sends each
 * order to the {@code sink} over UDP. So a fleet dashboard has a graph of JVMs and the dependencies between them.
 */
public final class FleetService {

    static final String USAGE = """
            usage: java -cp portwatch-demo-app.jar dev.portwatch.demo.FleetService <role> --port <port> [options]
              <role>               gateway, orders, inventory or sink
              --port <port>        the port it serves on (HTTP; UDP for the sink)
              --bind <address>     the address it serves on (default 127.0.0.1; 0.0.0.0 in containers)
              --orders <host:port> where the gateway finds orders
              --inventory <host:port>, --sink <host:port>  where orders finds them
              --period <ms>        the gateway's pause between two calls (default 500)
            """;

    private FleetService() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        if (args.length == 0 || args.length % 2 == 0) {
            fail("expected a role and options in pairs");
        }
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(options.getOrDefault("--bind",
                "127.0.0.1")), port(options.get("--port"), "--port"));
        switch (args[0]) {
            case "gateway" -> gateway(bind, required(options, "--orders"),
                    port(options.getOrDefault("--period", "500"), "--period"));
            case "orders" -> orders(bind, required(options, "--inventory"), required(options, "--sink"));
            case "inventory" -> http(bind, "inventory", exchange -> "42 in stock\n");
            case "sink" -> sink(bind);
            default -> fail("unknown role '" + args[0] + "'; expected gateway, orders, inventory or sink");
        }
        System.out.println("fleet: " + args[0] + " serving on " + bind);
        Thread.currentThread().join(); // the servers' threads are daemons: this one keeps the JVM alive
    }

    private static void gateway(InetSocketAddress bind, String orders, int periodMillis) throws IOException {
        http(bind, "gateway", exchange -> "the fleet's gateway\n");
        Counters counters = new Counters();
        PacedLoop.start("fleet-gateway", 0, periodMillis, counters, () -> get("http://" + orders + "/order"));
    }

    private static void orders(InetSocketAddress bind, String inventory, String sink) throws IOException {
        String[] sinkAddress = sink.split(":", 2);
        DatagramSocket toSink = new DatagramSocket();
        // Connected by name: the dependency is the sink, as asked for, not an address.
        toSink.connect(new InetSocketAddress(sinkAddress[0], port(sinkAddress[1], "--sink")));
        http(bind, "orders", exchange -> {
            String stock = get("http://" + inventory + "/stock");
            byte[] order = ("order " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            toSink.send(new DatagramPacket(order, order.length));
            return "ordered; " + stock;
        });
    }

    private static void sink(InetSocketAddress bind) throws IOException {
        DatagramSocket socket = new DatagramSocket(bind);
        Thread receiver = new Thread(() -> {
            byte[] buffer = new byte[512];
            while (true) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                } catch (IOException e) {
                    return;
                }
            }
        }, "fleet-sink");
        receiver.setDaemon(true);
        receiver.start();
    }

    @FunctionalInterface
    private interface Handler {
        String answer(HttpExchange exchange) throws IOException;
    }

    private static void http(InetSocketAddress bind, String name, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(bind, 64);
        ExecutorService workers = Executors.newFixedThreadPool(4, new DaemonThreads("fleet-" + name));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                int status = 200;
                try {
                    body = handler.answer(exchange).getBytes(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    status = 502;
                    body = (name + ": " + e + "\n").getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    /** A GET with HttpURLConnection, whose connections are kept alive and reused, as most clients do. */
    private static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) {
                throw new IOException(url + " answered " + status);
            }
            return text;
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail(name + " is required for this role");
        }
        return value;
    }

    private static int port(String value, String option) {
        try {
            int port = Integer.parseInt(value == null ? "" : value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException bad) {
            // reported below
        }
        fail(option + " must be a number from 0 to 65535, got '" + value + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.print("fleet: " + message + "\n" + USAGE);
        System.exit(2);
    }
}
