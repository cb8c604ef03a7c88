package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Counters whose label values come from what happens (error types, ports) are capped: past the cap, new label
 * values are counted under {@code other}, and every increment folded so is counted in
 * {@code portwatch_labels_folded_total}.
 */
@Timeout(30)
class LabelCapsTest {

    @Test
    void newKeysPastTheCapAreCountedUnderOther() {
        LabelledCounters counters = new LabelledCounters(3);
        counters.increment("tcp", "A");
        counters.increment("tcp", "B");
        counters.increment("tcp", "C");
        counters.increment("tcp", "D");
        counters.increment("tcp", "E");
        counters.increment("tcp", "D");
        counters.increment("tcp", "A");

        assertEquals(Map.of(List.of("tcp", "A"), 2L, List.of("tcp", "B"), 1L, List.of("tcp", "C"), 1L,
                List.of(LabelledCounters.OTHER, LabelledCounters.OTHER), 3L), sums(counters.counts()));
        assertEquals(3, counters.folded(), "D, E and D again went to other");
    }

    @Test
    void connectErrorTypesAreCappedInTheRegistry() {
        HandFedTable fed = new HandFedTable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ErrorMetrics errors = new ErrorMetrics(fed.table.counters(), registry);
        for (int i = 0; i < 40; i++) {
            fed.connectError("Error" + i + "Exception", 6379);
        }
        fed.connectError("Error0Exception", 6379);
        fed.connectError("Error39Exception", 6379);
        errors.refresh();

        Collection<FunctionCounter> series = registry.find("portwatch.connect.errors").functionCounters();
        assertEquals(33, series.size(), "32 error types and other");
        Map<String, Double> byType = new TreeMap<>();
        series.forEach(c -> byType.put(c.getId().getTag(Labels.ERROR_TYPE), c.count()));
        assertEquals(2.0, byType.get("Error0Exception"));
        assertEquals(9.0, byType.get(LabelledCounters.OTHER), "8 types past the cap, one of them twice");
        assertEquals(9.0, folded(registry, "portwatch_connect_errors_total"));
        assertEquals(0.0, folded(registry, "portwatch_bind_errors_total"));

        // A later refresh registers nothing twice and keeps counting.
        fed.connectError("Error41Exception", 6379);
        errors.refresh();
        assertEquals(33, registry.find("portwatch.connect.errors").functionCounters().size());
        assertEquals(10.0, folded(registry, "portwatch_connect_errors_total"));
    }

    @Test
    void bindErrorPortsAreCappedInTheRegistry() {
        HandFedTable fed = new HandFedTable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ErrorMetrics errors = new ErrorMetrics(fed.table.counters(), registry);
        for (int i = 0; i < 70; i++) {
            fed.bindError(8000 + i);
        }
        errors.refresh();

        Collection<FunctionCounter> series = registry.find("portwatch.bind.errors").functionCounters();
        assertEquals(65, series.size(), "64 ports and other");
        FunctionCounter other = registry.find("portwatch.bind.errors").tag(Labels.PORT, LabelledCounters.OTHER)
                .functionCounter();
        assertEquals(6.0, other.count());
        assertEquals(LabelledCounters.OTHER, other.getId().getTag(Labels.TRANSPORT));
        assertEquals(LabelledCounters.OTHER, other.getId().getTag(Labels.ERROR_TYPE));
        assertEquals(1.0, registry.find("portwatch.bind.errors").tag(Labels.PORT, "8000").functionCounter().count());
        assertEquals(6.0, folded(registry, "portwatch_bind_errors_total"));
    }

    private static double folded(SimpleMeterRegistry registry, String metric) {
        return registry.find("portwatch.labels.folded").tag("metric", metric).functionCounter().count();
    }

    private static Map<List<String>, Long> sums(Map<List<String>, LongAdder> counts) {
        Map<List<String>, Long> sums = new java.util.HashMap<>();
        counts.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
