package dev.portwatch.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How a connection's bytes travel, never blocking: as they are ({@link PlainWire}) or through TLS ({@link TlsWire}).
 */
interface Wire {

    /** Reads the peer's application bytes into {@code target}: how many, 0 when none are there now, -1 at the end. */
    int read(ByteBuffer target) throws IOException;

    /** Writes as much of {@code source} as the socket takes now; true once it and the wire's own bytes are out. */
    boolean write(ByteBuffer source) throws IOException;

    /** Whether bytes of the wire's own (a TLS handshake message) wait for the socket to take them. */
    boolean hasPendingOutput();

    /** Ends the sending side politely (a TLS close_notify, then a FIN) without waiting for anything. */
    void shutdownOutput();
}
