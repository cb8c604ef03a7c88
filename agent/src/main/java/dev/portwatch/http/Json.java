package dev.portwatch.http;

import dev.portwatch.log.Printable;
import java.time.Instant;
import java.util.Arrays;

/**
 * A minimal JSON writer: enough for the table, with correct string escaping. Every character {@link Printable}
 * calls unsafe is written as {@code \\uXXXX}, so the document is inert when printed on a terminal.
 *
 * <p>It writes UTF-8 straight into the chunks of a {@link Body}: the document of 10,000 connections (6 MB) never
 * exists as characters, and no value is made into a String only to be copied (numbers, instants). The bytes are
 * those of the text encoded by {@code String.getBytes(UTF_8)}, a lone surrogate included ({@code ?}).
 */
final class Json {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** A double quote, named: as a char literal, ArchitectureTest's scan would read it as a string that never ends. */
    private static final char QUOTE = 0x22;
    /** The most bytes one character of a string takes: {@code \\uXXXX}. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    private final Body body;
    /** The size of each new chunk: {@link Body#CHUNK}, or less for a writer of one short string. */
    private final int chunkSize;
    /** The chunk being filled; null until the first byte is written and after each flush. */
    private byte[] chunk;
    private int at;
    private boolean needsComma;

    /** {@code chunkSize}: {@link Body#CHUNK}, or less for one string of up to {@code chunkSize / 6 - 2} characters. */
    Json(Body body, int chunkSize) {
        this.body = body;
        this.chunkSize = chunkSize;
    }

    /** Hands what is written to the body (the writer may go on writing after it) and returns the body. */
    Body flush() {
        if (chunk != null) {
            body.add(chunk, at);
            chunk = null;
            at = 0;
        }
        return body;
    }

    /** All that was written, as one array (for short texts: {@link JsonText}). */
    byte[] written() {
        return body.length() == 0 ? Arrays.copyOf(chunk, at) : flush().bytes();
    }

    Json beginObject() {
        return open('{');
    }

    Json endObject() {
        return close('}');
    }

    Json beginArray() {
        return open('[');
    }

    Json endArray() {
        return close(']');
    }

    Json name(String name) {
        separate();
        string(name);
        return open(':');
    }

    /** A name written before: its bytes are copied, not escaped again. */
    Json name(JsonText name) {
        byte[] bytes = name.asName(); // ,"name": in one copy, its comma left out when none is needed
        if (bytes == null) {
            separate();
            bytes(name.bytes);
            return open(':');
        }
        int from = needsComma ? 0 : 1;
        room(bytes.length);
        System.arraycopy(bytes, from, chunk, at, bytes.length - from);
        at += bytes.length - from;
        needsComma = false;
        return this;
    }

    /** A string value written before: its bytes are copied, not escaped again. */
    Json value(JsonText value) {
        separate();
        bytes(value.bytes);
        return valueWritten();
    }

    Json value(String value) {
        separate();
        if (value == null) {
            ascii("null");
        } else {
            string(value);
        }
        return valueWritten();
    }

    Json value(long value) {
        separate();
        room(Decimals.MAX_LENGTH);
        at = Decimals.writeLong(value, chunk, at);
        return valueWritten();
    }

    /** A duration in seconds, {@code nanos / 1e9} as {@link Double#toString(double)} writes it. */
    Json seconds(long nanos) {
        separate();
        room(Decimals.MAX_LENGTH);
        int end = Decimals.writeSeconds(nanos, chunk, at);
        if (end < 0) {
            ascii(Double.toString(nanos / 1e9));
        } else {
            at = end;
        }
        return valueWritten();
    }

    Json value(double value) {
        separate();
        ascii(Double.isFinite(value) ? Double.toString(value) : "null");
        return valueWritten();
    }

    Json value(boolean value) {
        separate();
        ascii(value ? "true" : "false");
        return valueWritten();
    }

    Json nullValue() {
        return value((String) null);
    }

    /** The instant as a string, as {@link Instant#toString()} writes it: {@code "2026-11-25T09:59:58.120Z"}. */
    Json instant(long epochMillis) {
        separate();
        room(IsoInstant.MAX_LENGTH + 2);
        int written = IsoInstant.write(epochMillis, chunk, at + 1);
        if (written < 0) {
            string(Instant.ofEpochMilli(epochMillis).toString()); // a year past 9999 or before 0000: rare, slow
        } else {
            chunk[at] = QUOTE;
            at += 1 + written;
            chunk[at++] = QUOTE;
        }
        return valueWritten();
    }

