package dev.portwatch.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void everyControlAndBidiCharacterIsEscapedAndNothingElse() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean expected = c < 0x20 || c >= 0x7f && c <= 0x9f
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                    || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
            assertEquals(expected, Printable.isUnsafe(c), String.format("U+%04X", (int) c));
            String escaped = Printable.escape("a" + c + "b");
            if (expected) {
                assertEquals(String.format("a\\u%04xb", (int) c), escaped);
            } else {
                assertEquals("a" + c + "b", escaped);
            }
        }
    }

    @Test
    void safeTextIsReturnedAsItIs() {
        String text = "pool-1-thread-3 \u4e2d\u6587 caf\u00e9";
        assertSame(text, Printable.escape(text));
        assertNull(Printable.escape(null));
    }

    @Test
    void aTerminalSequenceLosesItsEscape() {
        String escaped = Printable.escape("\u001b]0;owned\u0007\u009b31m\u202etxt.exe");
        assertEquals("\\u001b]0;owned\\u0007\\u009b31m\\u202etxt.exe", escaped);
        assertTrue(escaped.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        assertFalse(escaped.contains("\u001b"));
    }
}
