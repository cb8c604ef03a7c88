package dev.portwatch.http;

/**
 * Numbers as JSON writes them, as ASCII bytes straight into a chunk: a long's digits, and a duration of nanoseconds
 * in seconds as {@link Double#toString(double)} writes {@code nanos / 1e9} ({@code 0.0015}, {@code 1.5E-4}), without
 * the JDK's general double formatting, which was a tenth of a 10,000-row document's time.
 */
final class Decimals {

    /** Room for any number written at once. */
    static final int MAX_LENGTH = 24;

    private static final long NANOS_PER_SECOND = 1_000_000_000;
    /** Below a millisecond, {@code Double.toString} writes seconds in scientific notation. */
    private static final long PLAIN_FROM_NANOS = 1_000_000;
    /**
     * Up to this many nanoseconds (11 days) the shortest decimal of {@code nanos / 1e9} is its exact one: it has at
     * most 15 significant digits, and no two such decimals share a double.
     */
    private static final long EXACT_BELOW_NANOS = 1_000_000_000_000_000L;

    private Decimals() {}

    /** Writes the long's decimal digits at {@code at}; returns where they end. */
    static int writeLong(long value, byte[] into, int at) {
        if (value == Long.MIN_VALUE) {
            String text = Long.toString(value);
            for (int i = 0; i < text.length(); i++) {
                into[at++] = (byte) text.charAt(i);
            }
            return at;
        }
        if (value < 0) {
            into[at++] = '-';
            value = -value;
        }
        return digits(value, digitCount(value), into, at);
    }

    /**
     * Writes {@code nanos / 1e9} as {@code Double.toString} would; returns where it ends, or -1 (nothing written) for
     * a negative duration or one of 11 days or more, which the caller formats the slow way.
     */
    static int writeSeconds(long nanos, byte[] into, int at) {
        if (nanos < 0 || nanos >= EXACT_BELOW_NANOS) {
            return -1;
        }
        if (nanos >= PLAIN_FROM_NANOS || nanos == 0) {
            long whole = nanos / NANOS_PER_SECOND;
            at = digits(whole, digitCount(whole), into, at);
            into[at++] = '.';
            long fraction = nanos % NANOS_PER_SECOND;
            int places = 9;
            while (places > 1 && fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            return digits(fraction, places, into, at); // leading zeros included: 0.0015
        }
        int count = digitCount(nanos);
        int exponent = count - 1 - 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            count--;
        }
        long leading = pow10(count - 1);
        into[at++] = (byte) ('0' + nanos / leading);
        into[at++] = '.';
        at = count == 1 ? digits(0, 1, into, at) : digits(nanos % leading, count - 1, into, at);
        into[at++] = 'E';
        into[at++] = '-';
        return digits(-exponent, 1, into, at);
    }

    /** {@code value}'s last {@code count} decimal digits (zeros first when it has fewer), at {@code at}. */
    private static int digits(long value, int count, byte[] into, int at) {
        int end = at + count;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    private static int digitCount(long value) {
        int count = 1;
        for (long bound = 10; count < 19 && value >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    private static long pow10(int exponent) {
        long power = 1;
        for (int i = 0; i < exponent; i++) {
            power *= 10;
        }
        return power;
    }
}
