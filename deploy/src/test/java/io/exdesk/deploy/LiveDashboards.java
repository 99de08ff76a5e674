package io.exdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL of the Grafana dashboards in {@code deploy/grafana/dashboards/}, as Grafana would send it with
 * each template variable at its current value (All: the variable's {@code allValue}, else {@code .*}) and
 * Grafana's built-in intervals filled in.
 */
final class LiveDashboards {

    /** A panel's query: {@code instant} ones are evaluated once, the others over the dashboard's time range. */
    record Query(String dashboard, String panel, String expr, boolean instant) {
    }

    /** A template variable's query ({@code label_values(...)}), which must list at least one value. */
    record VariableQuery(String dashboard, String variable, String query) {
    }

    /** Grafana's {@code $__rate_interval} with any scrape interval up to 15 s: at least four scrapes. */
    static final String RATE_INTERVAL = "1m";
    static final String INTERVAL = "15s";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("now-(\\d+)([smhdw])");

    private LiveDashboards() {
    }

    static Path directory() {
        return ServiceSettings.repositoryRoot().resolve("deploy").resolve("grafana").resolve("dashboards");
    }

    static List<Path> files() {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> panelQueries(Path file) {
        JsonNode dashboard = read(file);
        Map<String, String> variables = variables(dashboard);
        List<Query> queries = new ArrayList<>();
        collect(file.getFileName().toString(), dashboard.path("panels"), variables, queries);
        return queries;
    }

    static List<VariableQuery> variableQueries(Path file) {
        JsonNode dashboard = read(file);
        Map<String, String> variables = variables(dashboard);
        List<VariableQuery> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                queries.add(new VariableQuery(file.getFileName().toString(), variable.path("name").asText(),
                        substitute(text, variables)));
            }
        }
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, Map<String, String> variables, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr") && !target.path("expr").asText().isBlank()) {
                    queries.add(new Query(dashboard, panel.path("title").asText(),
                            substitute(target.path("expr").asText(), variables), target.path("instant").asBoolean(false)));
                }
            }
            collect(dashboard, panel.path("panels"), variables, queries); // a collapsed row holds its panels
        }
    }

    /**
     * The values Grafana substitutes: built-in intervals ({@code $__range} from the dashboard's default
     * time range) and each template variable's current value, All meaning its {@code allValue} or {@code .*}.
     */
    static Map<String, String> variables(JsonNode dashboard) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher range = RANGE.matcher(dashboard.path("time").path("from").asText("now-1h"));
        String rangeText = range.matches() ? range.group(1) + range.group(2) : "1h";
        long rangeSeconds = range.matches() ? Long.parseLong(range.group(1)) * unitSeconds(range.group(2)) : 3600;
        values.put("__rate_interval", RATE_INTERVAL);
        values.put("__interval_ms", "15000");
        values.put("__interval", INTERVAL);
        values.put("__range_ms", Long.toString(rangeSeconds * 1000));
        values.put("__range_s", Long.toString(rangeSeconds));
        values.put("__range", rangeText);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            JsonNode current = variable.path("current").path("value");
            String value = current.isArray() && current.size() == 1 ? current.get(0).asText() : current.asText("");
            if (value.isEmpty() || "$__all".equals(value) || current.isArray() && current.size() > 1) {
                value = variable.hasNonNull("allValue") ? variable.get("allValue").asText() : ".*";
            }
            values.put(name, value);
        }
        return values;
    }

    /** Replaces {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}, longest names first. */
    static String substitute(String expr, Map<String, String> variables) {
        String result = expr;
        List<String> names = variables.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList();
        for (String name : names) {
            String value = Matcher.quoteReplacement(variables.get(name));
            String quoted = Pattern.quote(name);
            result = result.replaceAll("\\$\\{" + quoted + "(:[^}]*)?}", value)
                    .replaceAll("\\[\\[" + quoted + "]]", value)
                    .replaceAll("\\$" + quoted + "(?![A-Za-z0-9_])", value);
        }
        return result;
    }

    private static long unitSeconds(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 604_800;
        };
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
