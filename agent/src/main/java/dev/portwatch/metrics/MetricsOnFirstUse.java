package dev.portwatch.metrics;

import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.util.function.Supplier;

/**
 * The metrics, built by whoever first asks (the first scrape): an agent nobody scrapes never loads Micrometer. Every
 * series exists from that first scrape on, so none that an alert reads is ever missing from a scrape.
 *
 * <p>A class of its own, naming {@link PortwatchMetrics} only inside {@link #get}: the wiring builds it while the
 * agent starts, and loading {@code PortwatchMetrics} there would load (and verify against) Micrometer's registry.
 */
public final class MetricsOnFirstUse implements Supplier<PortwatchMetrics> {

    private final ConnectionTable table;
    private final AgentHealth health;
    private final PortInfo ports;
    private final KernelViews kernelViews;
    private final String version;
    private PortwatchMetrics built;

    public MetricsOnFirstUse(ConnectionTable table, AgentHealth health, PortInfo ports, KernelViews kernelViews,
                             String version) {
        this.table = table;
        this.health = health;
        this.ports = ports;
        this.kernelViews = kernelViews;
        this.version = version;
    }

    @Override
    public synchronized PortwatchMetrics get() {
        if (built == null) {
            built = new PortwatchMetrics(table, health, ports, kernelViews, version);
        }
        return built;
    }
}
