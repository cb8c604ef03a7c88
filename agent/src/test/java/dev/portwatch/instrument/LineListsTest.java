package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A list the cache wrote reads back as it was; a corrupt count or a cut file ends the read with an IOException. */
class LineListsTest {

    private static byte[] written(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        LineLists.write(out, lines);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] count(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeInt(count);
        return bytes.toByteArray();
    }

    private static EntryReader in(byte[] bytes) {
        return new EntryReader(bytes);
    }

    @Test
    void aListReadsBackAsItWasWritten() throws IOException {
        List<String> lines = List.of("a line", "", "ünïcödé – line");
        EntryReader in = in(written(lines));

        assertEquals(lines, LineLists.read(in));
        assertEquals(0, in.remaining(), "the whole list read, nothing after it");
        assertEquals(List.of(), LineLists.read(in(written(List.of()))));
    }

    @Test
    void theBoundIsTheMostItReads() throws IOException {
        List<String> most = Collections.nCopies(LineLists.MAX_ITEMS, "x");

        assertEquals(most, LineLists.read(in(written(most))));
    }

    @Test
    void aCountOverTheBoundOrNegativeIsRefusedBeforeAnyAllocation() {
        assertThrows(IOException.class, () -> LineLists.read(in(count(LineLists.MAX_ITEMS + 1))));
        assertThrows(IOException.class, () -> LineLists.read(in(count(Integer.MAX_VALUE))));
        assertThrows(IOException.class, () -> LineLists.read(in(count(-1))));
        assertThrows(IOException.class, () -> LineLists.count(in(count(LineLists.MAX_ITEMS + 1))));
    }

    @Test
    void aCutStreamEndsTheRead() throws IOException {
        byte[] whole = written(List.of("a line", "another"));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(EOFException.class, () -> LineLists.read(in(cut)), "cut to " + length + " bytes");
        }
    }
}