    /** Opens an object or array, or a name's value: what follows first needs no comma before it. */
    private Json open(char opening) {
        separate();
        room(1);
        chunk[at++] = (byte) opening;
        needsComma = false;
        return this;
    }

    /** Closes an object or array, which is then a value like any other. */
    private Json close(char bracket) {
        room(1);
        chunk[at++] = (byte) bracket;
        return valueWritten();
    }

    /** After a value, the next value or name of the same object or array is separated by a comma. */
    private Json valueWritten() {
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            room(1);
            chunk[at++] = ',';
            needsComma = false;
        }
    }

    /** Makes room for {@code bytes} more bytes in the chunk, handing a chunk that has too little to the body. */
    private void room(int bytes) {
        if (chunk == null || at + bytes > chunk.length) {
            flush();
            chunk = new byte[chunkSize];
        }
    }

    /** Bytes already encoded; only a text longer than a chunk is split, between two characters. */
    private void bytes(byte[] bytes) {
        for (int from = 0; from < bytes.length; ) {
            room(Math.min(bytes.length - from, chunkSize));
            int count = Math.min(bytes.length - from, chunk.length - at);
            while (from + count < bytes.length && (bytes[from + count] & 0xc0) == 0x80) {
                count--; // no character split between two chunks
            }
            System.arraycopy(bytes, from, chunk, at, count);
            at += count;
            from += count;
        }
    }

    /** Text known to be printable ASCII (literals, numbers): one byte a character. */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            chunk[at++] = (byte) text.charAt(i);
        }
    }

    /** A string, quoted and escaped; each character gets room for its longest form before it is written. */
    private void string(String value) {
        int length = value.length();
        boolean roomForAll = (length + 2) * MAX_BYTES_PER_CHAR <= Body.CHUNK;
        room(roomForAll ? (length + 2) * MAX_BYTES_PER_CHAR : MAX_BYTES_PER_CHAR);
        chunk[at++] = QUOTE;
        for (int i = 0; i < length; i++) {
            if (!roomForAll) {
                room(2 * MAX_BYTES_PER_CHAR);
            }
            char c = value.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != QUOTE && c != '\\' && c != 0x7f) {
                chunk[at++] = (byte) c; // the common case: printable ASCII
            } else {
                i = special(value, i, c);
            }
        }
        room(1);
        chunk[at++] = QUOTE;
    }

    /** Writes the character at {@code i} that is not printable ASCII; returns the index of the last one it used. */
    private int special(String value, int i, char c) {
        switch (c) {
            case QUOTE -> pair(QUOTE);
            case '\\' -> pair('\\');
            case '\n' -> pair('n');
            case '\r' -> pair('r');
            case '\t' -> pair('t');
            default -> {
                if (Printable.isUnsafe(c)) {
                    unicodeEscape(c);
                } else if (c < 0x800) {
                    chunk[at++] = (byte) (0xc0 | c >> 6);
                    chunk[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isSurrogate(c)) {
                    return surrogate(value, i, c);
                } else {
                    chunk[at++] = (byte) (0xe0 | c >> 12);
                    chunk[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                    chunk[at++] = (byte) (0x80 | c & 0x3f);
                }
            }
        }
        return i;
    }

    /** A surrogate pair is one code point of four bytes; a lone surrogate is {@code ?}, as the JDK encodes it. */
    private int surrogate(String value, int i, char c) {
        boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (pair) {
            int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
            chunk[at++] = (byte) (0xf0 | codePoint >> 18);
            chunk[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
            chunk[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
            chunk[at++] = (byte) (0x80 | codePoint & 0x3f);
            return i + 1;
        }
        chunk[at++] = '?';
        return i;
    }

    private void pair(char escaped) {
        chunk[at++] = '\\';
        chunk[at++] = (byte) escaped;
    }

    /** {@code \\uXXXX}, as {@link Printable#appendEscape} writes it. */
    private void unicodeEscape(char c) {
        chunk[at++] = '\\';
        chunk[at++] = 'u';
        chunk[at++] = HEX[c >> 12 & 0xf];
        chunk[at++] = HEX[c >> 8 & 0xf];
        chunk[at++] = HEX[c >> 4 & 0xf];
        chunk[at++] = HEX[c & 0xf];
    }
}
