package dev.portwatch.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EphemeralRangeTest {

    @TempDir
    Path dir;

    @Test
    void readsTheLinuxFile() throws IOException {
        Path file = Files.writeString(dir.resolve("ip_local_port_range"), "32768\t60999\n");

        EphemeralRange range = EphemeralRange.read(file);

        assertEquals(new EphemeralRange(32768, 60999, file.toString()), range);
    }

    @Test
    void missingFileFallsBackToIana() {
        assertSame(EphemeralRange.IANA, EphemeralRange.read(dir.resolve("absent")));
        assertEquals(49152, EphemeralRange.IANA.first());
        assertEquals(65535, EphemeralRange.IANA.last());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "\n", "32768\n", "abc def\n", "60999 32768\n", "1 70000\n", "-5 10\n"})
    void unreadableContentFallsBackToIana(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("range"), content);
        assertSame(EphemeralRange.IANA, EphemeralRange.read(file));
    }

    @Test
    void containsIsInclusive() {
        EphemeralRange range = new EphemeralRange(32768, 60999, "test");

        assertFalse(range.contains(32767));
        assertTrue(range.contains(32768));
        assertTrue(range.contains(45000));
        assertTrue(range.contains(60999));
        assertFalse(range.contains(61000));
    }

    @Test
    void size() {
        assertEquals(28232, new EphemeralRange(32768, 60999, "test").size());
        assertEquals(16384, EphemeralRange.IANA.size());
        assertEquals(1, new EphemeralRange(5, 5, "test").size());
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new EphemeralRange(-1, 10, "test"));
        assertThrows(IllegalArgumentException.class, () -> new EphemeralRange(10, 65536, "test"));
        assertThrows(IllegalArgumentException.class, () -> new EphemeralRange(11, 10, "test"));
    }
}
