package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * The application's own {@code com.sun.net.httpserver} server behaves exactly as without the agent: the same
 * provider, no {@code sun.net.httpserver.*} setting added, the same answers and headers on a keep-alive connection,
 * and a request that takes longer than the endpoint allows its own clients (6 s) is still served. (The agent's
 * endpoint is a server of its own; the JDK's server has only JVM-wide timeouts, which would change this one.)
 */
@Timeout(120)
class ApplicationHttpServerIT {

    @EachJdk
    void theApplicationsHttpServerIsUnchangedByTheAgent(Path jdk) throws Exception {
        List<String> without = observe(jdk, null);
        List<String> with = observe(jdk, "port=0");
        System.out.println(jdk.getFileName() + ": " + with);
        assertEquals(without, with, jdk.getFileName() + ": the application's server with and without the agent");
        assertTrue(with.get(0).contains("settings={}"), with.get(0));
    }

    /** What the application says about its server, and what two kinds of client see of it. */
    private static List<String> observe(Path jdk, String agentOptions) throws Exception {
        try (AgentJvm app = AgentJvm.start(jdk, agentOptions, HttpServerApp.class.getName())) {
            String ready = app.awaitLine("OK ready");
            if (agentOptions != null) {
                app.endpoint(); // the agent is fully up
            }
            int port = Integer.parseInt(ready.replaceAll(".*port=(\\d+).*", "$1"));
            List<String> seen = new ArrayList<>();
            seen.add(ready.replaceAll("port=\\d+ ", ""));
            try (Socket keepAlive = new Socket(InetAddress.getLoopbackAddress(), port)) {
                keepAlive.setSoTimeout(10_000);
                for (int i = 0; i < 2; i++) {
                    keepAlive.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    seen.add("keep-alive " + i + ": " + response(keepAlive.getInputStream()));
                }
            }
            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
                slow.setSoTimeout(10_000);
                slow.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(6000);
                slow.getOutputStream().write("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                seen.add("after 6 s: " + response(slow.getInputStream()));
            }
            return seen;
        }
    }

    /** The status line and headers (without Date) and the body of one response with a Content-Length. */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return "closed after " + head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        String body = new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        return text.replaceAll("(?im)^date:.*\r\n", "").replace("\r\n", " | ") + body;
    }
}
