package dev.portwatch.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * An application that runs the JDK's own HTTP server ({@code com.sun.net.httpserver}) on a free loopback port and
 * says which provider serves it and which {@code sun.net.httpserver.*} settings are in force; {@code /hello} answers
 * "hello". Runs until stdin says {@code exit} or closes.
 */
public final class HttpServerApp {

    private HttpServerApp() {}

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        TreeMap<String, String> settings = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("sun.net.httpserver"))
                .forEach(name -> settings.put(name, System.getProperty(name)));
        System.out.println("OK ready port=" + server.getAddress().getPort() + " provider="
                + HttpServerProvider.provider().getClass().getName() + " settings=" + settings);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            // waits
        }
        server.stop(0);
    }
}
