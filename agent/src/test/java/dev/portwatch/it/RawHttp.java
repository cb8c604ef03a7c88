package dev.portwatch.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Sends exactly the bytes a test wants to the agent's endpoint on loopback and reads the response with a timeout:
 * unlike an HTTP client library, it can send any method, header or malformed request line.
 */
final class RawHttp {

    private RawHttp() {}

    /** What came back: a status of -1 when the server sent no status line (closed, or timed out first). */
    record Response(int status, Map<String, String> headers, String body, boolean timedOut, String raw) {
        @Override
        public String toString() {
            return "status " + status + (timedOut ? " (timed out)" : "") + ", headers " + headers + ", body "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    static int port(String endpointUrl) {
        return Integer.parseInt(endpointUrl.substring(endpointUrl.lastIndexOf(':') + 1));
    }

    static Response get(int port, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    /** Writes {@code request} and reads until the response is complete, the server closes, or the timeout. */
    static Response send(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException resetWhileWriting) {
                // the server may close a malformed request before reading it all; read what it said
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean timedOut = false;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try {
                while (!complete(received.toByteArray())) {
                    if (System.nanoTime() > deadline) {
                        timedOut = true;
                        break;
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException slow) {
                timedOut = true;
            } catch (IOException reset) {
                // a reset after (or instead of) a response: judge what arrived
            }
            return parse(received.toByteArray(), timedOut);
        }
    }

    private static int headEnd(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Complete when the head has arrived and the body its Content-Length announces (or none on HEAD/204). */
    private static boolean complete(byte[] bytes) {
        int end = headEnd(bytes);
        if (end < 0) {
            return false;
        }
        Map<String, String> headers = headers(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
        String length = headers.get("content-length");
        return length != null && bytes.length - end - 4 >= Long.parseLong(length.trim());
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private static Response parse(byte[] bytes, boolean timedOut) throws IOException {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = headEnd(bytes);
        if (end < 0 || !raw.startsWith("HTTP/")) {
            return new Response(-1, Map.of(), raw, timedOut, raw);
        }
        String head = raw.substring(0, end);
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
        Map<String, String> headers = headers(head);
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("gzip".equalsIgnoreCase(headers.get("content-encoding")) && body.length > 0) {
            try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = gunzip.readAllBytes();
            }
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8), timedOut, raw);
    }
}
