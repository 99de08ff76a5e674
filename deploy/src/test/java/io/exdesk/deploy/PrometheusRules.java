package io.exdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Prometheus assets in {@code deploy/prometheus/}: {@code prometheus.yml}, the recording and alerting
 * rules in {@code rules/*.yml} and their promtool unit tests in {@code tests/*.yml}, read as data.
 */
final class PrometheusRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One rule: a recording rule has {@code record}, an alerting rule {@code alert}. */
    record Rule(Path file, String group, String record, String alert, String expr, String forDuration,
                Map<String, String> labels, Map<String, String> annotations) {

        boolean isAlert() {
            return alert != null;
        }

        String name() {
            return isAlert() ? alert : record;
        }
    }

    /** How the unit tests exercise one alert: evaluations where it is expected to fire, and where silent. */
    record Coverage(int firing, int silent) {
    }

    private PrometheusRules() {
    }

    static Path directory() {
        return ServiceSettings.repositoryRoot().resolve("deploy").resolve("prometheus");
    }

    static Path config() {
        return directory().resolve("prometheus.yml");
    }

    static List<Path> ruleFiles() {
        return yamlFiles(directory().resolve("rules"));
    }

    static List<Path> testFiles() {
        return yamlFiles(directory().resolve("tests"));
    }

    /** Every rule of every rule file, in file and group order. */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new Rule(file, group.path("name").asText(), text(rule, "record"), text(rule, "alert"),
                            rule.path("expr").asText(), text(rule, "for"), strings(rule.path("labels")),
                            strings(rule.path("annotations"))));
                }
            }
        }
        return rules;
    }

    static List<Rule> alerts() {
        return rules().stream().filter(Rule::isAlert).toList();
    }

    /** For every alert name the unit tests mention, how many evaluations expect it firing and how many silent. */
    static Map<String, Coverage> unitTestCoverage() {
        Map<String, Coverage> coverage = new LinkedHashMap<>();
        for (Path file : testFiles()) {
            for (JsonNode test : read(file).path("tests")) {
                for (JsonNode evaluation : test.path("alert_rule_test")) {
                    String alert = evaluation.path("alertname").asText();
                    boolean fires = evaluation.path("exp_alerts").size() > 0;
                    Coverage before = coverage.getOrDefault(alert, new Coverage(0, 0));
                    coverage.put(alert, fires ? new Coverage(before.firing() + 1, before.silent())
                            : new Coverage(before.firing(), before.silent() + 1));
                }
            }
        }
        return coverage;
    }

    /**
     * The expression with every comparison made non-filtering ({@code > bool 0.5}): it then returns a 0 or 1
     * for every label set its inputs have, whether or not the alert fires, and nothing only when an input
     * has no data. Label matchers ({@code {job!="x"}}) and strings are left alone.
     */
    static String withBoolComparisons(String expr) {
        StringBuilder result = new StringBuilder();
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            result.append(c);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expr.length()) {
                    result.append(expr.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (braces == 0 && isComparison(expr, i)) {
                if (i + 1 < expr.length() && expr.charAt(i + 1) == '=') {
                    result.append('=');
                    i++;
                }
                if (!expr.substring(i + 1).stripLeading().startsWith("bool")) {
                    result.append(" bool");
                }
            }
        }
        return result.toString();
    }

    private static boolean isComparison(String expr, int i) {
        char c = expr.charAt(i);
        boolean equalsNext = i + 1 < expr.length() && expr.charAt(i + 1) == '=';
        return c == '>' || c == '<' || (c == '=' || c == '!') && equalsNext;
    }

    static JsonNode read(Path yaml) {
        try {
            return YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + yaml, e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }
}
