package dev.portwatch.metrics;

import java.time.Duration;

/**
 * A histogram's bucket bounds in nanoseconds, and the bucket of a duration found without a binary search: the
 * duration's bit length gives the first bucket that can hold it, and only the bounds of the same power of two (at
 * most two for the connect histograms' bounds) are compared after it. Bucket {@code i} holds the durations above
 * bound {@code i - 1} up to bound {@code i} included (Prometheus' {@code le}); the last, {@link #count()} - 1, those
 * above every bound.
 */
final class DurationBuckets {

    private final long[] bounds;
    /** Per bit length of a duration, the first bucket that can hold a duration of that length. */
    private final int[] firstByBitLength = new int[Long.SIZE + 1];

    DurationBuckets(Duration[] bounds) {
        this.bounds = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            this.bounds[i] = bounds[i].toNanos();
            if (i > 0 && this.bounds[i] <= this.bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend: " + bounds[i - 1] + ", " + bounds[i]);
            }
        }
        for (int length = 0; length <= Long.SIZE; length++) {
            long shortest = length == 0 ? 0 : 1L << (length - 1);
            int first = 0;
            while (first < this.bounds.length && this.bounds[first] < shortest) {
                first++;
            }
            firstByBitLength[length] = first;
        }
    }

    /** The buckets, the one above every bound included. */
    int count() {
        return bounds.length + 1;
    }

    /** The bucket of a duration of zero or more nanoseconds. */
    int of(long nanos) {
        int bucket = firstByBitLength[Long.SIZE - Long.numberOfLeadingZeros(nanos)];
        while (bucket < bounds.length && nanos > bounds[bucket]) {
            bucket++;
        }
        return bucket;
    }

    /** The shortest duration, in whole nanoseconds, that the bucket holds. */
    long shortest(int bucket) {
        return bucket == 0 ? 0 : bounds[bucket - 1] + 1;
    }

    /** The longest duration that the bucket holds. */
    long longest(int bucket) {
        return bucket < bounds.length ? bounds[bucket] : Long.MAX_VALUE;
    }
}
