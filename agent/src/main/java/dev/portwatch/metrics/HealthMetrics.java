package dev.portwatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The agent's own health counters. */
final class HealthMetrics implements MeterBinder {

    private final AgentHealth health;

    HealthMetrics(AgentHealth health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("portwatch.agent.errors", health, h -> h.listenerErrors().getAsLong())
                .description("Errors inside the agent's event handling, swallowed to protect the application")
                .register(registry);
        FunctionCounter.builder("portwatch.sockets.untracked", health, h -> h.untrackedSockets().getAsLong())
                .description("Sockets not recorded because the table was full of open rows (see maxRows)")
                .register(registry);
    }
}
