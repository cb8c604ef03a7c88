package dev.portwatch.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response the endpoint sends: status, header fields and body, and whether the connection closes after it. */
final class Response {

    private final int status;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
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
    Response body(byte[] bytes, boolean head) {
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

    /** The bytes on the wire: status line, header fields, Content-Length, Connection and body. */
    ByteBuffer encode() {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (closes) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer wire = ByteBuffer.allocate(headBytes.length + (omitBody ? 0 : body.length));
        wire.put(headBytes);
        if (!omitBody) {
            wire.put(body);
        }
        return wire.flip();
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
