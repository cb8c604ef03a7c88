package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * {@code portwatch_labels_folded_total}. The series alerts read exist at zero from the start; a series born later
 * shows zero at its first scrape, so that Prometheus' {@code increase()} sees its first error.
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
        errors.refresh();

        Collection<FunctionCounter> series = registry.find("portwatch.connect.errors").functionCounters();
        int known = ErrorMetrics.TCP_CONNECT_ERRORS.size() + ErrorMetrics.UDP_CONNECT_ERRORS.size();
        assertEquals(33, series.size(), "32 label sets (" + known + " known in advance) and other");
        Map<String, Double> byType = new TreeMap<>();
        series.forEach(c -> byType.merge(c.getId().getTag(Labels.ERROR_TYPE), c.count(), Double::sum));
        assertEquals(2.0, byType.get("Error0Exception"));
        assertEquals(1.0, byType.get("Error25Exception"), "the last type under the cap");
        assertEquals(15.0, byType.get(LabelledCounters.OTHER), "14 types past the cap, one of them twice");
        assertEquals(15.0, folded(registry, "portwatch_connect_errors_total"));
        assertEquals(0.0, folded(registry, "portwatch_bind_errors_total"));

        // A later refresh registers nothing twice and keeps counting.
        fed.connectError("Error41Exception", 6379);
        errors.refresh();
        assertEquals(33, registry.find("portwatch.connect.errors").functionCounters().size());
        assertEquals(16.0, folded(registry, "portwatch_connect_errors_total"));
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
        errors.refresh();

        Collection<FunctionCounter> series = registry.find("portwatch.bind.errors.by.port").functionCounters();
        assertEquals(65, series.size(), "64 ports and other");
        FunctionCounter other = registry.find("portwatch.bind.errors.by.port").tag(Labels.PORT, LabelledCounters.OTHER)
                .functionCounter();
        assertEquals(6.0, other.count());
        assertEquals(LabelledCounters.OTHER, other.getId().getTag(Labels.TRANSPORT));
        assertEquals(1.0, registry.find("portwatch.bind.errors.by.port").tag(Labels.PORT, "8000").functionCounter()
                .count());
        assertEquals(6.0, folded(registry, "portwatch_bind_errors_by_port_total"));
        assertEquals(70.0, registry.find("portwatch.bind.errors").tags(Labels.TRANSPORT, "tcp", Labels.ERROR_TYPE,
                "BindException").functionCounter().count(), "by transport and type, nothing is folded");
        assertEquals(0.0, folded(registry, "portwatch_bind_errors_total"));
    }

    @Test
    void theSeriesAlertsReadExistAtZeroBeforeTheFirstError() {
        HandFedTable fed = new HandFedTable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ErrorMetrics(fed.table.counters(), registry);

        for (String type : ErrorMetrics.TCP_CONNECT_ERRORS) {
            assertEquals(0.0, connectErrors(registry, "tcp", type).count(), type);
        }
        for (String transport : List.of("tcp", "udp")) {
            for (String type : ErrorMetrics.BIND_ERRORS) {
                assertEquals(0.0, registry.find("portwatch.bind.errors").tags(Labels.TRANSPORT, transport,
                        Labels.ERROR_TYPE, type).functionCounter().count(), transport + " " + type);
            }
        }
        fed.connectError("ConnectException", 6379);
        assertEquals(1.0, connectErrors(registry, "tcp", "ConnectException").count(),
                "a series known in advance shows its first error at once");
    }

    @Test
    void aSeriesBornWithItsFirstErrorIsShownAtZeroForOneScrapeFirst() {
        HandFedTable fed = new HandFedTable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ErrorMetrics errors = new ErrorMetrics(fed.table.counters(), registry);
        fed.connectError("UnresolvedAddressException", 6379);
        fed.bindError(8080);
        assertNull(registry.find("portwatch.connect.errors").tag(Labels.ERROR_TYPE, "UnresolvedAddressException")
                .functionCounter(), "no series before the scrape that finds the new label values");

        errors.refresh();
        FunctionCounter unresolved = connectErrors(registry, "tcp", "UnresolvedAddressException");
        FunctionCounter port = registry.find("portwatch.bind.errors.by.port").tag(Labels.PORT, "8080")
                .functionCounter();
        assertEquals(0.0, unresolved.count(), "its first scrape shows 0, so that the error is an increase");
        assertEquals(0.0, port.count());
        fed.connectError("UnresolvedAddressException", 6379);
        assertEquals(0.0, unresolved.count(), "held at zero until the next scrape");

        errors.refresh();
        assertEquals(2.0, unresolved.count());
        assertEquals(1.0, port.count());
    }

    private static FunctionCounter connectErrors(SimpleMeterRegistry registry, String transport, String type) {
        return registry.find("portwatch.connect.errors").tags(Labels.TRANSPORT, transport, Labels.ERROR_TYPE, type)
                .functionCounter();
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
