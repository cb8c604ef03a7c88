package dev.portwatch.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's client side: the calls a service makes to its own and neighbouring endpoints, each on its own paced
 * loop, mixing long-lived connections (keep-alive HTTP, a pooled NIO channel, one UDP socket) with connections
 * opened per request (HTTP with {@code Connection: close}, a plain Socket per echo), so the table shows both.
 */
final class Traffic implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final int httpPort;
    private final int echoPort;
    private final int udpPort;
    private final Counters counters;
    private final HttpClient keepAlive = httpClient();
    private final HttpClient shortLived = httpClient();
    private final DatagramSocket udp;
    private final List<PacedLoop> loops = new ArrayList<>();
    private volatile SocketChannel pooledChannel; // the echo-channel loop's, until close() has stopped that loop
    private long calls;

    private Traffic(int httpPort, int echoPort, int udpPort, Counters counters) throws IOException {
        this.httpPort = httpPort;
        this.echoPort = echoPort;
        this.udpPort = udpPort;
        this.counters = counters;
        this.udp = new DatagramSocket(Loopback.at(0));
        udp.setSoTimeout((int) TIMEOUT.toMillis());
    }

    static Traffic start(int httpPort, int echoPort, int udpPort, Counters counters) throws IOException {
        Traffic traffic = new Traffic(httpPort, echoPort, udpPort, counters);
        // Staggered first delays keep the loops from firing in lock-step.
        traffic.loops.add(PacedLoop.start("http-keepalive", 300, 700, counters, traffic::keepAliveCall));
        traffic.loops.add(PacedLoop.start("http-short", 500, 1500, counters, traffic::shortLivedCall));
        traffic.loops.add(PacedLoop.start("echo-socket", 400, 1200, counters, traffic::echoOverSocket));
        traffic.loops.add(PacedLoop.start("echo-channel", 600, 1000, counters, traffic::echoOverChannel));
        traffic.loops.add(PacedLoop.start("udp-client", 200, 1000, counters, traffic::udpRoundTrip));
        return traffic;
    }

    @Override
    public void close() throws IOException {
        loops.forEach(PacedLoop::stop);
        udp.close(); // ends a receive() in progress, which an interrupt does not
        loops.forEach(loop -> loop.awaitStopped(TIMEOUT.toMillis()));
        if (pooledChannel != null) {
            pooledChannel.close();
        }
    }

    /** One connection reused for every call, the way a service talks to a dependency it calls all the time. */
    private void keepAliveCall() throws Exception {
        String path = calls++ % 3 == 2 ? "/slow" : "/hello";
        expectOk(keepAlive.send(get(path), HttpResponse.BodyHandlers.ofString()), "http.keepalive-ok");
    }

    /** The server answers {@code ?close} with {@code Connection: close}, so every call opens a fresh connection. */
    private void shortLivedCall() throws Exception {
        expectOk(shortLived.send(get("/hello?close"), HttpResponse.BodyHandlers.ofString()), "http.short-lived-ok");
    }

    private void echoOverSocket() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(Loopback.at(echoPort), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] message = "echo over a plain socket\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(message);
            expectEcho(message, socket.getInputStream().readNBytes(message.length));
        }
        counters.add("echo.socket-ok");
    }

    private void echoOverChannel() throws IOException {
        try {
            if (pooledChannel == null) {
                pooledChannel = SocketChannel.open(Loopback.at(echoPort));
            }
            byte[] message = "echo over a pooled channel\n".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                pooledChannel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(message.length);
            while (in.hasRemaining()) {
                if (pooledChannel.read(in) < 0) {
                    throw new IOException("echo server closed the pooled channel");
                }
            }
            expectEcho(message, in.array());
            counters.add("echo.channel-ok");
        } catch (IOException e) {
            // Like a connection pool: drop the broken connection, open a new one on the next round.
            if (pooledChannel != null) {
                pooledChannel.close();
                pooledChannel = null;
            }
            throw e;
        }
    }

    private void udpRoundTrip() throws IOException {
        byte[] message = ("ping " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        udp.send(new DatagramPacket(message, message.length, Loopback.at(udpPort)));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        udp.receive(reply);
        expectEcho(message, Arrays.copyOf(reply.getData(), reply.getLength()));
        counters.add("udp.round-trip-ok");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(TIMEOUT).build();
    }

    private void expectOk(HttpResponse<String> response, String counter) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + response.uri());
        }
        counters.add(counter);
    }

    private static void expectEcho(byte[] sent, byte[] received) throws IOException {
        if (!Arrays.equals(sent, received)) {
            throw new IOException("echo came back different");
        }
    }

    private static HttpClient httpClient() {
        // HTTP/1.1 explicitly: the default would first try an h2c upgrade, which the JDK server does not speak.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }
}
