package dev.portwatch.instrument;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the weave cache's files, as {@code DataOutputStream} wrote them, straight from their bytes. Not through a
 * {@code DataInputStream}: on JDK 25 its first {@code readInt} or {@code readUTF} goes through the JDK's byte-array
 * var handles, some thirty classes and several milliseconds on the thread of the application's first socket, whose
 * class is taken from the cache while it loads. A string of ASCII alone (every class name and coverage line the
 * agent writes) is read here; any other is handed to {@code DataInputStream.readUTF}, so every input reads exactly
 * as there.
 */
final class EntryReader {

    private final byte[] bytes;
    private int position;

    EntryReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int readInt() throws IOException {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | bytes[position++] & 0xff;
        }
        return value;
    }

    long readLong() throws IOException {
        return (long) readInt() << 32 | readInt() & 0xffffffffL;
    }

    /** A string as {@code DataOutput.writeUTF} wrote it (modified UTF-8 after a two-byte length). */
    String readUTF() throws IOException {
        require(2);
        int length = (bytes[position] & 0xff) << 8 | bytes[position + 1] & 0xff;
        require(2 + length);
        int start = position + 2;
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            byte b = bytes[start + i];
            if (b <= 0) { // beyond ASCII, or a NUL no writer makes: decoded as DataInputStream decodes it
                String decoded = DataInputStream.readUTF(new DataInputStream(
                        new ByteArrayInputStream(bytes, position, 2 + length)));
                position = start + length;
                return decoded;
            }
            chars[i] = (char) b;
        }
        position = start + length;
        return new String(chars);
    }

    byte[] readBytes(int length) throws IOException {
        require(length);
        byte[] read = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return read;
    }

    /** How many bytes are left to read. */
    int remaining() {
        return bytes.length - position;
    }

    private void require(int length) throws EOFException {
        if (length < 0 || length > remaining()) {
            throw new EOFException("entry ends " + remaining() + " bytes on, " + length + " wanted");
        }
    }
}
