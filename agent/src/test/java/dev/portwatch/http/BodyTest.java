package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aDrainedDocumentIsItsUtf8BytesInChunksNoneLargerThanAChunk() {
        Body body = new Body();
        StringBuilder rendered = new StringBuilder(TEXT);
        body.drain(rendered);

        assertEquals(0, rendered.length(), "the builder is emptied");
        byte[] expected = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, body.length());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        ByteBuffer[] buffers = body.buffers();
        assertTrue(buffers.length > 1, "several chunks: " + buffers.length);
        for (ByteBuffer buffer : buffers) {
            assertTrue(buffer.remaining() <= Body.CHUNK, "chunk of " + buffer.remaining());
            joined.write(buffer.array(), buffer.position(), buffer.remaining());
        }
        assertEquals(TEXT, joined.toString(StandardCharsets.UTF_8), "no surrogate pair split between chunks");
        assertEquals(TEXT, body.text());
    }

    @Test
    void theGzippedBodyUncompressesToTheSameBytes() throws IOException {
        Body body = new Body();
        body.drain(new StringBuilder(TEXT));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (ByteBuffer buffer : body.gzipped().buffers()) {
            compressed.write(buffer.array(), buffer.position(), buffer.remaining());
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
            assertEquals(TEXT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
