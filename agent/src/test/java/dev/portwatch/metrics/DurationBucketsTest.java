package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A duration's bucket, from its bit length, is the one a binary search over the bounds finds, at every edge. */
class DurationBucketsTest {

    @Test
    void everyBoundIsInItsOwnBucketAndOneNanosecondMoreInTheNext() {
        for (Duration[] bounds : new Duration[][] {SocketMetrics.CONNECT_BUCKETS, DependencyMeters.CONNECT_BUCKETS}) {
            DurationBuckets buckets = new DurationBuckets(bounds);
            assertEquals(bounds.length + 1, buckets.count());
            assertEquals(0, buckets.of(0));
            assertEquals(0, buckets.of(1));
            for (int i = 0; i < bounds.length; i++) {
                long bound = bounds[i].toNanos();
                assertEquals(i, buckets.of(bound - 1), "just below " + bounds[i]);
                assertEquals(i, buckets.of(bound), "at " + bounds[i] + " (le includes it)");
                assertEquals(i + 1, buckets.of(bound + 1), "just above " + bounds[i]);
                assertEquals(i == 0 ? 0 : bounds[i - 1].toNanos() + 1, buckets.shortest(i));
                assertEquals(bound, buckets.longest(i));
            }
            assertEquals(bounds.length, buckets.of(Long.MAX_VALUE));
            assertEquals(Long.MAX_VALUE, buckets.longest(bounds.length));
        }
    }

    @Test
    void everyPowerOfTwoAndItsNeighboursAgreeWithABinarySearch() {
        DurationBuckets buckets = new DurationBuckets(SocketMetrics.CONNECT_BUCKETS);
        long[] bounds = new long[SocketMetrics.CONNECT_BUCKETS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = SocketMetrics.CONNECT_BUCKETS[i].toNanos();
        }
        for (int shift = 0; shift < 63; shift++) {
            for (long nanos : new long[] {(1L << shift) - 1, 1L << shift, (1L << shift) + 1, 3L << shift >>> 1}) {
                assertEquals(searched(bounds, nanos), buckets.of(nanos), "bucket of " + nanos);
            }
        }
    }

    @Test
    void boundsMustAscend() {
        assertThrows(IllegalArgumentException.class,
                () -> new DurationBuckets(new Duration[] {Duration.ofMillis(2), Duration.ofMillis(1)}));
    }

    /** The first bound at or above the duration, as a binary search finds it; past every bound, their count. */
    private static int searched(long[] bounds, long nanos) {
        int low = 0;
        int high = bounds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (bounds[middle] < nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
