package dev.portwatch.demo;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counts of what the demo did and which failures it met. Loops never rethrow, so this is the one place an
 * error leaves a trace in the demo itself (the agent's table is the other).
 */
final class Counters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String name) {
        counts.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    long get(String name) {
        LongAdder count = counts.get(name);
        return count == null ? 0 : count.sum();
    }

    /** One line, sorted by name, so two summaries can be compared by eye. */
    String summary() {
        StringJoiner line = new StringJoiner(", ");
        new TreeMap<>(counts).forEach((name, count) -> line.add(name + "=" + count.sum()));
        return line.length() == 0 ? "nothing counted" : line.toString();
    }
}
