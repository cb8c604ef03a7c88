package dev.portwatch.table;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters keyed by a few label values (an error type, a port), bounded: once {@code maxKeys} keys exist, new keys
 * are folded into one whose every value is {@code other}, and each folded increment is counted. So a flood of
 * distinct ports can never grow the number of metric series past the cap.
 */
public final class LabelledCounters {

    public static final String OTHER = "other";

    private final Map<List<String>, LongAdder> counters = new ConcurrentHashMap<>();
    private final LongAdder folded = new LongAdder();
    private final int maxKeys;

    public LabelledCounters(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public void increment(String... labelValues) {
        List<String> key = List.of(labelValues);
        LongAdder counter = counters.get(key);
        if (counter == null) {
            if (counters.size() >= maxKeys) {
                folded.increment();
                key = others(labelValues.length);
            }
            counter = counterOf(key);
        }
        counter.increment();
    }

    /**
     * The counter of these label values, made if absent; null when the cap folds them into {@code other} (count
     * those with {@link #increment}, which counts the fold). A caller may keep the counter: no key is ever removed.
     */
    public LongAdder keptCounter(String... labelValues) {
        List<String> key = List.of(labelValues);
        LongAdder counter = counters.get(key);
        return counter != null || counters.size() >= maxKeys ? counter : counterOf(key);
    }

    /**
     * The counter of {@code key}, made if absent. No lambda (nor stream, in {@link #others}): the first accept of a
     * JVM counts here, and a lambda costs the JDK spinning a class on the application's thread the first time.
     */
    private LongAdder counterOf(List<String> key) {
        LongAdder counter = counters.get(key);
        if (counter == null) {
            LongAdder made = new LongAdder();
            counter = counters.putIfAbsent(key, made);
            if (counter == null) {
                counter = made;
            }
        }
        return counter;
    }

    private static List<String> others(int size) {
        String[] values = new String[size];
        Arrays.fill(values, OTHER);
        return List.of(values);
    }

    /**
     * Creates the counter of these label values at zero, so that a metric can show it before its first increment
     * (a counter that first appears with a value of 1 is invisible to Prometheus' {@code increase()}). Counts toward
     * the cap like any key; past it, nothing is created.
     */
    public void preset(String... labelValues) {
        if (counters.size() < maxKeys) {
            counterOf(List.of(labelValues));
        }
    }

    /** The counts by label values; a live view, for meters that read it at scrape time. */
    public Map<List<String>, LongAdder> counts() {
        return counters;
    }

    /** Increments that went to the {@code other} key because the cap was reached. */
    public long folded() {
        return folded.sum();
    }
}
