package dev.portwatch.metrics;

import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.ConnectionView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's Prometheus registry and every meter in it. A scrape recomputes the snapshot gauges from the table
 * and renders the registry; it runs on the endpoint's thread and never blocks the application's socket calls.
 */
public final class PortwatchMetrics {

    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConnectionTable table;
    private final SocketMetrics sockets;
    private final TableGauges gauges;
    private final ErrorMetrics errors;
    private final KernelSocketGauges kernelSockets;
    private final DependencyMeters dependencies;
    private final LabelledCounterMeters accepted;
    private final LongAdder authenticationFailures = new LongAdder();

    public PortwatchMetrics(ConnectionTable table, AgentHealth health, PortInfo ports, KernelViews kernelViews,
                            String version) {
        this.table = table;
        this.sockets = new SocketMetrics(table);
        sockets.bindTo(registry);
        new HealthMetrics(health).bindTo(registry);
        this.gauges = new TableGauges(table, ports, registry);
        this.errors = new ErrorMetrics(table.counters(), registry);
        this.kernelSockets = KernelSocketGauges.registerIfAvailable(registry, kernelViews);
        this.dependencies = new DependencyMeters(table.dependencies(), registry);
        this.accepted = new LabelledCounterMeters(table.counters().acceptedByPort(), registry,
                "portwatch.inbound.connections.accepted", "Connections accepted, by the port that accepted them "
                + "(at zero from the moment the port listens)", Labels.TRANSPORT, Labels.PORT);
        Gauge.builder("portwatch.agent.info", () -> 1)
                .tags("version", version, "jvm.version", System.getProperty("java.version", "unknown"))
                .description("portwatch's version and the JVM's")
                .register(registry);
        FunctionCounter.builder("portwatch.endpoint.auth.failures", authenticationFailures, LongAdder::sum)
                .description("Requests to the endpoint refused for a missing or wrong token")
                .register(registry);
        gauges.refresh();
    }

    /** Counts a request the endpoint refused for its token. */
    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    /** Renders every meter in the format asked for: {@link #OPENMETRICS} or {@link #PROMETHEUS_TEXT}. */
    public synchronized String scrape(boolean openMetrics) {
        sockets.foldConnectTimes();
        errors.refresh();
        dependencies.refresh();
        accepted.refresh();
        List<ConnectionView> rows = table.snapshot();
        gauges.refresh(rows);
        if (kernelSockets != null) {
            kernelSockets.refresh(rows);
        }
        return registry.scrape(openMetrics ? OPENMETRICS : PROMETHEUS_TEXT);
    }
}
