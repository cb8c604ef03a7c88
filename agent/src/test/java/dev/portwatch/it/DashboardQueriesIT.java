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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Grafana dashboards in {@code grafana/dashboards} against the real thing: the demo app runs with the agent, a
 * real Prometheus scrapes it, and every query of every panel of every dashboard, with its template variables
 * resolved through their own queries, must return data. Also checks what Grafana's provisioning relies on.
 */
class DashboardQueriesIT {

    /** The job the dashboards' $job variable must offer; grafana/prometheus.yml scrapes the demo under it too. */
    private static final String JOB = "portwatch-demo";
    private static final List<String> DASHBOARDS = List.of("portwatch-overview.json",
            "portwatch-remote-services.json");
    /** What Grafana puts for its built-in variables, for a 1 s scrape interval and a short time range. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "4s", "__interval", "1s", "__interval_ms", "1000",
            "__range", "1m", "__range_s", "60", "__range_ms", "60000");
    private static final int MIN_SCRAPES = 8;
    private static final Duration DATA_WAIT = Duration.ofSeconds(75);

    private static final Pattern METRIC = Pattern.compile("\\bportwatch_[a-z_]+");
    private static final Pattern SELECTOR = Pattern.compile("(portwatch_[a-z_]+)\\{([^}]*)}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)");
    private static final Pattern HOST_PORT = Pattern.compile(
            "localhost|\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|[\\w.\\]-]:\\d{1,5}\\b");

    @Test
    void dashboardsAreValidForProvisioning() throws IOException {
        Path grafana = grafanaDir();
        String datasourceUid = provisionedDatasourceUid(grafana);
        Map<String, Object> datasource = Map.of("type", "prometheus", "uid", datasourceUid);

        String provider = Files.readString(grafana.resolve("provisioning/dashboards/portwatch.yml"));
        assertTrue(provider.contains("type: file"), "the dashboard provider is not a file provider");
        String providerPath = single(Pattern.compile("(?m)^\\s*path:\\s*(\\S+)\\s*$"), provider, "path");
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
        assertTrue(Files.readString(grafana.resolve("prometheus.yml")).contains("job_name: " + JOB),
                "grafana/prometheus.yml does not scrape the demo as job " + JOB);

        Set<String> uids = new HashSet<>();
        for (String file : DASHBOARDS) {
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

            Map<String, JsonValue> byName = new LinkedHashMap<>();
            for (JsonValue variable : variables(dashboard)) {
                byName.put(variable.get("name").asString(), variable);
                assertEquals(datasource, variable.get("datasource").raw(),
                        file + ": data source of $" + variable.get("name"));
            }
            assertEquals("label_values(portwatch_agent_info, job)", variableQuery(byName.get("job")),
                    file + ": $job");
            assertEquals("label_values(portwatch_agent_info{job=\"$job\"}, instance)",
                    variableQuery(byName.get("instance")), file + ": $instance");

            Set<Long> ids = new HashSet<>();
            for (JsonValue panel : panels(dashboard)) {
                String title = panel.get("title").asString();
                String where = file + ": panel '" + title + "'";
                assertTrue(title != null && !title.isBlank(), file + ": a panel without a title");
                assertTrue(panel.get("id").raw() instanceof Long id && ids.add(id),
                        where + ": missing or duplicate id " + panel.get("id"));
                assertTrue(panel.get("description").raw() instanceof String d && d.length() > 20,
                        where + ": no description");
                assertNotNull(panel.get("gridPos").raw(), where + ": no gridPos");
                assertEquals(datasource, panel.get("datasource").raw(), where + ": data source");
                JsonValue defaults = defaults(panel);
                assertTrue(defaults.get("unit").raw() instanceof String unit && !unit.isBlank(), where + ": no unit");
                assertTrue(defaults.get("thresholds").raw() instanceof Map, where + ": no thresholds");
                List<JsonValue> targets = targets(panel);
                assertFalse(targets.isEmpty(), where + ": no queries");
                for (JsonValue target : targets) {
                    assertEquals(datasource, target.has("datasource") ? target.get("datasource").raw() : datasource,
                            where + ": data source");
                    checkSelectors(where, target.get("expr").asString());
                }
            }
        }
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void everyPanelQueryReturnsDataFromTheDemo() throws Exception {
        Path jdk = Jdks.all().get(0);
        try (AgentJvm demo = AgentJvm.startWithClasspath(jdk, "port=0", Jdks.demoClasses(),
                "dev.portwatch.demo.DemoMain", "--port", "0", "--duration", "170");
             Prometheus prometheus = Prometheus.start(JOB, URI.create(demo.endpoint()).getAuthority(), null)) {
            String target = URI.create(demo.endpoint()).getAuthority();
            awaitData(prometheus, target, demo);

            Set<String> exported = exportedMetrics(demo.get("/metrics"));
            List<String> failures = new ArrayList<>();
            int queries = 0;
            for (String file : DASHBOARDS) {
                JsonValue dashboard = JsonValue.parse(Files.readString(grafanaDir().resolve("dashboards")
                        .resolve(file)));
                Map<String, String> values = resolveVariables(prometheus, file, dashboard, target, exported,
                        failures);
                if (values == null) {
                    continue;
                }
                for (JsonValue panel : panels(dashboard)) {
                    for (JsonValue query : targets(panel)) {
                        String where = file + ": panel '" + panel.get("title") + "' query " + query.get("refId");
                        String expr = query.get("expr").asString();
                        queries++;
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
            if (!failures.isEmpty()) {
                fail(failures.size() + " of the dashboards' queries failed against the demo:\n  "
                        + String.join("\n  ", failures));
            }
        }
    }

    // ---- the dashboards' structure

    private static Path grafanaDir() {
        Path dir = Path.of(System.getProperty("portwatch.grafana.dir", "../grafana"));
        assertTrue(Files.isDirectory(dir.resolve("dashboards")), "no grafana/dashboards at " + dir);
        return dir;
    }

    private static String provisionedDatasourceUid(Path grafana) throws IOException {
        String datasources = Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml"));
        assertTrue(datasources.contains("type: prometheus"), "the provisioned data source is not Prometheus");
        return single(Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$"), datasources, "uid");
    }

    private static String single(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), "no " + what + " in:\n" + text);
        String value = matcher.group(1);
        assertFalse(matcher.find(), "more than one " + what + " in:\n" + text);
        return value;
    }

    /** Every panel, including those inside collapsed rows; rows themselves hold no queries. */
    private static List<JsonValue> panels(JsonValue dashboard) {
        List<JsonValue> all = new ArrayList<>();
        for (JsonValue panel : dashboard.get("panels").elements()) {
            if ("row".equals(panel.get("type").raw())) {
                assertFalse(panel.has("targets"), "row '" + panel.get("title") + "' has queries");
                all.addAll(panel.get("panels").elements());
            } else {
                all.add(panel);
            }
        }
        assertFalse(all.isEmpty(), "dashboard " + dashboard.get("uid") + " has no panels");
        return all;
    }

