package dev.portwatch.metrics;

import dev.portwatch.table.LabelledCounters;
import dev.portwatch.table.SocketCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed connects by error type and failed binds by port and error type. The label values are only known once an
 * error happens, so each new one gets its counter at the next scrape; the table's counters cap them.
 */
final class ErrorMetrics {

    private final SocketCounters counters;
    private final MeterRegistry registry;
    private final Set<List<String>> registeredConnectErrors = ConcurrentHashMap.newKeySet();
    private final Set<List<String>> registeredBindErrors = ConcurrentHashMap.newKeySet();

    ErrorMetrics(SocketCounters counters, MeterRegistry registry) {
        this.counters = counters;
        this.registry = registry;
        FunctionCounter.builder("portwatch.labels.folded", counters, c -> c.connectErrors().folded())
                .tags("metric", "portwatch_connect_errors_total")
                .description("Increments counted under 'other' because a counter's label values hit their cap")
                .register(registry);
        FunctionCounter.builder("portwatch.labels.folded", counters, c -> c.bindErrors().folded())
                .tags("metric", "portwatch_bind_errors_total")
                .description("Increments counted under 'other' because a counter's label values hit their cap")
                .register(registry);
    }

    /** Registers the counters of label values seen since the last scrape. */
    void refresh() {
        register(counters.connectErrors(), registeredConnectErrors, "portwatch.connect.errors",
                "Failed connects by exception type", Labels.TRANSPORT, Labels.ERROR_TYPE);
        register(counters.bindErrors(), registeredBindErrors, "portwatch.bind.errors",
                "Failed binds by port and exception type (address already in use: another process has the port)",
                Labels.TRANSPORT, Labels.PORT, Labels.ERROR_TYPE);
    }

    private void register(LabelledCounters source, Set<List<String>> registered, String name, String description,
                          String... tagKeys) {
        for (Map.Entry<List<String>, LongAdder> entry : source.counts().entrySet()) {
            if (!registered.add(entry.getKey())) {
                continue;
            }
            String[] tags = new String[tagKeys.length * 2];
            for (int i = 0; i < tagKeys.length; i++) {
                tags[2 * i] = tagKeys[i];
                tags[2 * i + 1] = entry.getKey().get(i);
            }
            FunctionCounter.builder(name, entry.getValue(), LongAdder::sum)
                    .tags(tags)
                    .description(description)
                    .register(registry);
        }
    }
}
