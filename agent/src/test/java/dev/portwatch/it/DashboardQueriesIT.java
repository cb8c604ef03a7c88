package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Grafana dashboards in {@code grafana/dashboards} and the Prometheus rules in {@code grafana/} against the real
 * thing: the demo app runs with the agent, a real Prometheus scrapes it and evaluates the rules, every query of every
 * panel of every dashboard, with its template variables resolved through their own queries (the data source to the
 * provisioned one), must return data, every recording rule must have data, and the demo's mischief must fire the
 * leak, bind and connect-failure alerts. Also checks what Grafana's provisioning and import rely on, and that every
 * metric a panel or rule reads is one the agent exports.
 */
class DashboardQueriesIT {

    /** The job the dashboards' $job variable must offer; grafana/prometheus.yml scrapes the demo under it too. */
    private static final String JOB = "portwatch-demo";
    private static final List<String> DASHBOARDS = List.of("portwatch-overview.json",
            "portwatch-remote-services.json");
    /** Every dashboard; the fleet's queries are run against the fleet demo, in FleetIT. */
    private static final List<String> ALL_DASHBOARDS = List.of("portwatch-overview.json",
            "portwatch-remote-services.json", "portwatch-fleet.json");
    /** What Grafana puts for its built-in variables, for a 1 s scrape interval and a short time range. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "4s", "__interval", "1s", "__interval_ms", "1000",
            "__range", "1m", "__range_s", "60", "__range_ms", "60000");
    private static final int MIN_SCRAPES = 8;
    private static final Duration DATA_WAIT = Duration.ofSeconds(75);
    /** The connect-failure alert fires after its 1 minute of "for", once the failures have been seen. */
    private static final Duration ALERT_WAIT = Duration.ofSeconds(100);
    /** What the demo's mischief (leaks, a bind conflict on its own port, refused connects) must set off. */
    private static final Set<String> DEMO_ALERTS = Set.of("PortwatchSocketsLeaked", "PortwatchBindFailed",
            "PortwatchConnectFailureRatioHigh", "PortwatchDependencyConnectFailureRatioHigh");
    /** What must stay quiet on the demo: it does nothing these alerts are about. */
    private static final Set<String> QUIET_ALERTS = Set.of("PortwatchAgentErrors", "PortwatchSocketsUntracked",
            "PortwatchTargetDown", "PortwatchEphemeralPortsNearlyExhausted");

