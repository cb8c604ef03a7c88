package dev.portwatch.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a complete request head (RFC 9112) strictly: a request line {@code METHOD /target HTTP/1.x}, then header
 * fields {@code name: value}. Anything else is refused with a one-line reason: a malformed line (400), a target
 * that is not a path (400: the endpoint serves no proxy requests), too many fields (431), another HTTP version
 * (505).
 */
final class RequestParser {

    static final int MAX_HEADERS = 100;

    private RequestParser() {}

    static Request parse(byte[] head, InetAddress localAddress) throws RequestRejected {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0])) {
            throw new RequestRejected(400, "malformed request line");
        }
        String target = requestLine[1];
        if (!target.startsWith("/") || !isVisibleAscii(target)) {
            throw new RequestRejected(400, "the request target must be a path");
        }
        String version = requestLine[2];
        if (!version.matches("HTTP/\\d\\.\\d")) {
            throw new RequestRejected(400, "malformed request line");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new RequestRejected(505, "HTTP version not supported: HTTP/1.1 and HTTP/1.0 only");
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            if (headers.size() == MAX_HEADERS) {
                throw new RequestRejected(431, "too many header fields (" + MAX_HEADERS + " at most)");
            }
            headers.add(field(lines[i]));
        }
        return new Request(requestLine[0], target, version, headers, localAddress);
    }

    private static String[] field(String line) throws RequestRejected {
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.substring(0, colon))) {
            throw new RequestRejected(400, "malformed header field");
        }
        String value = line.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new RequestRejected(400, "control character in a header field");
            }
        }
        return new String[] {line.substring(0, colon), value};
    }

    /** RFC 9110's token: what a method or a field name is made of. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisibleAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
