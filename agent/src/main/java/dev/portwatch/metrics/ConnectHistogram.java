package dev.portwatch.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Connect durations as the application's threads measure them, handed to a Micrometer {@link Timer} by the scrape.
 * A Micrometer record costs the connecting thread two wall-clock reads (its time-windowed maximum and its histogram
 * each ask whether to rotate), a binary search over the bucket bounds, two {@code LongAdder} adds, an atomic
 * increment and reads of the maximum's three windows; a record here is the bucket from the duration's bit length
 * ({@link DurationBuckets}) and two atomic adds, the bucket's count and its sum, after a read of the largest since
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
    /** The fold's: per bucket, the count and the sum to hand over now, at {@code 2 * bucket} and next to it. */
    private final long[] now;
    /**
     * The fold's: per bucket, nanoseconds summed that the last fold could not hand over (a record seen half, its sum
     * without its count: the count comes at the next fold).
     */
    private final long[] carried;
    /** The fold's: a largest taken before its count was there, to record when its bucket has a count; 0: none. */
    private long pendingLargest;

    ConnectHistogram(Timer timer, DurationBuckets buckets) {
        this.timer = timer;
        this.buckets = buckets;
        this.largest = 2 * buckets.count();
        this.cells = new AtomicLongArray(largest + 1);
        this.folded = new long[largest];
        this.now = new long[largest];
        this.carried = new long[buckets.count()];
    }

    Timer timer() {
        return timer;
    }

    /**
     * A connect's duration: on the application's thread, no lock, no clock, no allocation. The largest is raised
     * before the count and the count after the sum, so a fold that reads a count has its sum, and takes its largest.
     */
    void record(long nanos) {
        if (nanos < 0) {
            return; // as a Micrometer timer ignores it
        }
        if (nanos > cells.get(largest)) {
            raiseLargest(nanos);
        }
        int count = 2 * buckets.of(nanos);
        cells.getAndAdd(count + 1, nanos);
        cells.getAndIncrement(count);
    }

    private void raiseLargest(long nanos) {
        long seen = cells.get(largest);
        while (nanos > seen && !cells.compareAndSet(largest, seen, nanos)) {
            seen = cells.get(largest);
        }
    }

    /**
     * Hands the durations recorded since the last fold to the timer. Not thread-safe: the scrape's lock holds it.
     * The counts are read before the largest is taken, so the largest of every duration counted is taken too; a
     * largest taken before its count is there waits for a fold whose count of its bucket is not zero.
     */
    void fold() {
        for (int cell = 0; cell < largest; cell++) {
            long value = cells.get(cell);
            now[cell] = value - folded[cell];
            folded[cell] = value;
        }
        long taken = cells.getAndSet(largest, 0);
        long pending = pendingLargest;
        pendingLargest = 0;
        recordLargest(Math.max(taken, pending));
        recordLargest(Math.min(taken, pending));
        for (int bucket = 0; bucket < buckets.count(); bucket++) {
            carried[bucket] = recordSpread(bucket, now[2 * bucket], now[2 * bucket + 1] + carried[bucket]);
        }
    }

    /** Records a largest duration as it was, as one of its bucket's count, or keeps it for the next fold. */
    private void recordLargest(long nanos) {
        if (nanos <= 0) {
            return;
        }
        int count = 2 * buckets.of(nanos);
        if (now[count] > 0) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
            now[count]--;
            now[count + 1] -= nanos;
        } else {
            pendingLargest = Math.max(pendingLargest, nanos);
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
