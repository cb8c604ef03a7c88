package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BusyStartTest {

    private static long ticks(String stat) {
        byte[] bytes = stat.getBytes(StandardCharsets.US_ASCII);
        return BusyStart.ticks(bytes, bytes.length);
    }

    @Test
    void userAndSystemTimeAreFields14And15() {
        assertEquals(1234 + 56, ticks("4509 (java) S 4466 4466 28787 0 -1 4194304 101 0 3 0 1234 56 7 8 20 0 1 0"));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertEquals(11 + 22, ticks("77 (a (b) c) R 1 1 1 0 -1 0 0 0 0 0 11 22 0 0 20 0 1 0"));
    }

    @Test
    void aTruncatedOrForeignFileReadsAsUnknown() {
        assertEquals(-1, ticks("4509 (java) S 4466 4466 28787 0 -1 4194304 101 0 3 0 1234"));
        assertEquals(-1, ticks("no parenthesis here"));
    }

    @Test
    void thisProcessHasUsedSomeCpuOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(BusyStart.cpuTicks() > 0);
        }
    }

    @Test
    void anIdleProcessIsNotHeldBack() {
        long start = System.nanoTime();
        BusyStart.awaitQuiet(BusyStart.MAX_MILLIS);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < BusyStart.MAX_MILLIS + 500, waitedMillis + " ms");
    }
}
