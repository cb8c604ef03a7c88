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

    /** Each chunk's bytes, from its array's start; never read through these buffers' positions (see buffers()). */
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private long length;

    /** A body of one string's bytes. */
    static Body of(String text) {
        Body body = new Body();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        body.add(bytes, bytes.length);
        return body;
    }

    /** Appends the first {@code length} bytes of {@code chunk}, which the body keeps (the caller lets go of it). */
    void add(byte[] chunk, int length) {
        if (length > 0) {
            chunks.add(ByteBuffer.wrap(chunk, 0, length));
            this.length += length;
        }
    }

    long length() {
        return length;
    }

    /** The chunks as buffers to write, in order: each a buffer of its own over the chunk's bytes (no copy). */
    ByteBuffer[] buffers() {
        ByteBuffer[] buffers = new ByteBuffer[chunks.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = chunks.get(i).duplicate();
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
                move();
            }

            private void flushFull() {
                if (pending.size() >= CHUNK) {
                    move();
                }
            }

            private void move() {
                byte[] bytes = pending.toByteArray();
                compressed.add(bytes, bytes.length);
                pending.reset();
            }
        })) {
            for (ByteBuffer chunk : chunks) {
                out.write(chunk.array(), 0, chunk.limit());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // nothing here does I/O
        }
        return compressed;
    }

    /** The whole body's bytes (small bodies). */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(length, Integer.MAX_VALUE));
        for (ByteBuffer chunk : chunks) {
            all.write(chunk.array(), 0, chunk.limit());
        }
        return all.toByteArray();
    }

    /** The whole body as a string (tests, small bodies). */
    String text() {
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(length, Integer.MAX_VALUE));
        for (ByteBuffer chunk : chunks) {
            all.write(chunk.array(), 0, chunk.limit());
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
