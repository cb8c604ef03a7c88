package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The rules of {@code grafana/portwatch-rules.yml} and their promtool tests, read as YAML. */
final class PrometheusRules {

    static final String RULES_FILE = "portwatch-rules.yml";
    static final String TESTS_FILE = "portwatch-rules.test.yml";

    /** One rule: an alert's or a recording rule's name, and its expression. */
    record Rule(String name, boolean alert, String expr) {}

    private PrometheusRules() {}

    static Path grafanaDir() {
        Path dir = Path.of(System.getProperty("portwatch.grafana.dir", "../grafana"));
        assertTrue(Files.isDirectory(dir.resolve("dashboards")), "no grafana/dashboards at " + dir);
        return dir;
    }

    static Path rulesFile() {
        return grafanaDir().resolve(RULES_FILE);
    }

    @SuppressWarnings("unchecked")
    static List<Rule> rules() throws IOException {
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(rulesFile()).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                boolean alert = rule.containsKey("alert");
                String name = (String) rule.get(alert ? "alert" : "record");
                assertNotNull(name, "a rule with neither alert nor record: " + rule);
                rules.add(new Rule(name, alert, (String) rule.get("expr")));
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tests() throws IOException {
        return (List<Map<String, Object>>) yaml(grafanaDir().resolve(TESTS_FILE)).get("tests");
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(file));
        assertNotNull(document, file + " is empty");
        return document;
    }
}
