package dev.portwatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The agent's own health counters. Their functions hold the health: a function counter holds its state object only
 * weakly, and nothing else keeps the wiring's {@link AgentHealth} alive, so after a collection the counters would
 * stay at their last value.
 */
final class HealthMetrics implements MeterBinder {

    private final AgentHealth health;

    HealthMetrics(AgentHealth health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("portwatch.agent.errors", health, h -> health.listenerErrors().getAsLong())
                .description("Errors inside the agent's event handling, swallowed to protect the application")
                .register(registry);
        FunctionCounter.builder("portwatch.sockets.untracked", health,
                        h -> health.untrackedSockets().getAsLong())
                .description("Sockets not recorded because the table was full of open rows (see maxRows)")
                .register(registry);
    }
}
