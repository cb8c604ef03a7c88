package dev.portwatch.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one connection's next request head, as they arrive. Bounded: a request line longer than
 * {@value #MAX_REQUEST_LINE} bytes is refused with 414, a head longer than {@value #MAX_HEAD} with 431, and the
 * buffer grows only as bytes come (a connection that sent nothing holds none). Each byte is scanned once, however
 * slowly the bytes trickle in.
 */
final class HeadBuffer {

    static final int MAX_REQUEST_LINE = 8 * 1024;
    static final int MAX_HEAD = 32 * 1024;
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int length;
    private int scanned;
    private int headEnd = -1;
    private boolean requestLineEnded;

    boolean isEmpty() {
        return length == 0;
    }

    /** How many more bytes the buffer takes: read no more than that from the connection. */
    int room() {
        return MAX_HEAD + 1 - length;
    }

    /** Appends what {@code source} holds (at most {@link #room()} bytes); throws once the head cannot be served. */
    void append(ByteBuffer source) throws RequestRejected {
        int incoming = Math.min(source.remaining(), room());
        if (length + incoming > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(MAX_HEAD + 1, Math.max(length + incoming,
                    Math.max(1024, bytes.length * 2))));
        }
        source.get(bytes, length, incoming);
        length += incoming;
        scan();
        if (headEnd < 0 && !requestLineEnded && length > MAX_REQUEST_LINE) {
            throw new RequestRejected(414, "request line too long (" + MAX_REQUEST_LINE + " bytes at most)");
        }
        if (headEnd < 0 && length > MAX_HEAD) {
            throw new RequestRejected(431, "request head too long (" + MAX_HEAD + " bytes at most)");
        }
    }

    /** The index just past the blank line that ends the head, or -1 while it is incomplete. */
    int headEnd() {
        return headEnd;
    }

    /** The complete head's bytes; what followed it stays for the next request. */
    byte[] takeHead() {
        byte[] head = Arrays.copyOf(bytes, headEnd);
        drop(headEnd);
        scan();
        return head;
    }

    /** Looks for the end of the head (a blank line, CRLF or bare LF) in the bytes not yet scanned. */
    private void scan() {
        while (headEnd < 0 && scanned < length) {
            if (bytes[scanned] == '\n') {
                if (!requestLineEnded && isOnlyEmptyLines(scanned)) {
                    // Empty lines before a request line are allowed (RFC 9112, 2.2): drop them.
                    drop(scanned + 1);
                    continue;
                }
                requestLineEnded = true;
                int next = scanned + 1;
                if (next < length && bytes[next] == '\n') {
                    headEnd = next + 1;
                } else if (next + 1 < length && bytes[next] == '\r' && bytes[next + 1] == '\n') {
                    headEnd = next + 2;
                } else if (next >= length || next + 1 >= length && bytes[next] == '\r') {
                    return; // the blank line may still come: scan this newline again with more bytes
                }
            }
            scanned++;
        }
    }

    private boolean isOnlyEmptyLines(int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private void drop(int count) {
        length -= count;
        if (length == 0) {
            bytes = NONE;
        } else {
            System.arraycopy(bytes, count, bytes, 0, length);
        }
        scanned = 0;
        headEnd = -1;
        requestLineEnded = false;
    }
}
