package io.exdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards in {@code deploy/grafana/dashboards/*.json} read as data, and what their
 * Prometheus queries refer to: Grafana variables and metric names.
 */
final class GrafanaDashboards {

    static final Path GRAFANA = ServiceSettings.repositoryRoot().resolve("deploy").resolve("grafana");
    static final Path DASHBOARDS = GRAFANA.resolve("dashboards");

    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the deprecated {@code [[name]]}. */
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^]]*)?]]");

    /** Grafana's own interval variables, with the value a check substitutes (Prometheus then needs a duration). */
    static final Map<String, String> GLOBAL_VARIABLES = Map.of("__rate_interval", "1m", "__interval", "1m", "__range", "1h");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dashboard file and its parsed JSON. */
    record Dashboard(Path file, JsonNode json) {

        String uid() {
            return json.path("uid").asText();
        }

        /** Every panel, rows included, with the panels that collapsed rows hold. */
        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                panels.add(panel);
                panel.path("panels").forEach(panels::add);
            }
            return panels;
        }

        /** The panels that query something: all but rows. */
        List<JsonNode> queryPanels() {
            return panels().stream().filter(panel -> !"row".equals(panel.path("type").asText())).toList();
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }

        /** The PromQL of every panel target and of every query variable. */
        List<String> expressions() {
            List<String> expressions = new ArrayList<>();
            for (JsonNode panel : queryPanels()) {
                panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
            }
            for (JsonNode variable : variables()) {
                if ("query".equals(variable.path("type").asText())) {
                    expressions.add(variableQuery(variable));
                }
            }
            return expressions;
        }
    }

    private GrafanaDashboards() {
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted()
                    .map(GrafanaDashboards::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + DASHBOARDS, e);
        }
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    /** A query variable's query: a string, or (as Grafana 10+ saves it) an object holding the string. */
    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    /** The names of the variables an expression refers to, Grafana's {@code __} globals included. */
    static Set<String> variablesIn(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(expression);
        while (matcher.find()) {
            for (int group = 1; group <= 3; group++) {
                if (matcher.group(group) != null) {
                    names.add(matcher.group(group));
                }
            }
        }
        return names;
    }

    /**
     * The expression as Prometheus would receive it: Grafana's interval variables become durations and a
     * dashboard variable becomes {@code .*}, its "All" value (every dashboard variable here sits in a
     * {@code =~} matcher; one used anywhere else would not parse, which is what a check should see).
     */
    static String substitute(String expression) {
        return VARIABLE.matcher(expression).replaceAll(match -> {
            String name = match.group(1) != null ? match.group(1) : match.group(2) != null ? match.group(2) : match.group(3);
            return Matcher.quoteReplacement(GLOBAL_VARIABLES.getOrDefault(name, ".*"));
        });
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<duration>\\d+(?:ms|[smhdwy])\\b)|(?<number>\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)"
                    + "|(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    /**
     * The metric names a PromQL expression (variables substituted or not) reads: every identifier that is
     * not a function or aggregation, a keyword, or inside label matchers, a range or a grouping clause.
     * Also reads {@code label_values(metric, label)}, a variable's query.
     */
    static Set<String> metricNames(String expression) {
        String text = substitute(expression);
        text = STRING.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Matcher label = Pattern.compile("label_values\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*\\w+\\s*\\)").matcher(text);
        if (label.matches()) {
            return Set.of(label.group(1));
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String name = token.group("name");
            if (name != null && token.group("call") == null && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