    private static List<JsonValue> targets(JsonValue panel) {
        List<JsonValue> targets = panel.get("targets").elements();
        for (JsonValue target : targets) {
            assertTrue(target.get("expr").raw() instanceof String expr && !expr.isBlank(),
                    "panel '" + panel.get("title") + "' has a query without expr");
        }
        return targets;
    }

    private static JsonValue defaults(JsonValue panel) {
        JsonValue fieldConfig = panel.get("fieldConfig");
        assertNotNull(fieldConfig.raw(), "panel '" + panel.get("title") + "' has no fieldConfig");
        return fieldConfig.get("defaults");
    }

    private static List<JsonValue> variables(JsonValue dashboard) {
        JsonValue templating = dashboard.get("templating");
        assertNotNull(templating.raw(), "dashboard " + dashboard.get("uid") + " has no template variables");
        return templating.get("list").elements();
    }

    private static String variableQuery(JsonValue variable) {
        assertNotNull(variable, "a template variable is missing");
        assertEquals("query", variable.get("type").raw(), "variable $" + variable.get("name") + " is not a query");
        JsonValue query = variable.get("query");
        return query.raw() instanceof Map ? query.get("query").asString() : query.asString();
    }

    /** Every selector of a portwatch metric filters on the dashboard's job and instances, never on a fixed one. */
    private static void checkSelectors(String where, String expr) {
        String unquoted = expr.replaceAll("\"[^\"]*\"", "\"\"");
        Matcher metric = METRIC.matcher(unquoted);
        while (metric.find()) {
            assertTrue(unquoted.startsWith("{", metric.end()), where + ": " + metric.group()
                    + " has no label selector (job and instance): " + expr);
        }
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            List<String> matchers = Stream.of(selector.group(2).split(",")).map(String::trim).toList();
            assertTrue(matchers.contains("job=\"$job\""), where + ": " + selector.group(1) + " not filtered by "
                    + "job=\"$job\": " + expr);
            assertTrue(matchers.contains("instance=~\"$instance\""), where + ": " + selector.group(1)
                    + " not filtered by instance=~\"$instance\": " + expr);
            assertEquals(1, matchers.stream().filter(m -> m.startsWith("instance")).count(),
                    where + ": more than one instance matcher: " + expr);
        }
    }

    // ---- variables and queries against Prometheus

    /**
     * Resolves each template variable through its own label_values query, as Grafana would: $job must offer the
     * demo's job, $instance exactly the demo's endpoint, others at least one value (the first is used).
     */
    private static Map<String, String> resolveVariables(Prometheus prometheus, String file, JsonValue dashboard,
                                                        String target, Set<String> exported, List<String> failures)
            throws IOException, InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(BUILT_INS);
        for (JsonValue variable : variables(dashboard)) {
            String name = variable.get("name").asString();
            String query = substitute(variableQuery(variable), values);
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
        Matcher metric = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
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
