package dev.portwatch.metrics;

import dev.portwatch.table.LabelledCounters;
import dev.portwatch.table.SocketCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Failed connects and binds. Alerts read the series by transport and error type: every error type the JDK throws
 * for a failed connect or bind on Linux has its series from the start, so the first failure is an increase. The
 * port of a failed bind cannot be known in advance: it has a metric of its own, whose series are born with their
 * first failure (shown at zero for one scrape first). The table's counters cap every label set.
 */
final class ErrorMetrics {

    /**
     * What a failed TCP connect throws: refused or reset (ConnectException), no answer within the timeout
     * (SocketTimeoutException), no route (NoRouteToHostException), no local port or address left
     * (BindException: "Cannot assign requested address"), anything else the kernel says (SocketException).
     */
    static final List<String> TCP_CONNECT_ERRORS = List.of("ConnectException", "SocketTimeoutException",
            "NoRouteToHostException", "BindException", "SocketException");
    /** A UDP connect only sets the peer locally; it fails with what the kernel says, as a SocketException. */
    static final List<String> UDP_CONNECT_ERRORS = List.of("SocketException");
    /** A port or address taken, not local or not permitted (BindException), or anything else (SocketException). */
    static final List<String> BIND_ERRORS = List.of("BindException", "SocketException");

    private static final String FOLDED_DESCRIPTION =
            "Increments counted under 'other' because a counter's label values hit their cap";

    private final List<LabelledCounterMeters> families;

    ErrorMetrics(SocketCounters counters, MeterRegistry registry) {
        LabelledCounterMeters connectErrors = new LabelledCounterMeters(counters.connectErrors(), registry,
                "portwatch.connect.errors", "Failed connects by exception type", Labels.TRANSPORT,
                Labels.ERROR_TYPE);
        TCP_CONNECT_ERRORS.forEach(type -> connectErrors.known("tcp", type));
        UDP_CONNECT_ERRORS.forEach(type -> connectErrors.known("udp", type));
        LabelledCounterMeters bindErrors = new LabelledCounterMeters(counters.bindErrors(), registry,
                "portwatch.bind.errors", "Failed binds by exception type: the port is taken, the address is "
                + "not local, or a port below 1024 needs privileges", Labels.TRANSPORT, Labels.ERROR_TYPE);
        for (String transport : List.of("tcp", "udp")) {
            BIND_ERRORS.forEach(type -> bindErrors.known(transport, type));
        }
        LabelledCounterMeters bindErrorsByPort = new LabelledCounterMeters(counters.bindErrorsByPort(), registry,
                "portwatch.bind.errors.by.port", "Failed binds by the port asked for (a series appears with the "
                + "port's first failure)", Labels.TRANSPORT, Labels.PORT);
        this.families = List.of(connectErrors, bindErrors, bindErrorsByPort);
        registerFolded(registry, counters.connectErrors(), "portwatch_connect_errors_total");
        registerFolded(registry, counters.bindErrors(), "portwatch_bind_errors_total");
        registerFolded(registry, counters.bindErrorsByPort(), "portwatch_bind_errors_by_port_total");
    }

    private static void registerFolded(MeterRegistry registry, LabelledCounters counters, String metric) {
        FunctionCounter.builder("portwatch.labels.folded", counters, LabelledCounters::folded)
                .tags("metric", metric)
                .description(FOLDED_DESCRIPTION)
                .register(registry);
    }

    /** Before a scrape: the label values seen since the last one get their series. */
    void refresh() {
        families.forEach(LabelledCounterMeters::refresh);
    }
}
