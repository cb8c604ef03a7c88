package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadBufferTest {

    private final HeadBuffer buffer = new HeadBuffer();

    private void append(String text) throws RequestRejected {
        buffer.append(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private String head() {
        return new String(buffer.takeHead(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHeadEndsAtTheFirstBlankLineWhateverTheLineEnds() throws RequestRejected {
        append("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("GET / HTTP/1.1\r\nHost: a\r\n\r\n", head());
        append("GET / HTTP/1.1\nHost: a\n\n");
        assertEquals("GET / HTTP/1.1\nHost: a\n\n", head());
        assertTrue(buffer.isEmpty());
    }

    @Test
    void bytesTrickleInOneAtATime() throws RequestRejected {
        String request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        for (char c : request.toCharArray()) {
            assertEquals(-1, buffer.headEnd());
            append(String.valueOf(c));
        }
        assertEquals(request, head());
    }

    @Test
    void emptyLinesBeforeARequestAreDroppedAndAPipelinedRequestWaits() throws RequestRejected {
        append("\r\n\r\nGET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c");
        assertEquals("GET /a HTTP/1.1\r\n\r\n", head());
        assertEquals("GET /b HTTP/1.1\r\n\r\n", head());
        assertEquals(-1, buffer.headEnd(), "the third is not complete");
        append(" HTTP/1.1\r\n\r\n");
        assertEquals("GET /c HTTP/1.1\r\n\r\n", head());
    }

    @Test
    void anOverlongRequestLineIs414AndAnOverlongHead431() throws RequestRejected {
        assertEquals(414, assertThrows(RequestRejected.class,
                () -> append("GET /" + "a".repeat(HeadBuffer.MAX_REQUEST_LINE))).status);
        HeadBuffer headers = new HeadBuffer();
        headers.append(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer big = ByteBuffer.wrap(("X: " + "b".repeat(HeadBuffer.MAX_HEAD) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        RequestRejected rejected = assertThrows(RequestRejected.class, () -> {
            while (big.hasRemaining()) {
                headers.append(big);
            }
        });
        assertEquals(431, rejected.status);
    }

    @Test
    void itNeverTakesMoreThanItsRoom() throws RequestRejected {
        append("GET / HTTP/1.1\r\n");
        int room = buffer.room();
        assertEquals(HeadBuffer.MAX_HEAD + 1 - "GET / HTTP/1.1\r\n".length(), room);
    }
}
