package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What DataOutputStream wrote reads back as DataInputStream reads it: ASCII, any other string, numbers, bytes. */
class EntryReaderTest {

    private static final List<String> STRINGS = List.of("", "sun.nio.ch.NioSocketImpl", "a line with \u0000 in it",
            "ünïcödé – line", "\uD83D\uDE00 surrogates", "x".repeat(60_000));

    @Test
    void readsBackWhatDataOutputStreamWroteAsDataInputStreamDoes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String string : STRINGS) {
            out.writeUTF(string);
            out.writeInt(string.length() * -31);
            out.writeLong(string.hashCode() * 0x9E3779B97F4A7C15L);
        }
        out.write(new byte[] {1, 2, 3});
        byte[] written = bytes.toByteArray();

        EntryReader reader = new EntryReader(written);
        DataInputStream expected = new DataInputStream(new ByteArrayInputStream(written));
        for (String string : STRINGS) {
            assertEquals(expected.readUTF(), reader.readUTF());
            assertEquals(expected.readInt(), reader.readInt());
            assertEquals(expected.readLong(), reader.readLong());
        }
        assertEquals(3, reader.remaining());
        assertArrayEquals(new byte[] {1, 2, 3}, reader.readBytes(3));
        assertEquals(0, reader.remaining());
    }

    @Test
    void aCutOrMalformedFileEndsTheReadWithAnIOException() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("ünïcödé");
        out.writeUTF("ascii");
        out.writeLong(7);
        byte[] written = bytes.toByteArray();
        for (int length = 0; length < written.length; length++) {
            EntryReader cut = new EntryReader(Arrays.copyOf(written, length));
            assertThrows(EOFException.class, () -> {
                cut.readUTF();
                cut.readUTF();
                cut.readLong();
            }, "cut to " + length + " bytes");
        }
        assertThrows(EOFException.class, () -> new EntryReader(new byte[] {0, 0, 0, 4}).readBytes(5));
        assertThrows(UTFDataFormatException.class, () -> new EntryReader(new byte[] {0, 1, (byte) 0x80}).readUTF());
    }
}
