package dev.portwatch.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the whole demo in this JVM on free loopback ports and talks to it over real sockets. */
class DemoTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private Demo demo;

    @BeforeEach
    void start() throws IOException {
        demo = Demo.start(0);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void httpEndpointsAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[] {"/hello", "/slow"}) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.httpPort() + path))
                            .timeout(PATIENCE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path);
            assertFalse(response.body().isEmpty(), path);
        }
    }

    @Test
    void echoServerEchoes() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", demo.echoPort()), (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            byte[] message = "are you there?\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(message);
            assertArrayEquals(message, socket.getInputStream().readNBytes(message.length));
        }
    }

    @Test
    void udpServiceReplies() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            byte[] message = "ping".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(message, message.length, new InetSocketAddress("127.0.0.1", demo.udpPort())));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            socket.receive(reply);
            assertArrayEquals(message, Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    @Test
    void loopsRunAndMischiefHappens() throws InterruptedException {
        Counters counters = demo.counters();
        awaitPositive("a refused connect", () -> counters.get(Mischief.REFUSED));
        awaitPositive("a bind conflict", () -> counters.get(Mischief.BIND_CONFLICT));
        awaitPositive("a keep-alive HTTP call", () -> counters.get("http.keepalive-ok"));
        awaitPositive("a short-lived HTTP call", () -> counters.get("http.short-lived-ok"));
        awaitPositive("an echo over a Socket", () -> counters.get("echo.socket-ok"));
        awaitPositive("an echo over a SocketChannel", () -> counters.get("echo.channel-ok"));
        awaitPositive("a UDP round trip", () -> counters.get("udp.round-trip-ok"));
    }

    private static void awaitPositive(String what, LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count.getAsLong() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(count.getAsLong() > 0, "no " + what + " within " + PATIENCE.toSeconds() + " s");
    }
}
