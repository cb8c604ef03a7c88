package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers come out as the JDK writes them: longs as {@code Long.toString}, seconds as {@code Double.toString}. */
class DecimalsTest {

    private static String seconds(long nanos) {
        byte[] into = new byte[Decimals.MAX_LENGTH + 3];
        int end = Decimals.writeSeconds(nanos, into, 3);
        return end < 0 ? null : new String(into, 3, end - 3, StandardCharsets.US_ASCII);
    }

    private static String longText(long value) {
        byte[] into = new byte[Decimals.MAX_LENGTH + 1];
        return new String(into, 1, Decimals.writeLong(value, into, 1) - 1, StandardCharsets.US_ASCII);
    }

    /** Every order of magnitude, round numbers and random ones, below a millisecond (scientific) and above. */
    @Test
    void secondsAreWhatDoubleToStringWritesOfNanosOverABillion() {
        Random random = new Random(14);
        for (long scale = 1; scale < 1_000_000_000_000_000L; scale *= 10) {
            for (long nanos : new long[] {scale, scale - 1, 2 * scale, scale + 1, 15 * scale / 10, 999 * scale / 100}) {
                assertEquals(Double.toString(nanos / 1e9), seconds(nanos), () -> nanos + " ns");
            }
            for (int i = 0; i < 2_000; i++) {
                long nanos = Math.floorMod(random.nextLong(), 10 * scale);
                assertEquals(Double.toString(nanos / 1e9), seconds(nanos), () -> nanos + " ns");
            }
        }
        assertEquals("0.0", seconds(0));
        assertEquals("1.5E-4", seconds(150_000));
        assertEquals("0.0015", seconds(1_500_000));
        assertEquals("2.0", seconds(2_000_000_000));
    }

    @Test
    void negativeAndVeryLongDurationsAreLeftToTheCaller() {
        assertEquals(null, seconds(-1));
        assertEquals(null, seconds(1_000_000_000_000_000L));
        assertEquals(null, seconds(Long.MAX_VALUE));
        assertEquals("1.0E-9", new Json(new Body(), Body.CHUNK).seconds(1).flush().text());
        assertEquals("-1.0E-9", new Json(new Body(), Body.CHUNK).seconds(-1).flush().text());
        assertEquals("9.223372036854776E9", new Json(new Body(), Body.CHUNK).seconds(Long.MAX_VALUE).flush().text());
    }

    @Test
    void longsAreTheirDigits() {
        Random random = new Random(15);
        for (long value : new long[] {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            assertEquals(Long.toString(value), longText(value));
        }
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertEquals(Long.toString(value), longText(value));
        }
    }
}
