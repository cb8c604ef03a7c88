package dev.portwatch.metrics;

import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.os.KernelViews;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process's sockets by the kernel's state ({@code CLOSE_WAIT} piling up is the classic leak: the peer closed
 * and this process never did), from the kernel's view the housekeeping thread keeps fresh; not registered where
 * there is no such view.
 */
final class KernelSocketGauges {

    private final MultiGauge byState;
    private final KernelViews views;

    private KernelSocketGauges(MultiGauge byState, KernelViews views) {
        this.byState = byState;
        this.views = views;
    }

    /** The gauges, or null off Linux: a meter whose source is missing is not registered at all. */
    static KernelSocketGauges registerIfAvailable(MeterRegistry registry, KernelViews views) {
        if (!KernelView.available()) {
            return null;
        }
        return new KernelSocketGauges(MultiGauge.builder("portwatch.kernel.sockets")
                .description("The process's own sockets by the kernel's state, from /proc (includes sockets "
                        + "opened before the agent attached)")
                .register(registry), views);
    }

    void refresh() {
        Map<String, Long> counts = new TreeMap<>();
        for (KernelSocket socket : views.forMetrics().owned()) {
            counts.merge(socket.transport().label() + "/" + socket.state(), 1L, Long::sum);
        }
        byState.register(counts.entrySet().stream().map(entry -> {
            String[] transportAndState = entry.getKey().split("/");
            return (MultiGauge.Row<?>) MultiGauge.Row.of(Tags.of(Labels.TRANSPORT, transportAndState[0],
                    "state", transportAndState[1]), entry.getValue());
        }).toList(), true);
    }
}
