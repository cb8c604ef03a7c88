package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The dashboards' JSON and the provisioned data source, read the way Grafana reads them, and checks of their parts. */
final class DashboardFiles {

    /** The data source every panel, query and variable names: the dashboard's own variable. */
    static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${datasource}");
    /** A metric name, not part of a recording rule's name ({@code level:metric:operations}). */
    static final Pattern METRIC = Pattern.compile("(?<![:\\w])portwatch_[a-z_]+(?![:\\w])");
    private static final Pattern SELECTOR = Pattern.compile("(portwatch_[a-z_]+)\\{([^}]*)}");

    private DashboardFiles() {}

    /**
     * What importing a dashboard into another Grafana relies on: the data source is the dashboard's variable
     * ($datasource, any Prometheus), whose default the import form fills from the declared input; nothing else names
     * the input, since provisioning, which does not read inputs, would leave it unresolved.
     */
    static void checkImport(String file, String text, JsonValue dashboard) {
        List<JsonValue> inputs = dashboard.get("__inputs").elements();
        assertEquals(1, inputs.size(), file + ": one __inputs entry for import: " + dashboard.get("__inputs"));
        JsonValue input = inputs.get(0);
        assertEquals(List.of("datasource", "prometheus"), List.of(input.get("type").asString(),
                input.get("pluginId").asString()), file + ": the input is not a Prometheus data source: " + input);
        String reference = "${" + input.get("name").asString() + "}";
        JsonValue variable = variables(dashboard).get(0);
        assertEquals(List.of("datasource", "datasource", "prometheus"), List.of(variable.get("name").asString(),
                variable.get("type").asString(), variable.get("query").asString()),
                file + ": the first variable is the data source");
        assertEquals(reference, variable.get("current").get("value").asString(),
                file + ": the data source variable's default is not the import input");
        assertEquals(2, text.split(Pattern.quote(reference), -1).length - 1,
                file + ": " + reference + " must appear only in the variable's default (its text and value)");
    }

    static String provisionedDatasourceUid(Path grafana) throws IOException {
        String datasources = Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml"));
        assertTrue(datasources.contains("type: prometheus"), "the provisioned data source is not Prometheus");
        return single(Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$"), datasources, "uid");
    }

    static String single(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), "no " + what + " in:\n" + text);
        String value = matcher.group(1);
        assertFalse(matcher.find(), "more than one " + what + " in:\n" + text);
        return value;
    }

    /** Every panel, including those inside collapsed rows; rows themselves hold no queries. */
    static List<JsonValue> panels(JsonValue dashboard) {
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

    static List<JsonValue> targets(JsonValue panel) {
        List<JsonValue> targets = panel.get("targets").elements();
        for (JsonValue target : targets) {
            assertTrue(target.get("expr").raw() instanceof String expr && !expr.isBlank(),
                    "panel '" + panel.get("title") + "' has a query without expr");
        }
        return targets;
    }

    static JsonValue defaults(JsonValue panel) {
        JsonValue fieldConfig = panel.get("fieldConfig");
        assertNotNull(fieldConfig.raw(), "panel '" + panel.get("title") + "' has no fieldConfig");
        return fieldConfig.get("defaults");
    }

    static List<JsonValue> variables(JsonValue dashboard) {
        JsonValue templating = dashboard.get("templating");
        assertNotNull(templating.raw(), "dashboard " + dashboard.get("uid") + " has no template variables");
        return templating.get("list").elements();
    }

    static String variableQuery(JsonValue variable) {
        assertNotNull(variable, "a template variable is missing");
        assertEquals("query", variable.get("type").raw(), "variable $" + variable.get("name") + " is not a query");
        JsonValue query = variable.get("query");
        return query.raw() instanceof Map ? query.get("query").asString() : query.asString();
    }

    /** Every selector of a portwatch metric filters on the dashboard's jobs and instances, never on a fixed one. */
    static void checkSelectors(String where, String expr) {
        String unquoted = expr.replaceAll("\"[^\"]*\"", "\"\"");
        Matcher metric = METRIC.matcher(unquoted);
        while (metric.find()) {
            assertTrue(unquoted.startsWith("{", metric.end()), where + ": " + metric.group()
                    + " has no label selector (job and instance): " + expr);
        }
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            List<String> matchers = Stream.of(selector.group(2).split(",")).map(String::trim).toList();
            assertTrue(matchers.contains("job=~\"$job\""), where + ": " + selector.group(1) + " not filtered by "
                    + "job=~\"$job\": " + expr);
            assertTrue(matchers.contains("instance=~\"$instance\""), where + ": " + selector.group(1)
                    + " not filtered by instance=~\"$instance\": " + expr);
            assertEquals(1, matchers.stream().filter(m -> m.startsWith("instance")).count(),
                    where + ": more than one instance matcher: " + expr);
        }
    }
}
