package dev.portwatch.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Connect durations as the application's threads measure them, handed to a Micrometer {@link Timer} by the scrape.
 * A Micrometer record costs the connecting thread two wall-clock reads (its time-windowed maximum and its histogram
 * each ask whether to rotate), a binary search over the bucket bounds, two {@code LongAdder} adds, an atomic
 * increment and reads of the maximum's three windows; a record here is the bucket from the duration's bit length
 * ({@link DurationBuckets}) and two atomic adds, the bucket's count and its sum, plus a read of the largest since
 * the last scrape. {@link #fold()}, on the scrape's thread, records into the timer what came since the last
 * fold: the largest duration as it was, and each bucket's other durations as their mean, rounded up for some and
 * down for the others. Every duration so lands in its own bucket, the sum is exact and the largest is the largest,
 * so the timer shows the same count, sum, buckets and maximum as if each connect had been recorded into it.
 * What differs is when: a duration enters the timer's maximum's time window at the scrape after it, not at once.
 */
final class ConnectHistogram {

    private final Timer timer;
    private final DurationBuckets buckets;
    /** Per bucket its count at {@code 2 * bucket} and its sum of nanoseconds next to it; then the largest. */
    private final AtomicLongArray cells;
    private final int largest;
    /** The fold's (under the scrape's lock): each cell's value at the last fold. */
    private final long[] folded;
    /**
     * The fold's: per bucket, nanoseconds summed that the last fold could not hand over (a record seen half, its sum
     * without its count: the count comes at the next fold).
     */
    private final long[] carried;

    ConnectHistogram(Timer timer, DurationBuckets buckets) {
        this.timer = timer;
        this.buckets = buckets;
        this.largest = 2 * buckets.count();
        this.cells = new AtomicLongArray(largest + 1);
        this.folded = new long[largest];
        this.carried = new long[buckets.count()];
    }

    Timer timer() {
        return timer;
    }

    /** A connect's duration: on the application's thread, no lock, no clock, no allocation. */
    void record(long nanos) {
        if (nanos < 0) {
            return; // as a Micrometer timer ignores it
        }
        int count = 2 * buckets.of(nanos);
        cells.getAndAdd(count + 1, nanos); // the sum first: a fold that sees the count sees the sum
        cells.getAndIncrement(count);
        if (nanos > cells.get(largest)) {
            raiseLargest(nanos);
        }
    }

    private void raiseLargest(long nanos) {
        long seen = cells.get(largest);
        while (nanos > seen && !cells.compareAndSet(largest, seen, nanos)) {
            seen = cells.get(largest);
        }
    }

    /**
     * Hands the durations recorded since the last fold to the timer. Not thread-safe: the scrape's lock holds it.
     * The largest is taken before the counts, and a record raises it after its count: so its count is among those
     * read. Only a record counted before the last fold and raising the largest after that fold took it leaves a
     * largest whose bucket may have no new count; it was handed over by that fold, so it is dropped here.
     */
    void fold() {
        long max = cells.getAndSet(largest, 0);
        int maxBucket = max > 0 ? buckets.of(max) : -1;
        for (int bucket = 0; bucket < buckets.count(); bucket++) {
            long count = cells.get(2 * bucket) - folded[2 * bucket];
            long sum = cells.get(2 * bucket + 1) - folded[2 * bucket + 1];
            folded[2 * bucket] += count;
            folded[2 * bucket + 1] += sum;
            sum += carried[bucket];
            if (bucket == maxBucket && count > 0) {
                timer.record(max, TimeUnit.NANOSECONDS);
                count--;
                sum -= max;
                maxBucket = -1;
            }
            carried[bucket] = recordSpread(bucket, count, sum);
        }
    }

    /**
     * Records {@code count} durations of the bucket that sum to {@code sum}: the mean, rounded down, and one
     * nanosecond more for as many as the rest needs. Returns what could not be recorded inside the bucket (zero
     * unless the cells were read between a record's sum and its count).
     */
    private long recordSpread(int bucket, long count, long sum) {
        if (count == 0) {
            return sum;
        }
        long each = Math.min(Math.max(Math.floorDiv(sum, count), buckets.shortest(bucket)), buckets.longest(bucket));
        long longer = each < buckets.longest(bucket) ? Math.min(Math.max(sum - each * count, 0), count) : 0;
        for (long i = longer; i < count; i++) {
            timer.record(each, TimeUnit.NANOSECONDS);
        }
        for (long i = 0; i < longer; i++) {
            timer.record(each + 1, TimeUnit.NANOSECONDS);
        }
        return sum - each * count - longer;
    }
}
