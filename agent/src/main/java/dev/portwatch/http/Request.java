package dev.portwatch.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * A request head as the endpoint read it: method, target, version and headers. The target is kept raw (the routes
 * match raw paths, the filter decodes its own query); header names compare ignoring case. The version is
 * {@code HTTP/1.0} or {@code HTTP/1.1}; the local address is the address of this machine the client connected to.
 */
record Request(String method, String target, String version, List<String[]> headers, InetAddress localAddress) {

    boolean isHead() {
        return method.equals("HEAD");
    }

    String rawPath() {
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    /** The raw query string, or null when the target has none. */
    String rawQuery() {
        int question = target.indexOf('?');
        return question < 0 ? null : target.substring(question + 1);
    }

    /** The first value of the header, or null. */
    String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    int headerCount(String name) {
        int count = 0;
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    /** Whether the connection may carry another request after this one's response. */
    boolean keepsAlive() {
        String connection = header("Connection");
        boolean close = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        return version.equals("HTTP/1.1") && !close && !hasBody();
    }

    /**
     * Whether a body follows the head. The endpoint never reads one (it serves GET and HEAD only), so a connection
     * whose request has one is closed after the response rather than read on as if the body were the next request.
     */
    boolean hasBody() {
        String length = header("Content-Length");
        return header("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }
}
