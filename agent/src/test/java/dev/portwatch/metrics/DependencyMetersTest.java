package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-dependency series are capped: the busiest dependencies keep their own, the rest are counted under
 * {@code other}, which never goes down, and no connection is ever counted twice or lost, whatever moves between the
 * two. Every series is at zero on its first scrape; a dependency's connect histogram holds the connects made before
 * its first scrape.
 */
@Timeout(30)
class DependencyMetersTest {

    private static final String OPENED = "portwatch.outbound.connections.opened";
    private static final int FIRST_PORT = 10_000;

    private final HandFedTable fed = new HandFedTable();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DependencyMeters meters = new DependencyMeters(fed.table.dependencies(), registry);

    @Test
    void theBusiestKeepTheirSeriesAndTheRestAreCountedUnderOther() {
        int dependencies = DependencyMeters.MAX_DEPENDENCIES + 10;
        long total = 0;
        for (int i = 0; i < dependencies; i++) {
            connect(FIRST_PORT + i, i + 1);
            total += i + 1;
        }
        meters.refresh();
        assertEquals(0.0, opened().values().stream().mapToDouble(Double::doubleValue).sum(),
                "every series is at zero on its first scrape");
        meters.refresh();

        Map<String, Double> opened = opened();
        assertEquals(DependencyMeters.MAX_DEPENDENCIES + 1, opened.size(), "50 dependencies and other: " + opened);
        assertEquals(55.0, opened.get("other"), "the 10 least busy: 1 + 2 + ... + 10 connections");
        assertEquals(60.0, opened.get("127.0.0.1:" + (FIRST_PORT + 59)));
        assertEquals(total, sum(opened), "each connection counted once");
        assertEquals(10.0, registry.get("portwatch.labels.folded.values")
                .tag("metric", "portwatch_outbound_connections_opened_total").gauge().value());
        Timer busiest = registry.get("portwatch.outbound.connect.duration")
                .tag(Labels.SERVER_PORT, Integer.toString(FIRST_PORT + 59)).timer();
        assertEquals(60, busiest.count(), "connects before the first scrape are in the dependency's histogram");

        connect(FIRST_PORT, 500); // the least busy becomes the busiest
        total += 500;
        meters.refresh();
        Map<String, Double> promoted = opened();
        assertEquals(0.0, promoted.get("127.0.0.1:" + FIRST_PORT), "a new series starts at zero");
        assertTrue(promoted.get("other") >= 55.0, "other never goes down: " + promoted.get("other"));
        meters.refresh();
        Map<String, Double> after = opened();
        assertEquals(500.0, after.get("127.0.0.1:" + FIRST_PORT), "what other had not counted already");
        assertEquals(null, after.get("127.0.0.1:" + (FIRST_PORT + 10)), "the least busy left its series");
        assertEquals(total - 11, sum(after), "each connection counted once, the 11 of the dependency that left "
                + "its series in that series' last sample: " + after);
        assertEquals(DependencyMeters.MAX_DEPENDENCIES + 1, after.size());
    }

    @Test
    void aDependencyWhoseFirstEventIsAFailureShowsItAsAnIncrease() {
        fed.connectError("ConnectException", 6379);
        meters.refresh();
        FunctionCounter refused = registry.get("portwatch.outbound.connect.errors")
                .tag(Labels.SERVER_PORT, "6379").tag(Labels.ERROR_TYPE, "ConnectException").functionCounter();
        assertEquals(0.0, refused.count());
        meters.refresh();
        assertEquals(1.0, refused.count());
        assertEquals(0.0, registry.get("portwatch.outbound.connect.errors").tag(Labels.SERVER_PORT, "6379")
                .tag(Labels.ERROR_TYPE, "SocketTimeoutException").functionCounter().count(),
                "the known error types are there at zero");
    }

    private void connect(int port, int times) {
        for (int i = 0; i < times; i++) {
            fed.outbound(port, false, 100_000);
        }
    }

    private Map<String, Double> opened() {
        Map<String, Double> opened = new TreeMap<>();
        registry.find(OPENED).functionCounters().forEach(counter -> {
            String address = counter.getId().getTag(Labels.SERVER_ADDRESS);
            String key = LabelledCounters.OTHER.equals(address) ? address
                    : address + ":" + counter.getId().getTag(Labels.SERVER_PORT);
            opened.merge(key, counter.count(), Double::sum);
        });
        return opened;
    }

    private static double sum(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