    private static final Pattern RECORDED = Pattern.compile("\\b[a-z_]+:portwatch_[a-z_]+:[a-z0-9_]+");
    private static final Pattern EVENTS_OVER_AN_INTERVAL = Pattern.compile(
            "increase\\([^\\[]*\\[\\$__(rate_)?interval]");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)");
    private static final Pattern HOST_PORT = Pattern.compile(
            "localhost|\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|[\\w.\\]-]:\\d{1,5}\\b");

    @Test
    void dashboardsAreValidForProvisioningAndImport() throws IOException {
        Path grafana = PrometheusRules.grafanaDir();
        DashboardFiles.provisionedDatasourceUid(grafana);

        String provider = Files.readString(grafana.resolve("provisioning/dashboards/portwatch.yml"));
        assertTrue(provider.contains("type: file"), "the dashboard provider is not a file provider");
        String providerPath = DashboardFiles.single(Pattern.compile("(?m)^\\s*path:\\s*(\\S+)\\s*$"), provider,
                "path");
        String compose = Files.readString(grafana.resolve("docker-compose.yml"));
        assertFalse(compose.contains("\t"), "docker-compose.yml has a tab");
        for (String service : List.of("demo", "prometheus", "grafana")) {
            assertTrue(Pattern.compile("(?m)^  " + service + ":\\s*$").matcher(compose).find(),
                    "docker-compose.yml has no service " + service);
        }
        assertTrue(compose.contains("./dashboards:" + providerPath),
                "docker-compose.yml does not mount ./dashboards where the provider reads: " + providerPath);
        assertTrue(compose.contains("./provisioning:/etc/grafana/provisioning"),
                "docker-compose.yml does not mount the provisioning directory");
        assertTrue(compose.contains("./prometheus.yml:/etc/prometheus/prometheus.yml"),
                "docker-compose.yml does not mount prometheus.yml");
        assertTrue(compose.contains("./" + PrometheusRules.RULES_FILE + ":/etc/prometheus/"
                + PrometheusRules.RULES_FILE), "docker-compose.yml does not mount the rules next to prometheus.yml");
        Map<String, Object> prometheusYml = PrometheusRules.yaml(grafana.resolve("prometheus.yml"));
        assertEquals(List.of(PrometheusRules.RULES_FILE), prometheusYml.get("rule_files"),
                "grafana/prometheus.yml does not load the rules");
        assertTrue(Files.readString(grafana.resolve("prometheus.yml")).contains("job_name: " + JOB),
                "grafana/prometheus.yml does not scrape the demo as job " + JOB);

        Set<String> uids = new HashSet<>();
        for (String file : ALL_DASHBOARDS) {
            String text = Files.readString(grafana.resolve("dashboards").resolve(file));
            JsonValue dashboard = JsonValue.parse(text);
            assertTrue(dashboard.get("schemaVersion").raw() instanceof Long version && version >= 36,
                    file + ": schemaVersion missing or too old: " + dashboard.get("schemaVersion"));
            assertTrue(dashboard.get("uid").raw() instanceof String uid && !uid.isBlank() && uids.add(uid),
                    file + ": missing or duplicate uid " + dashboard.get("uid"));
            assertTrue(dashboard.get("title").raw() instanceof String title && !title.isBlank(),
                    file + ": no title");
            Matcher hardCoded = HOST_PORT.matcher(text);
            if (hardCoded.find()) {
                fail(file + ": a hard-coded host or host:port: '" + hardCoded.group() + "'");
            }
            DashboardFiles.checkImport(file, text, dashboard);
            checkVariablesAndLinks(file, dashboard);
            checkPanels(file, dashboard);
        }
    }

    /** $job is multi-value with All; each query variable reads the data source variable; links keep the state. */
    private static void checkVariablesAndLinks(String file, JsonValue dashboard) {
        Map<String, JsonValue> byName = new LinkedHashMap<>();
        for (JsonValue variable : DashboardFiles.variables(dashboard)) {
            byName.put(variable.get("name").asString(), variable);
            if (!"datasource".equals(variable.get("type").asString())) {
                assertEquals(DashboardFiles.DATASOURCE, variable.get("datasource").raw(),
                        file + ": data source of $" + variable.get("name"));
            }
        }
        assertEquals("label_values(portwatch_agent_info, job)", DashboardFiles.variableQuery(byName.get("job")),
                file + ": $job");
        assertEquals(List.of(true, true), List.of(byName.get("job").get("multi").asBoolean(),
                byName.get("job").get("includeAll").asBoolean()), file + ": $job is multi-value with All");
        assertEquals("label_values(portwatch_agent_info{job=~\"$job\"}, instance)",
                DashboardFiles.variableQuery(byName.get("instance")), file + ": $instance");
        for (JsonValue link : dashboard.get("links").elements()) {
            assertEquals(List.of(true, true), List.of(link.get("includeVars").asBoolean(),
                    link.get("keepTime").asBoolean()),
                    file + ": link '" + link.get("title") + "' keeps the variables and the time range");
        }
    }

    private static void checkPanels(String file, JsonValue dashboard) {
        Set<Long> ids = new HashSet<>();
        for (JsonValue panel : DashboardFiles.panels(dashboard)) {
            String title = panel.get("title").asString();
            String where = file + ": panel '" + title + "'";
            assertTrue(title != null && !title.isBlank(), file + ": a panel without a title");
            assertTrue(panel.get("id").raw() instanceof Long id && ids.add(id),
                    where + ": missing or duplicate id " + panel.get("id"));
            assertTrue(panel.get("description").raw() instanceof String d && d.length() > 20,
                    where + ": no description");
            assertNotNull(panel.get("gridPos").raw(), where + ": no gridPos");
            assertEquals(DashboardFiles.DATASOURCE, panel.get("datasource").raw(), where + ": data source");
            JsonValue defaults = DashboardFiles.defaults(panel);
            assertTrue(defaults.get("unit").raw() instanceof String unit && !unit.isBlank(), where + ": no unit");
            assertTrue(defaults.get("thresholds").raw() instanceof Map, where + ": no thresholds");
            List<JsonValue> targets = DashboardFiles.targets(panel);
            assertFalse(targets.isEmpty(), where + ": no queries");
            for (JsonValue target : targets) {
                assertEquals(DashboardFiles.DATASOURCE, target.has("datasource") ? target.get("datasource").raw()
                        : DashboardFiles.DATASOURCE, where + ": data source");
                String expr = target.get("expr").asString();
                DashboardFiles.checkSelectors(where, expr);
                assertFalse(EVENTS_OVER_AN_INTERVAL.matcher(expr).find(), where + ": events counted per interval "
                        + "change with the zoom; show a rate: " + expr);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyPanelQueryReturnsDataFromTheDemoAndItsMischiefFiresTheAlerts() throws Exception {
        Path jdk = Jdks.all().get(0);
        try (AgentJvm demo = AgentJvm.startWithClasspath(jdk, "port=0", Jdks.demoClasses(),
                "dev.portwatch.demo.DemoMain", "--port", "0", "--duration", "240");
             Prometheus prometheus = Prometheus.start(JOB, URI.create(demo.endpoint()).getAuthority(),
                     PrometheusRules.rulesFile())) {
            String target = URI.create(demo.endpoint()).getAuthority();
            awaitData(prometheus, target, demo);

            Set<String> exported = exportedMetrics(demo.get("/metrics"));
            String datasourceUid = DashboardFiles.provisionedDatasourceUid(PrometheusRules.grafanaDir());
            List<String> failures = new ArrayList<>();
            int queries = 0;
            for (String file : DASHBOARDS) {
                JsonValue dashboard = JsonValue.parse(Files.readString(PrometheusRules.grafanaDir()
                        .resolve("dashboards").resolve(file)));
                Map<String, String> values = resolveVariables(prometheus, file, dashboard, target, datasourceUid,
                        exported, failures);
                if (values == null) {
                    continue;
                }
                for (JsonValue panel : DashboardFiles.panels(dashboard)) {
                    for (JsonValue query : DashboardFiles.targets(panel)) {
                        String where = file + ": panel '" + panel.get("title") + "' query " + query.get("refId");
                        String expr = query.get("expr").asString();
                        queries++;
                        JsonValue datasource = query.has("datasource") ? query.get("datasource")
                                : panel.get("datasource");
                        assertEquals(datasourceUid, substitute(datasource.get("uid").asString(), values),
                                where + ": the data source, resolved");
                        missingMetrics(expr, exported).forEach(name -> failures.add(where + ": metric " + name
                                + " is not exported by the agent: " + expr));
                        String promql = substitute(expr, values);
                        if (promql.contains("$")) {
                            failures.add(where + ": unknown variable in " + expr);
                            continue;
                        }
                        String problem = prometheus.query(promql).problem();
                        if (problem != null) {
                            failures.add(where + ": " + problem + ": " + promql);
                        }
                    }
                }
            }
            assertTrue(queries >= 20, "only " + queries + " queries found in the dashboards");
            checkRules(prometheus, exported, failures);
            if (!failures.isEmpty()) {
                fail(failures.size() + " of the dashboards' queries and rules failed against the demo:\n  "
                        + String.join("\n  ", failures));
            }
            awaitDemoAlerts(prometheus, target);
        }
    }

    // ---- the rules on the demo's Prometheus

    /**
     * Every metric a rule reads is one the agent exports, every recording rule a rule reads is defined, and every
     * recording rule has data from the demo.
     */
    private static void checkRules(Prometheus prometheus, Set<String> exported, List<String> failures)
            throws Exception {
        List<PrometheusRules.Rule> rules = PrometheusRules.rules();
        Set<String> recorded = new TreeSet<>();
        rules.stream().filter(rule -> !rule.alert()).forEach(rule -> recorded.add(rule.name()));
        for (PrometheusRules.Rule rule : rules) {
            String where = PrometheusRules.RULES_FILE + ": " + rule.name();
            missingMetrics(rule.expr(), exported).forEach(name -> failures.add(where + ": metric " + name
                    + " is not exported by the agent: " + rule.expr()));
            Matcher uses = RECORDED.matcher(rule.expr());
            while (uses.find()) {
                if (!recorded.contains(uses.group())) {
                    failures.add(where + ": reads " + uses.group() + ", which no rule records");
                }
            }
            if (!rule.alert()) {
                String problem = prometheus.query(rule.name()).problem();
                if (problem != null) {
                    failures.add(where + ": " + problem + " on the demo's Prometheus");
                }
            }
        }
    }

    /**
     * Waits until the demo's mischief has fired its alerts on its own JVM: leaks, the bind conflict on its own port,
     * refused connects. The alerts that have no cause on the demo must not even be pending.
     */
    private static void awaitDemoAlerts(Prometheus prometheus, String target) throws Exception {
        long deadline = System.nanoTime() + ALERT_WAIT.toNanos();
        Set<String> firing = new TreeSet<>();
        List<Prometheus.Alert> alerts = List.of();
        while (!firing.containsAll(DEMO_ALERTS) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            alerts = prometheus.alerts();
            firing.clear();
            for (Prometheus.Alert alert : alerts) {
                assertFalse(QUIET_ALERTS.contains(alert.name()), "an alert with no cause on the demo: " + alert);
                if ("firing".equals(alert.state()) && target.equals(alert.labels().get("instance"))
                        && JOB.equals(alert.labels().get("job"))) {
                    firing.add(alert.name());
                }
            }
        }
        assertTrue(firing.containsAll(DEMO_ALERTS), "within " + ALERT_WAIT.toSeconds() + " s of the queries, "
                + "firing: " + firing + ", expected " + DEMO_ALERTS + "; alerts: " + alerts);
    }

    // ---- variables and queries against Prometheus

    /**
     * Resolves each template variable as Grafana would: the data source to the provisioned one, the others through
     * their own label_values query: $job must offer the demo's job, $instance exactly the demo's endpoint, others at
     * least one value (the first is used).
     */
    private static Map<String, String> resolveVariables(Prometheus prometheus, String file, JsonValue dashboard,
                                                        String target, String datasourceUid, Set<String> exported,
                                                        List<String> failures)
            throws IOException, InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(BUILT_INS);
        for (JsonValue variable : DashboardFiles.variables(dashboard)) {
            String name = variable.get("name").asString();
            if ("datasource".equals(variable.get("type").asString())) {
                // A data source variable offers the Prometheus data sources: here the one provisioned.
                values.put(name, datasourceUid);
                continue;
            }
            String query = substitute(DashboardFiles.variableQuery(variable), values);
            Matcher labelValues = LABEL_VALUES.matcher(query);
            assertTrue(labelValues.matches(), file + ": $" + name + " is not a label_values query: " + query);
            missingMetrics(query, exported).forEach(metric -> failures.add(file + ": variable $" + name
                    + ": metric " + metric + " is not exported by the agent"));
            List<String> offered = prometheus.labelValues(labelValues.group(2),
                    labelValues.group(1) == null ? null : labelValues.group(1).trim());
            if (offered.isEmpty()) {
                failures.add(file + ": variable $" + name + " offers no value: " + query);
                return null;
            }
            String chosen = offered.get(0);
            if (name.equals("job")) {
                assertTrue(offered.contains(JOB), file + ": $job does not offer " + JOB + ": " + offered);
                chosen = JOB;
            } else if (name.equals("instance")) {
                assertEquals(List.of(target), offered, file + ": $instance should offer exactly the demo");
            }
            boolean regex = Boolean.TRUE.equals(variable.get("multi").raw())
                    || Boolean.TRUE.equals(variable.get("includeAll").raw());
            // Grafana escapes the regex characters of a multi-value variable's values; so does this test.
            values.put(name, regex ? chosen.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\\\\\$0") : chosen);
        }
        return values;
    }

    private static String substitute(String expr, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = values.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Set<String> missingMetrics(String expr, Set<String> exported) {
        Set<String> missing = new TreeSet<>();
        Matcher metric = DashboardFiles.METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (metric.find()) {
            if (!exported.contains(metric.group())) {
                missing.add(metric.group());
            }
        }
        return missing;
    }

    /** The metric names of a Prometheus text exposition. */
    private static Set<String> exportedMetrics(String exposition) {
        Set<String> names = exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(names.contains("portwatch_agent_info"), "the agent exports no portwatch_agent_info: " + names);
        return names;
    }

    /**
     * Waits for enough scrapes for rates over $__rate_interval, and for the demo's mischief to have reached
     * Prometheus: a refused connect, a bind conflict and a leaked socket.
     */
    private static void awaitData(Prometheus prometheus, String target, AgentJvm demo) throws Exception {
        String selector = "{job=\"" + JOB + "\", instance=\"" + target + "\"}";
        Map<String, String> conditions = new LinkedHashMap<>();
        // The first scrape of a fresh JVM may time out: count the successful ones.
        conditions.put(MIN_SCRAPES + " successful scrapes",
                "sum_over_time(up" + selector + "[1m]) >= " + MIN_SCRAPES);
        conditions.put("a connect error", "portwatch_connect_errors_total" + selector + " > 0");
        conditions.put("a bind error", "portwatch_bind_errors_total" + selector + " > 0");
        conditions.put("a leaked socket", "portwatch_sockets_leaked_total" + selector + " > 0");
        long deadline = System.nanoTime() + DATA_WAIT.toNanos();
        Set<String> missing = new TreeSet<>(conditions.keySet());
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, String> condition : conditions.entrySet()) {
                if (missing.contains(condition.getKey())
                        && prometheus.query(condition.getValue()).problem() == null) {
                    missing.remove(condition.getKey());
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("within " + DATA_WAIT.toSeconds() + " s Prometheus saw no " + missing + "; targets: "
                + prometheus.targets() + "\ndemo stderr: " + demo.stderr());
    }
}
