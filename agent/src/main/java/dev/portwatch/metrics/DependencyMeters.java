package dev.portwatch.metrics;

import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectTimer;
import dev.portwatch.table.Dependencies;
import dev.portwatch.table.Dependency;
import dev.portwatch.table.LabelledCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What the process did with each server it connects to, by OpenTelemetry's {@code server.address} (the host name
 * the application asked for, else the IP) and {@code server.port}: connections opened, failed connects by error
 * type, bytes each way, and connect durations. The busiest {@value #MAX_DEPENDENCIES} dependencies keep series of
 * their own, chosen by {@link BusiestValues} so they stay from scrape to scrape; the rest are counted under
 * {@code other}, which only ever grows: a dependency folded adds to it what it did since the last scrape, and one
 * given a series back shows only what {@code other} did not count. A series is shown at zero for its first scrape,
 * so a dependency's first connection or failure is an increase. Not thread-safe: refreshed under the scrape's lock.
 */
final class DependencyMeters {

    static final int MAX_DEPENDENCIES = 50;
    /** Fewer buckets than the shared histogram's: one histogram per dependency. */
    static final Duration[] CONNECT_BUCKETS = {
        Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120),
    };
    private static final String OPENED = "portwatch.outbound.connections.opened";
    private static final String ERRORS = "portwatch.outbound.connect.errors";
    private static final String BYTES = "portwatch.outbound.io";
    private static final String DURATION = "portwatch.outbound.connect.duration";

    private final Dependencies dependencies;
    private final MeterRegistry registry;
    private final BusiestValues<Dependency.Key> busiest = new BusiestValues<>(MAX_DEPENDENCIES);
    private final Map<SeriesKey, Series> series = new HashMap<>();
    private final Map<SeriesKey, Series> other = new HashMap<>();
    /** The series of {@code other} born at the last scrape, shown at zero by it. */
    private final List<Series> newOthers = new ArrayList<>();
    private final DurationBuckets buckets = new DurationBuckets(CONNECT_BUCKETS);
    private final Map<Dependency.Key, ConnectHistogram> timers = new HashMap<>();
    private final ConnectHistogram otherTimes;
    private final ConnectTimer otherTimer;
    private volatile long foldedAtLastScrape;

    /** One series of a dependency: a metric, the dependency, and the value of its extra label (or null). */
    private record SeriesKey(String metric, Dependency.Key dependency, String extra) {}

    /** What a series shows, and how much of its dependency's count went to {@code other} instead. */
    private static final class Series {
        Meter meter;
        boolean heldAtZero;
        long shown;
        long lastSeen;
        long attributedToOther;

        double display() {
            return heldAtZero ? 0 : shown;
        }
    }

    DependencyMeters(Dependencies dependencies, MeterRegistry registry) {
        this.dependencies = dependencies;
        this.registry = registry;
        this.otherTimes = histogram(new Dependency.Key(Transport.TCP, LabelledCounters.OTHER, -1));
        this.otherTimer = bridge(otherTimes);
        Gauge.builder("portwatch.labels.folded.values", this, meters -> meters.foldedAtLastScrape)
                .tags("metric", "portwatch_outbound_connections_opened_total")
                .description("Label values folded into 'other' at the last scrape because a gauge hit its cap")
                .register(registry);
        FunctionCounter.builder("portwatch.labels.folded", dependencies, Dependencies::folded)
                .tags("metric", "portwatch_outbound_connections_opened_total")
                .description("Increments counted under 'other' because a counter's label values hit their cap")
                .register(registry);
    }

    /**
     * Before a scrape: chooses the dependencies with series, and brings every series and {@code other} up to date,
     * their connect histograms last (a dependency given one now hands it the connects it kept until now).
     */
    void refresh() {
        newOthers.forEach(total -> total.heldAtZero = false);
        newOthers.clear();
        Map<Dependency.Key, Long> busyness = new HashMap<>();
        List<Dependency> all = List.copyOf(dependencies.all());
        for (Dependency dependency : all) {
            if (!isOther(dependency.key())) {
                busyness.put(dependency.key(), dependency.busyness());
            }
        }
        Set<Dependency.Key> kept = busiest.choose(busyness);
        for (Dependency dependency : all) {
            boolean keep = kept.contains(dependency.key());
            update(OPENED, dependency, null, keep, Dependency::opened);
            update(BYTES, dependency, "receive", keep, d -> d.bytes(true));
            update(BYTES, dependency, "transmit", keep, d -> d.bytes(false));
            Set<String> errorTypes = new TreeSet<>(dependency.errors().keySet());
            if (keep && dependency.key().transport() == Transport.TCP) {
                errorTypes.addAll(ErrorMetrics.TCP_CONNECT_ERRORS); // each at zero before its first failure
            }
            for (String type : errorTypes) {
                update(ERRORS, dependency, type, keep, d -> count(d, type));
            }
            timeConnects(dependency, keep && dependency.key().transport() == Transport.TCP);
        }
        foldedAtLastScrape = busyness.size() - kept.size();
        otherTimes.fold();
        for (ConnectHistogram histogram : timers.values()) {
            histogram.fold();
        }
    }

    private static long count(Dependency dependency, String errorType) {
        LongAdder counter = dependency.errors().get(errorType);
        return counter == null ? 0 : counter.sum();
    }

    private void update(String metric, Dependency dependency, String extra, boolean keep,
                        ToLongFunction<Dependency> source) {
        Series one = series.computeIfAbsent(new SeriesKey(metric, dependency.key(), extra), key -> new Series());
        long now = source.applyAsLong(dependency);
        if (keep) {
            one.heldAtZero = one.meter == null;
            if (one.meter == null) {
                one.meter = counter(metric, dependency.key(), extra, one, Series::display);
            }
            one.shown = now - one.attributedToOther;
        } else {
            if (one.meter != null) {
                registry.remove(one.meter);
                one.meter = null;
            }
            long since = now - one.lastSeen;
            one.attributedToOther += since;
            addToOther(metric, dependency.key().transport(), extra, since);
        }
        one.lastSeen = now;
    }

    /** Adds to {@code other}'s series of a metric, registering it (at zero first, like any series) when new. */
    private void addToOther(String metric, Transport transport, String extra, long amount) {
        SeriesKey key = new SeriesKey(metric, new Dependency.Key(transport, LabelledCounters.OTHER, -1), extra);
        Series total = other.get(key);
        if (total == null) {
            total = new Series();
            total.heldAtZero = true;
            other.put(key, total);
            newOthers.add(total);
            total.meter = counter(metric, key.dependency(), extra, total, Series::display);
        }
        total.shown += amount;
    }

    private <T> Meter counter(String metric, Dependency.Key dependency, String extra, T holder,
                              ToDoubleFunction<T> value) {
        Tags tags = tags(dependency);
        FunctionCounter.Builder<T> builder = FunctionCounter.builder(metric, holder, value);
        switch (metric) {
            case OPENED -> builder.description("Outbound connections opened (UDP: connected), by the server they "
                    + "go to: its host name as asked, else its address, and its port");
            case BYTES -> builder.baseUnit("bytes").description("Bytes received and sent on outbound connections, "
                    + "by server").tags(Tags.of(Labels.IO_DIRECTION, extra));
            default -> builder.description("Failed outbound connects by server and exception type")
                    .tags(Tags.of(Labels.ERROR_TYPE, extra));
        }
        return builder.tags(tags).register(registry);
    }

    /**
     * A TCP dependency with a series gets a connect histogram of its own; the others record into other's. The
     * connects a dependency records into its own after the last fold and before it loses its series are dropped with
     * its timer, as they were when they went straight into the timer.
     */
    private void timeConnects(Dependency dependency, boolean ownTimer) {
        ConnectHistogram own = timers.get(dependency.key());
        if (ownTimer && own == null) {
            own = histogram(dependency.key());
            timers.put(dependency.key(), own);
            dependency.timeConnectsWith(bridge(own));
        } else if (!ownTimer && (own != null || !dependency.timed())) {
            dependency.timeConnectsWith(otherTimer);
            if (own != null) {
                registry.remove(own.timer());
                timers.remove(dependency.key());
            }
        }
    }

    private ConnectHistogram histogram(Dependency.Key dependency) {
        Timer timer = Timer.builder(DURATION)
                .tags(tags(dependency))
                .serviceLevelObjectives(CONNECT_BUCKETS)
                .description("How long TCP connects took, failed ones too, by server (from its first scrape)")
                .register(registry);
        return new ConnectHistogram(timer, buckets);
    }

    private static ConnectTimer bridge(ConnectHistogram histogram) {
        return (transport, success, nanos) -> histogram.record(nanos);
    }

    private static Tags tags(Dependency.Key dependency) {
        boolean other = isOther(dependency);
        return Tags.of(Labels.TRANSPORT, dependency.transport().label(),
                Labels.SERVER_ADDRESS, dependency.address(),
                Labels.SERVER_PORT, other ? LabelledCounters.OTHER : Integer.toString(dependency.port()));
    }

    private static boolean isOther(Dependency.Key dependency) {
        return dependency.port() < 0;
    }
}
