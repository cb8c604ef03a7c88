package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durations recorded into a {@link ConnectHistogram} and folded into its timer show, in the exposition, what they
 * show recorded into a timer one by one: every bucket's count, the count, the sum and the maximum.
 */
@Timeout(60)
class ConnectHistogramTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void bucketEdgesLandWhereADirectRecordPutsThem() {
        List<Long> durations = new java.util.ArrayList<>(List.of(0L, 1L, Long.valueOf(Long.MAX_VALUE / 1_000_000)));
        for (Duration bound : SocketMetrics.CONNECT_BUCKETS) {
            durations.add(bound.toNanos() - 1);
            durations.add(bound.toNanos());
            durations.add(bound.toNanos() + 1);
        }
        assertSameAsDirect(SocketMetrics.CONNECT_BUCKETS, List.of(durations));
    }

    @Test
    void manyDurationsOverSeveralFoldsShowTheSameCountsSumAndMaximum() {
        SplittableRandom random = new SplittableRandom(14);
        List<List<Long>> folds = new java.util.ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            List<Long> durations = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                durations.add((long) Math.exp(random.nextDouble(Math.log(5_000), Math.log(200e9))));
            }
            folds.add(durations);
        }
        folds.add(List.of()); // a scrape with nothing new
        folds.add(List.of(42_000L));
        assertSameAsDirect(DependencyMeters.CONNECT_BUCKETS, folds);
        assertSameAsDirect(SocketMetrics.CONNECT_BUCKETS, folds);
    }

    @Test
    void theLargestOfAFoldIsRecordedAsItWas() {
        Timer timer = Timer.builder("t").serviceLevelObjectives(SocketMetrics.CONNECT_BUCKETS).register(registry);
        ConnectHistogram histogram = new ConnectHistogram(timer, new DurationBuckets(SocketMetrics.CONNECT_BUCKETS));
        histogram.record(260_000);
        histogram.record(300_000);
        histogram.record(499_999);
        histogram.record(-5); // ignored, as a timer ignores it
        histogram.fold();
        assertEquals(3, timer.count());
        assertEquals(1_059_999, timer.totalTime(TimeUnit.NANOSECONDS), 1e-3);
        assertEquals(499_999, timer.max(TimeUnit.NANOSECONDS), 1e-3);
        histogram.fold();
        assertEquals(3, timer.count(), "a fold hands over each duration once");
    }

    /** Each thread's largest comes last, as folds run: the race between a record's largest and its count. */
    @RepeatedTest(5)
    void recordsFromSeveralThreadsDuringFoldsAreAllHandedOverOnce() throws InterruptedException {
        Timer timer = Timer.builder("t").serviceLevelObjectives(SocketMetrics.CONNECT_BUCKETS).register(registry);
        ConnectHistogram histogram = new ConnectHistogram(timer, new DurationBuckets(SocketMetrics.CONNECT_BUCKETS));
        int perThread = 200_000;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    histogram.record(1_000 + i % 3_000_000);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                histogram.fold();
            }
        }
        histogram.fold();
        long sum = 0;
        for (int i = 0; i < perThread; i++) {
            sum += 1_000 + i % 3_000_000;
        }
        assertEquals(threads.length * (long) perThread, timer.count());
        assertEquals(threads.length * (double) sum, timer.totalTime(TimeUnit.NANOSECONDS), 1e-3 * sum);
        assertEquals(1_000 + perThread - 1, timer.max(TimeUnit.NANOSECONDS), 1e-3);
    }

    /** Each list is what is recorded between two scrapes; after each, both timers' expositions are compared. */
    private void assertSameAsDirect(Duration[] bounds, List<List<Long>> folds) {
        PrometheusMeterRegistry direct = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry folded = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer timer = Timer.builder("connect").serviceLevelObjectives(bounds).register(direct);
        ConnectHistogram histogram = new ConnectHistogram(
                Timer.builder("connect").serviceLevelObjectives(bounds).register(folded), new DurationBuckets(bounds));
        for (List<Long> durations : folds) {
            for (long nanos : durations) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
                histogram.record(nanos);
            }
            histogram.fold();
            assertEquals(exposition(direct), exposition(folded), "after " + durations.size() + " durations");
        }
    }

    /** The exposition without its comments, sums rounded to the microsecond (a double's last digits may differ). */
    private static String exposition(PrometheusMeterRegistry registry) {
        StringBuilder lines = new StringBuilder();
        for (String line : registry.scrape().lines().toList()) {
            if (line.startsWith("connect_seconds_sum")) {
                double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                line = line.substring(0, line.lastIndexOf(' ')) + " " + Math.round(seconds * 1e6);
            }
            if (!line.startsWith("#")) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }
}
