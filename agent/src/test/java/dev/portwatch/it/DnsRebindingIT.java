package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web page on a domain rebound to 127.0.0.1 can make a browser connect to the endpoint, but the browser names
 * the page's domain in {@code Host}: such a request gets 421 and nothing of the table, with or without a token.
 * Requests addressed by a loopback name or address, with or without a port, are served. Bound beyond loopback
 * with a token, the token protects the endpoint and any {@code Host} is served to whoever holds it.
 */
@Timeout(180)
class DnsRebindingIT {

    private static final String TOKEN = "rebinding-token-0123456789";
    private static final List<String> PATHS = List.of("/connections.json", "/connections", "/metrics", "/",
            "/-/healthy");

    @EachJdk
    void aForeignHostGetsNoTableWithOrWithoutAToken(Path jdk, @TempDir Path temp) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            int port = RawHttp.port(jvm.endpoint());
            assertHosts(jvm, port, null);
        }
        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,tokenFile=" + tokenFile(temp),
                SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            int port = RawHttp.port(jvm.endpoint());
            assertHosts(jvm, port, "Authorization: Bearer " + TOKEN);
        }
    }

    private static void assertHosts(AgentJvm jvm, int port, String authorization) throws Exception {
        for (String path : PATHS) {
            for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example",
                    "localhost.evil.example:" + port, "[::2]:" + port, "0x7f000001", "")) {
                RawHttp.Response response = request(port, path, "HTTP/1.1", "Host: " + host, authorization);
                String what = jvm.jdk + ": GET " + path + " with Host: " + host;
                assertEquals(421, response.status(), what + ": " + response);
                assertTrue(response.body().startsWith("misdirected request"), what + ": " + response);
                assertFalse(response.body().contains("portwatch_") || response.body().contains("LISTEN")
                        || response.body().contains("\"connections\""), what + ": the table leaked: " + response);
            }
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "localhost",
                    "127.0.0.1", "LOCALHOST.:" + port, "127.1.2.3:" + port, "localhost:8000")) {
                RawHttp.Response response = request(port, path, "HTTP/1.1", "Host: " + host, authorization);
                assertEquals(200, response.status(), jvm.jdk + ": GET " + path + " with Host: " + host + ": "
                        + response);
            }
        }
        // Without Host: HTTP/1.1 requires one; an HTTP/1.0 client (no browser) may leave it out.
        assertEquals(400, request(port, "/-/healthy", "HTTP/1.1", null, authorization).status());
        assertEquals(200, request(port, "/-/healthy", "HTTP/1.0", null, authorization).status());
        assertEquals(400, request(port, "/-/healthy", "HTTP/1.1", "Host: 127.0.0.1\r\nHost: evil.example",
                authorization).status(), "two Host headers");
    }

    @EachJdk
    void beyondLoopbackTheTokenProtectsTheEndpoint(Path jdk, @TempDir Path temp) throws Exception {
        // Every request still goes to loopback: only the bind address differs.
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0,tokenFile=" + tokenFile(temp),
                SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            int port = RawHttp.port(jvm.endpoint());
            assertEquals(401, request(port, "/connections.json", "HTTP/1.1", "Host: scrape.example:" + port, null)
                    .status());
            assertEquals(200, request(port, "/connections.json", "HTTP/1.1", "Host: scrape.example:" + port,
                    "Authorization: Bearer " + TOKEN).status());
        }
        try (AgentJvm jvm = AgentJvm.start(jdk, "host=0.0.0.0,port=0", SocketScenario.class.getName())) {
            jvm.awaitLine("OK ready");
            int port = RawHttp.port(jvm.endpoint());
            assertEquals(421, request(port, "/connections.json", "HTTP/1.1", "Host: evil.example", null).status());
            assertEquals(200, request(port, "/connections.json", "HTTP/1.1", "Host: 127.0.0.1:" + port, null)
                    .status());
        }
    }

    private static RawHttp.Response request(int port, String path, String version, String host,
                                            String authorization) throws Exception {
        StringBuilder request = new StringBuilder("GET " + path + " " + version + "\r\n");
        if (host != null) {
            request.append(host).append("\r\n");
        }
        if (authorization != null) {
            request.append(authorization).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return RawHttp.send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    static Path tokenFile(Path directory) throws Exception {
        Path file = directory.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
