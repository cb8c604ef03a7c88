package dev.portwatch.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A response body as a list of byte chunks of at most {@link #CHUNK} bytes, filled as it is rendered. A large
 * body (the JSON of 10,000 connections is about 6 MB) then never exists as one array, nor as a String and its
 * encoded copy: no multi-megabyte allocation in the application's heap, which G1 would have to place as humongous
 * objects, and no copy of the whole body before it is written.
 */
final class Body {

    static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private long length;

    /** A body of one string's bytes. */
    static Body of(String text) {
        Body body = new Body();
        body.add(text.getBytes(StandardCharsets.UTF_8));
        return body;
    }

    /** Moves what {@code rendered} holds into the body, encoded as UTF-8, and empties it. */
    void drain(StringBuilder rendered) {
        for (int start = 0; start < rendered.length(); ) {
            int end = Math.min(rendered.length(), start + CHUNK / 3); // at most 3 bytes per char of the BMP
            if (end < rendered.length() && Character.isHighSurrogate(rendered.charAt(end - 1))) {
                end--; // never split a surrogate pair between two chunks
            }
            add(rendered.substring(start, end).getBytes(StandardCharsets.UTF_8));
            start = end;
        }
        rendered.setLength(0);
    }

    private void add(byte[] chunk) {
        if (chunk.length > 0) {
            chunks.add(chunk);
            length += chunk.length;
        }
    }

    long length() {
        return length;
    }

    /** The chunks as buffers to write, in order (no copy). */
    ByteBuffer[] buffers() {
        ByteBuffer[] buffers = new ByteBuffer[chunks.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(chunks.get(i));
        }
        return buffers;
    }

    /** The same body compressed with gzip, chunk by chunk. */
    Body gzipped() {
        Body compressed = new Body();
        try (GZIPOutputStream out = new GZIPOutputStream(new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK);

            @Override
            public void write(int b) {
                pending.write(b);
                flushFull();
            }

            @Override
            public void write(byte[] bytes, int offset, int count) {
                pending.write(bytes, offset, count);
                flushFull();
            }

            @Override
            public void close() {
                compressed.add(pending.toByteArray());
                pending.reset();
            }

            private void flushFull() {
                if (pending.size() >= CHUNK) {
                    compressed.add(pending.toByteArray());
                    pending.reset();
                }
            }
        })) {
            for (byte[] chunk : chunks) {
                out.write(chunk);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // nothing here does I/O
        }
        return compressed;
    }

    /** The whole body as a string (tests, small bodies). */
    String text() {
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(length, Integer.MAX_VALUE));
        for (byte[] chunk : chunks) {
            all.write(chunk, 0, chunk.length);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
