package dev.portwatch.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which label values of a capped gauge keep a series of their own: the busiest ones. So that series do not
 * come and go between scrapes (each swap is a gap in one series and a new one in Prometheus), a value kept at the
 * last choice stays until a newcomer is clearly busier: by more than a quarter and by at least 2. Among equals,
 * kept values first, then the natural order. Remembers at most {@code cap} values.
 */
final class BusiestValues<K extends Comparable<K>> {

    private final int cap;
    private Set<K> kept = Set.of();

    BusiestValues(int cap) {
        this.cap = cap;
    }

    /** The values to give a series, at most {@code cap}, chosen from how busy each is now. */
    Set<K> choose(Map<K, Long> busyness) {
        if (busyness.size() <= cap) {
            kept = new HashSet<>(busyness.keySet());
            return kept;
        }
        List<K> ranked = new ArrayList<>(busyness.keySet());
        ranked.sort(Comparator.comparingDouble((K value) -> -standing(value, busyness.get(value)))
                .thenComparing(value -> !kept.contains(value))
                .thenComparing(Comparator.naturalOrder()));
        kept = new HashSet<>(ranked.subList(0, cap));
        return kept;
    }

    /** How busy a value counts as: a kept value gets the margin a newcomer has to beat. */
    private double standing(K value, long busy) {
        return kept.contains(value) ? Math.max(busy * 1.25, busy + 1) : busy;
    }
}
