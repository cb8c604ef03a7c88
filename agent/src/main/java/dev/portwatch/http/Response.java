package dev.portwatch.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response the endpoint sends: status, header fields and body, and whether the connection closes after it. */
final class Response {

    private final int status;
    private final List<String[]> headers = new ArrayList<>();
    private Body body = Body.of("");
    private boolean omitBody;
    private boolean closes;

    Response(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    Response header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    /** The body; a HEAD request gets its length but not the bytes. */
    Response body(Body bytes, boolean head) {
        this.body = bytes;
        this.omitBody = head;
        return this;
    }

    Response closing() {
        this.closes = true;
        return this;
    }

    boolean closes() {
        return closes;
    }

    /**
     * The bytes on the wire, in order: status line, header fields, Content-Length and Connection in the first
     * buffer, then the body's chunks as they are (not copied).
     */
    ByteBuffer[] encode() {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length()).append("\r\n");
        if (closes) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (omitBody) {
            return new ByteBuffer[] {headBytes};
        }
        ByteBuffer[] bodyBytes = body.buffers();
        if (body.length() <= Body.CHUNK) {
            // A small response goes out in one write, head and body in one segment.
            ByteBuffer whole = ByteBuffer.allocate(headBytes.remaining() + (int) body.length()).put(headBytes);
            for (ByteBuffer chunk : bodyBytes) {
                whole.put(chunk);
            }
            return new ByteBuffer[] {whole.flip()};
        }
        ByteBuffer[] wire = new ByteBuffer[bodyBytes.length + 1];
        wire[0] = headBytes;
        System.arraycopy(bodyBytes, 0, wire, 1, bodyBytes.length);
        return wire;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Internal Server Error";
        };
    }
}
