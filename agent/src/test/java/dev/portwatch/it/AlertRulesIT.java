package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus rules in {@code grafana/portwatch-rules.yml}: {@code promtool check rules} accepts them, their
 * promtool unit tests pass, and those tests leave no rule out: every alert has a case where it fires and one where
 * it must not, every recording rule a case with its value. That the alerts fire on the real demo is
 * {@link DashboardQueriesIT}'s part, and so is the check that each metric a rule reads is one the agent exports.
 */
@Timeout(120)
class AlertRulesIT {

    private static final Pattern EVALUATED_RULE = Pattern.compile("[a-z_]+:[a-z_]+:[a-z0-9_]+");

    @Test
    void promtoolChecksTheRules() throws Exception {
        Promtool.Result check = Promtool.run(List.of("check", "rules", PrometheusRules.rulesFile().toString()),
                new byte[0]);
        assertEquals(0, check.exitCode(), "promtool check rules: " + check.output());
        int rules = PrometheusRules.rules().size();
        assertTrue(check.output().contains("SUCCESS: " + rules + " rules found"), check.output());
    }

    @Test
    void thePromtoolTestsOfTheRulesPass() throws Exception {
        Promtool.Result test = Promtool.run(List.of("test", "rules",
                PrometheusRules.grafanaDir().resolve(PrometheusRules.TESTS_FILE).toString()), new byte[0]);
        assertEquals(0, test.exitCode(), "promtool test rules: " + test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    /**
     * The compose file's Prometheus configuration, with the rules mounted next to it as docker-compose.yml does;
     * the token file it names is the compose volume's, so a stand-in takes its place.
     */
    @Test
    void theComposePrometheusConfigurationLoadsTheRules(@TempDir Path etc) throws Exception {
        Path token = etc.resolve("token");
        Files.writeString(token, "stand-in");
        String config = Files.readString(PrometheusRules.grafanaDir().resolve("prometheus.yml"));
        assertTrue(config.contains("credentials_file: /run/portwatch/token"), config);
        Files.writeString(etc.resolve("prometheus.yml"), config.replace("/run/portwatch/token", token.toString()));
        Files.copy(PrometheusRules.rulesFile(), etc.resolve(PrometheusRules.RULES_FILE));
        Promtool.Result check = Promtool.run(List.of("check", "config", etc.resolve("prometheus.yml").toString()),
                new byte[0]);
        assertEquals(0, check.exitCode(), "promtool check config: " + check.output());
        assertTrue(check.output().contains("SUCCESS: 1 rule files found"), check.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasACaseThatFiresItAndOneThatDoesNot() throws Exception {
        Set<String> fired = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Set<String> evaluated = new TreeSet<>();
        for (Map<String, Object> test : PrometheusRules.tests()) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test",
                    List.of())) {
                List<Object> expected = (List<Object>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : fired).add((String) check.get("alertname"));
            }
            for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("promql_expr_test",
                    List.of())) {
                Matcher rule = EVALUATED_RULE.matcher((String) check.get("expr"));
                while (rule.find()) {
                    evaluated.add(rule.group());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (PrometheusRules.Rule rule : PrometheusRules.rules()) {
            if (rule.alert() && !fired.contains(rule.name())) {
                missing.add(rule.name() + ": no case that fires it");
            }
            if (rule.alert() && !quiet.contains(rule.name())) {
                missing.add(rule.name() + ": no case where it must not fire");
            }
            if (!rule.alert() && !evaluated.contains(rule.name())) {
                missing.add(rule.name() + ": no promql_expr_test");
            }
        }
        assertEquals(List.of(), missing, "rules the promtool tests leave out");
    }
}
