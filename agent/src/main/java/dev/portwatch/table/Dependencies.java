package dev.portwatch.table;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The servers the process connects to, each a {@link Dependency}, bounded: past {@code maxDependencies} distinct
 * ones, new servers are counted under one dependency whose address and port are {@code other}, and each one folded
 * so is counted.
 */
public final class Dependencies {

    static final String OTHER = LabelledCounters.OTHER;

    private final Map<Dependency.Key, Dependency> byKey = new ConcurrentHashMap<>();
    private final Dependency[] others = new Dependency[Transport.values().length];
    private final LongAdder folded = new LongAdder();
    private final RecentServers recentServers = new RecentServers();
    /** Distinct servers counted by name and port; past it they are counted as {@code other}. */
    static final int MAX_DEPENDENCIES = 1000;

    private final int maxDependencies;

    Dependencies() {
        this(MAX_DEPENDENCIES);
    }

    Dependencies(int maxDependencies) {
        this.maxDependencies = maxDependencies;
        for (Transport transport : Transport.values()) {
            others[transport.ordinal()] = new Dependency(new Dependency.Key(transport, OTHER, -1));
        }
    }

    /**
     * The dependency of a server: by the host name it was asked by, else its address. Null when neither is known.
     */
    Dependency of(Transport transport, InetAddress address, String host, int port) {
        if (host == null && address == null) {
            return null;
        }
        Dependency recent = recentServers.find(transport, address, host, port);
        if (recent != null) {
            return recent;
        }
        Dependency.Key key = new Dependency.Key(transport, host != null ? host : Endpoint.host(address), port);
        Dependency dependency = byKey.get(key);
        if (dependency == null) {
            if (byKey.size() >= maxDependencies) {
                folded.increment(); // not remembered as recent: each connect to a folded server is counted
                return others[transport.ordinal()];
            }
            // putIfAbsent, not computeIfAbsent with a lambda: no lambda is spun on the first socket's path
            Dependency made = new Dependency(key);
            Dependency raced = byKey.putIfAbsent(key, made);
            dependency = raced != null ? raced : made;
        }
        recentServers.remember(transport, address, host, port, dependency);
        return dependency;
    }

    /**
     * A row's connection to {@code address} and {@code port} was established (a UDP socket connected): counted for
     * its server, which the row's later bytes are counted for too. {@code durationNanos}: how long the connect took,
     * -1 for UDP.
     */
    void connected(Connection row, InetAddress address, int port, long durationNanos) {
        Dependency server = of(row.transport(), address, row.remoteHost(), port);
        row.dependsOn(server);
        if (server != null) {
            server.recordOpened();
            if (durationNanos >= 0) {
                server.recordConnect(true, durationNanos);
            }
        }
    }

    /** A connect failed: counted by error type for the server it asked for, and timed. */
    void connectFailed(SocketError error) {
        Dependency server = of(error.transport(), Endpoint.addressOf(error.endpoint()), error.host(), error.port());
        if (server != null) {
            server.recordError(error.errorType());
            if (error.durationNanos() >= 0) {
                server.recordConnect(false, error.durationNanos());
            }
        }
    }

    /** Every dependency, those past the cap as {@code other} (one per transport, once it has counted any). */
    public Collection<Dependency> all() {
        List<Dependency> all = new ArrayList<>(byKey.values());
        for (Dependency other : others) {
            if (other.busyness() > 0) {
                all.add(other);
            }
        }
        return all;
    }

    /** Connects to servers that were folded into {@code other} because the cap was reached. */
    public long folded() {
        return folded.sum();
    }
}
