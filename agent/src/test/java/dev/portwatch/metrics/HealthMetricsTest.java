package dev.portwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The health handed in by the wiring is read at every scrape, however long ago it was handed in. */
class HealthMetricsTest {

    @Test
    void theCountersFollowTheHealthEvenAfterACollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong errors = new AtomicLong();
        AtomicLong untracked = new AtomicLong();
        new HealthMetrics(new AgentHealth(errors::get, untracked::get)).bindTo(registry); // held by nothing else
        System.gc();
        System.gc();
        errors.set(7);
        untracked.set(3);

        assertEquals(7, registry.find("portwatch.agent.errors").functionCounter().count());
        assertEquals(3, registry.find("portwatch.sockets.untracked").functionCounter().count());
    }
}
