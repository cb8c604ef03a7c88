package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectTimer;
import dev.portwatch.table.ConnectionTable;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * The totals of what the process's sockets did: connections opened and closed, bytes, leaks, and the duration of
 * every TCP connect. Counters read the table's {@link SocketCounters} at scrape time; connect durations are recorded
 * into a {@link ConnectHistogram} as they happen, which the scrape folds into the timer. A UDP "connect" only
 * records the peer in the kernel, with no packet sent, so it has no histogram.
 */
final class SocketMetrics implements MeterBinder {

    /**
     * Histogram buckets for TCP connect latency: a loopback connect takes tens of microseconds, one across a LAN a
     * few hundred, across regions tens to hundreds of milliseconds; a lost SYN is retried after 1 s, then 3 s; and a
     * connect that times out lands just past its timeout (commonly 5, 10 or 30 s; Linux gives up after about 127 s
     * without one), so 15, 30, 60 and 120 s each collect the connects that ended at the timeout below.
     */
    static final Duration[] CONNECT_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
    };

    private final ConnectionTable table;
    private final ConnectHistogram[] connectTimes = new ConnectHistogram[2];

    SocketMetrics(ConnectionTable table) {
        this.table = table;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SocketCounters counters = table.counters();
        for (Transport transport : Transport.values()) {
            for (Role direction : new Role[] {Role.INBOUND, Role.OUTBOUND}) {
                String[] tags = {Labels.TRANSPORT, transport.label(), Labels.DIRECTION, direction.label()};
                FunctionCounter.builder("portwatch.connections.opened", counters, c -> c.opened(transport, direction))
                        .tags(tags)
                        .description("Connections opened: TCP connections accepted or connected, UDP sockets "
                                + "connected to a peer")
                        .register(registry);
                FunctionCounter.builder("portwatch.connections.closed", counters, c -> c.closed(transport, direction))
                        .tags(tags)
                        .description("Connections closed (including leaked sockets the JDK closed)")
                        .register(registry);
            }
            for (boolean received : new boolean[] {true, false}) {
                FunctionCounter.builder("portwatch.io", counters, c -> c.bytes(transport, received))
                        .tags(Labels.TRANSPORT, transport.label(), Labels.IO_DIRECTION,
                                received ? "receive" : "transmit")
                        .baseUnit("bytes")
                        .description("Bytes received and sent through the process's sockets")
                        .register(registry);
            }
            FunctionCounter.builder("portwatch.sockets.leaked", counters, c -> c.leaked(transport))
                    .tags(Labels.TRANSPORT, transport.label())
                    .description("Sockets garbage-collected without close()")
                    .register(registry);
        }
        DurationBuckets buckets = new DurationBuckets(CONNECT_BUCKETS);
        for (boolean success : new boolean[] {true, false}) {
            Timer timer = Timer.builder("portwatch.connect.duration")
                    .tags(Labels.TRANSPORT, Transport.TCP.label(), "outcome", success ? "success" : "error")
                    .serviceLevelObjectives(CONNECT_BUCKETS)
                    .description("How long TCP connects took, by outcome")
                    .register(registry);
            connectTimes[timerIndex(success)] = new ConnectHistogram(timer, buckets);
        }
        table.timeConnectsWith(new HistogramBridge(connectTimes));
    }

    /** Before a scrape: hands the connect durations measured since the last one to their timers. */
    void foldConnectTimes() {
        for (ConnectHistogram histogram : connectTimes) {
            histogram.fold();
        }
    }

    private static int timerIndex(boolean success) {
        return success ? 0 : 1;
    }

    /** Records TCP connect durations on the application's thread: two atomic adds, no clock, no allocation. */
    private record HistogramBridge(ConnectHistogram[] histograms) implements ConnectTimer {
        @Override
        public void record(Transport transport, boolean success, long nanos) {
            if (transport == Transport.TCP) {
                histograms[timerIndex(success)].record(nanos);
            }
        }
    }
}
