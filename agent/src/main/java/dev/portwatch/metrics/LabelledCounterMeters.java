package dev.portwatch.metrics;

import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one {@link LabelledCounters}, one series per set of label values. Prometheus' {@code increase()}
 * and {@code rate()} only see a change between two samples, so a series whose first sample already holds its first
 * event shows none. Hence: label values known in advance get their series at start, at zero; a series that can only
 * be born later (a new port, an error type not listed) is shown at zero for one scrape before its real value, which
 * delays it by one scrape interval. Not thread-safe: the registry's scrape calls {@link #refresh()} under its lock.
 */
final class LabelledCounterMeters {

    private final LabelledCounters source;
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String[] tagKeys;
    /** Also what keeps each series' value source reachable: Micrometer holds it only weakly. */
    private final Map<List<String>, ShownValue> registered = new HashMap<>();
    private final List<ShownValue> heldAtZero = new ArrayList<>();

    LabelledCounterMeters(LabelledCounters source, MeterRegistry registry, String name, String description,
                          String... tagKeys) {
        this.source = source;
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tagKeys = tagKeys;
    }

    /** A series that exists from now on, at zero until its first event: for label values known in advance. */
    LabelledCounterMeters known(String... labelValues) {
        source.preset(labelValues);
        List<String> key = List.of(labelValues);
        LongAdder counter = source.counts().get(key);
        if (counter != null && !registered.containsKey(key)) {
            register(key, new ShownValue(counter, true));
        }
        return this;
    }

    /**
     * Before a scrape: shows the real values of the series held at zero by the previous scrape, and registers, held
     * at zero, the label values that appeared since.
     */
    void refresh() {
        heldAtZero.forEach(ShownValue::release);
        heldAtZero.clear();
        for (Map.Entry<List<String>, LongAdder> entry : source.counts().entrySet()) {
            if (!registered.containsKey(entry.getKey())) {
                ShownValue value = new ShownValue(entry.getValue(), false);
                heldAtZero.add(value);
                register(entry.getKey(), value);
            }
        }
    }

    private void register(List<String> labelValues, ShownValue value) {
        registered.put(labelValues, value);
        String[] tags = new String[tagKeys.length * 2];
        for (int i = 0; i < tagKeys.length; i++) {
            tags[2 * i] = tagKeys[i];
            tags[2 * i + 1] = labelValues.get(i);
        }
        FunctionCounter.builder(name, value, ShownValue::count).tags(tags).description(description)
                .register(registry);
    }

    /** A counter's value as a scrape shows it: zero while held, so that the first event is a visible step. */
    private static final class ShownValue {
        private final LongAdder counter;
        private volatile boolean released;

        ShownValue(LongAdder counter, boolean released) {
            this.counter = counter;
            this.released = released;
        }

        void release() {
            released = true;
        }

        double count() {
            return released ? counter.sum() : 0;
        }
    }
}
