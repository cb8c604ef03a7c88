package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet demo (four JVMs of the demo app's {@code FleetService}, each with its own agent, calling each other by
 * host name) scraped by one real Prometheus, a job per service: the fleet dashboard's node graph has exactly the
 * edges the demo makes, each ending on the JVM it calls, and every query of the dashboard returns data.
 */
class FleetIT {

    private static final String DASHBOARD = "portwatch-fleet.json";
    /** What Grafana puts for its variables: every job and instance, a 1 s scrape interval, a short time range. */
    private static final Map<String, String> VARIABLES = Map.of("$job", ".*", "$instance", ".*",
            "$__rate_interval", "4s", "$__range", "1m");
    private static final Set<String> EDGES = Set.of("gateway->orders", "orders->inventory", "orders->sink");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theNodeGraphHasTheEdgesTheFleetMakesAndEveryQueryHasData() throws Exception {
        Path jdk = Jdks.all().get(0);
        String hosts = HostsFile.loopback(dir.resolve("hosts"), "localhost", "gateway", "orders", "inventory", "sink");
        // Server ports as services have them, outside the ephemeral range: a UDP port inside it is a client's.
        int[] free = Ports.unusedOutsideEphemeralRange(4);
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> roles = List.of("sink", "inventory", "orders", "gateway");
        for (int i = 0; i < roles.size(); i++) {
            ports.put(roles.get(i), free[i]);
        }
        List<AgentJvm> fleet = new ArrayList<>();
        try {
            Map<String, String> targets = new LinkedHashMap<>();
            for (String role : ports.keySet()) {
                AgentJvm service = AgentJvm.startWithClasspath(jdk, List.of(hosts),
                        "port=0", Jdks.demoClasses(), "dev.portwatch.demo.FleetService", role,
                        "--port", Integer.toString(ports.get(role)), "--period", "200",
                        "--orders", "orders:" + ports.get("orders"),
                        "--inventory", "inventory:" + ports.get("inventory"), "--sink", "sink:" + ports.get("sink"));
                fleet.add(service);
                targets.put(role, URI.create(service.endpoint()).getAuthority());
            }
            try (Prometheus prometheus = Prometheus.start(targets, null)) {
                JsonValue dashboard = JsonValue.parse(Files.readString(PrometheusRules.grafanaDir()
                        .resolve("dashboards").resolve(DASHBOARD)));
                JsonValue graph = DashboardFiles.panels(dashboard).stream()
                        .filter(panel -> "nodeGraph".equals(panel.get("type").asString())).findFirst().orElseThrow();
                String edges = substitute(DashboardFiles.targets(graph).get(0).get("expr").asString());

                Set<String> found = new TreeSet<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!found.equals(EDGES) && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                    found.clear();
                    for (JsonValue series : prometheus.query(edges).result().elements()) {
                        JsonValue labels = series.get("metric");
                        assertEquals(labels.get("source").asString() + "->" + labels.get("target").asString(),
                                labels.get("id").asString(), "an edge's id names its ends");
                        found.add(labels.get("id").asString());
                    }
                }
                if (!found.equals(EDGES)) {
                    fail("the edges of the fleet, each ending on the JVM it calls: expected " + EDGES + ", found "
                            + found + "; open connections: " + prometheus.query(
                            "portwatch_outbound_connections_active").result() + "; listeners: "
                            + prometheus.query("portwatch_listeners").result());
                }

                // The edges need one sample of a gauge; the rates beside them need two scrapes of each new
                // dependency's counters, so the queries may take a few more seconds to have data.
                List<String> failures = new ArrayList<>();
                int queries = 0;
                long dataDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                do {
                    if (!failures.isEmpty()) {
                        Thread.sleep(1000);
                    }
                    failures.clear();
                    queries = 0;
                    for (JsonValue panel : DashboardFiles.panels(dashboard)) {
                        for (JsonValue query : DashboardFiles.targets(panel)) {
                            queries++;
                            String expr = query.get("expr").asString();
                            DashboardFiles.checkSelectors(DASHBOARD + ": " + panel.get("title"), expr);
                            String problem = prometheus.query(substitute(expr)).problem();
                            if (problem != null) {
                                failures.add(panel.get("title").asString() + " " + query.get("refId") + ": "
                                        + problem + ": " + substitute(expr));
                            }
                        }
                    }
                } while (!failures.isEmpty() && System.nanoTime() < dataDeadline);
                assertTrue(queries >= 5, "only " + queries + " queries in " + DASHBOARD);
                if (!failures.isEmpty()) {
                    fail(String.join("\n", failures));
                }
            }
        } finally {
            for (AgentJvm service : fleet) {
                service.close();
            }
        }
    }

    private static String substitute(String expr) {
        String promql = expr;
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
            promql = promql.replace(variable.getKey(), variable.getValue());
        }
        return promql;
    }
}
