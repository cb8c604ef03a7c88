package dev.portwatch.agent;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.metrics.AgentHealth;
import dev.portwatch.table.ConnectionTable;
import java.util.function.LongSupplier;

/**
 * The agent's health counts for the metrics, from the bridge and the table. Classes rather than method references:
 * the agent's start-up thread builds them on an idle JVM, where each method reference would be a lambda class spun
 * (on JDK 25 a class-file build that C1 then compiles) for counts read only at the first scrape.
 */
final class HealthCounts {

    private HealthCounts() {}

    /** {@code gate}: premain's (null: none), whose timed-out waits count as the agent's errors. */
    static AgentHealth of(ConnectionTable table, WeaveGate gate) {
        return new AgentHealth(new ListenerErrors(gate), new UntrackedSockets(table));
    }

    private static final class ListenerErrors implements LongSupplier {
        private final WeaveGate gate;

        ListenerErrors(WeaveGate gate) {
            this.gate = gate;
        }

        @Override
        public long getAsLong() {
            return Bridge.listenerErrors() + (gate == null ? 0 : gate.timedOut());
        }
    }

    private static final class UntrackedSockets implements LongSupplier {
        private final ConnectionTable table;

        UntrackedSockets(ConnectionTable table) {
            this.table = table;
        }

        @Override
        public long getAsLong() {
            return table.untrackedSockets();
        }
    }
}
