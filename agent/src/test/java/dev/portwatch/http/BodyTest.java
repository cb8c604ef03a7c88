package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BodyTest {

    /** Three characters of one, two, three and four (a surrogate pair) UTF-8 bytes, repeated past several chunks. */
    private static final String TEXT = "a\u00e9\u20ac\ud83d\ude00".repeat(40_000);

    @Test
    void chunksAreWrittenInOrderAsTheyWereAdded() {
        Body body = new Body();
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < bytes.length; start += Body.CHUNK) {
            byte[] chunk = new byte[Body.CHUNK];
            int length = Math.min(Body.CHUNK - 3, bytes.length - start); // a chunk need not be full
            System.arraycopy(bytes, start, chunk, 0, length);
            body.add(chunk, length);
            start -= Body.CHUNK - length;
        }
        assertEquals(bytes.length, body.length());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (ByteBuffer buffer : body.buffers()) {
            joined.write(buffer.array(), buffer.position(), buffer.remaining());
        }
        assertArrayEquals(bytes, joined.toByteArray());
        assertEquals(TEXT, body.text());
        ByteBuffer written = body.buffers()[0];
        written.position(written.limit()); // as a write leaves it
        assertEquals(Body.CHUNK - 3, body.buffers()[0].remaining(), "each call: buffers of their own");
    }

    @Test
    void theGzippedBodyUncompressesToTheSameBytes() throws IOException {
        Body body = Body.of(TEXT);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (ByteBuffer buffer : body.gzipped().buffers()) {
            compressed.write(buffer.array(), buffer.position(), buffer.remaining());
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
            assertEquals(TEXT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
