package io.exdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.exdesk.deploy.GrafanaDashboards.Dashboard;
import io.exdesk.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and their provisioning, checked without Grafana (no package of it can be installed
 * on the build machines): well-formed for current Grafana, every panel querying Prometheus through the
 * {@code datasource} variable, variables defined and used, every metric one the services expose or a rule
 * records, every expression parsed by promtool. That every panel returns data from a running ExDesk is
 * LiveMonitoringTest's part.
 */
class GrafanaDashboardsTest {

    private static final Path ROOT = ServiceSettings.repositoryRoot();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Current Grafana (10.4 and later) writes 39 or above; older schemas are migrated on load, and may change. */
    private static final int MIN_SCHEMA_VERSION = 39;
    private static final int GRID_COLUMNS = 24;

    /** The datasource reference every panel and target uses: Prometheus, whichever the variable selects. */
    private static final JsonNode DATASOURCE = JSON.createObjectNode().put("type", "prometheus").put("uid", "${datasource}");

    /** Where docker-compose.yml mounts deploy/grafana/dashboards and deploy/grafana/provisioning in Grafana's container. */
    private static final String DASHBOARDS_MOUNT = "/etc/grafana/dashboards";
    private static final String PROVISIONING_MOUNT = "/etc/grafana/provisioning";

    /**
     * Metric families that Quarkus' binders (HTTP server, JVM, process, system, Kafka client) expose, not
     * ExDesk's code, so they cannot be found in its sources; LiveMonitoringTest shows each panel that reads
     * them returns data. {@code up} is Prometheus' own series for every scrape target.
     */
    private static final List<String> FRAMEWORK_PREFIXES =
            List.of("http_server_requests_seconds_", "jvm_", "process_", "system_", "kafka_consumer_");
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    /** The Prometheus names of a Micrometer meter: counters add _total, timers _seconds, histograms their parts. */
    private static final List<String> METER_SUFFIXES = List.of("_seconds_bucket", "_seconds_count", "_seconds_sum",
            "_seconds_max", "_seconds", "_total", "_bucket", "_count", "_sum", "_max");
    private static final Pattern METER_NAME_LITERAL = Pattern.compile("\"([a-z][a-z0-9]*(?:\\.[a-z0-9]+)+)\"");
    private static final List<String> METERING_MODULES =
            List.of("platform", "ticket-service", "routing-service", "sla-service", "notification-service");

    @Test
    void theSlaOverviewAndServiceHealthDashboardsArePresentUnderUniqueUids() {
        List<Dashboard> dashboards = GrafanaDashboards.all();
        assertThat(dashboards).extracting(Dashboard::uid)
                .doesNotHaveDuplicates()
                .contains("exdesk-sla-overview", "exdesk-service-health");
    }

    /**
     * Customer satisfaction next to the SLA (issue 19): overall, by category and by agent tier, over the range. A
     * csat_rating series is born with its first rating, which increase() cannot see, so each counts a series born in
     * the range whole (LiveMonitoringTest checks the figures against the ratings it gives).
     */
    @Test
    void theSlaOverviewShowsCustomerSatisfactionByCategoryAndAgentTier() {
        Dashboard sla = GrafanaDashboards.all().stream().filter(d -> d.uid().equals("exdesk-sla-overview")).findFirst()
                .orElseThrow();
        List<String> csat = sla.expressions().stream().filter(expr -> expr.contains("csat_rating")).toList();
        assertThat(csat).as("CSAT queries of the SLA overview")
                .anyMatch(expr -> expr.contains("by (category)")).anyMatch(expr -> expr.contains("by (agent_tier)"))
                .allSatisfy(expr -> assertThat(expr).contains("offset $__range").contains("[$__range]"));
    }

    @Test
    void everyDashboardIsWellFormedForCurrentGrafana() {
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            JsonNode json = dashboard.json();
            String where = dashboard.file().getFileName().toString();
            assertThat(json.path("schemaVersion").asInt()).as(where + " schemaVersion").isGreaterThanOrEqualTo(MIN_SCHEMA_VERSION);
            assertThat(dashboard.uid()).as(where + " uid").matches("[a-zA-Z0-9_-]{1,40}");
            assertThat(json.path("title").asText()).as(where + " title").isNotBlank();
            assertThat(json.path("tags")).as(where + " tags").isNotEmpty();
            assertThat(json.path("time").path("from").asText()).as(where + " time.from").isNotBlank();
            assertThat(json.path("time").path("to").asText()).as(where + " time.to").isNotBlank();
            assertThat(json.path("refresh").asText()).as(where + " refresh").matches("\\d+[smh]");
            assertThat(json.has("id") && !json.get("id").isNull()).as(where + ": a provisioned dashboard carries no database id").isFalse();

            JsonNode datasource = variable(dashboard, "datasource");
            assertThat(datasource).as(where + ": a variable named datasource").isNotNull();
            assertThat(datasource.path("type").asText()).as(where + " datasource variable type").isEqualTo("datasource");
            assertThat(datasource.path("query").asText()).as(where + " datasource variable plugin").isEqualTo("prometheus");
            assertThat(datasource.path("current").path("value").asText()).as(where + ": the provisioned datasource is the default")
                    .isEqualTo(provisionedDatasource().path("uid").asText());
        }
    }

    @Test
    void panelIdsAreUniqueAndNoTwoPanelsOverlap() {
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            String where = dashboard.file().getFileName().toString();
            List<JsonNode> panels = dashboard.panels();
            assertThat(panels).as(where + " panels").isNotEmpty();
            assertThat(panels).extracting(panel -> panel.path("id").asInt(-1)).as(where + " panel ids")
                    .doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
            for (JsonNode panel : panels) {
                JsonNode grid = panel.path("gridPos");
                assertThat(List.of("x", "y", "w", "h")).as(where + " panel " + panel.path("id") + " gridPos")
                        .allSatisfy(field -> assertThat(grid.path(field).isInt()).as(field).isTrue());
                assertThat(grid.path("w").asInt()).isPositive();
                assertThat(grid.path("h").asInt()).isPositive();
                assertThat(grid.path("x").asInt()).isNotNegative();
                assertThat(grid.path("y").asInt()).isNotNegative();
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(where + " panel " + panel.path("id") + " fits the grid's 24 columns").isLessThanOrEqualTo(GRID_COLUMNS);
            }
            for (int i = 0; i < panels.size(); i++) {
                for (int j = i + 1; j < panels.size(); j++) {
                    assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                            .as(where + ": panels " + panels.get(i).path("id") + " and " + panels.get(j).path("id") + " overlap")
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            for (JsonNode panel : dashboard.queryPanels()) {
                String where = dashboard.file().getFileName() + " panel " + panel.path("id") + " (" + panel.path("title").asText() + ")";
                assertThat(panel.path("title").asText()).as(where + " title").isNotBlank();
                assertThat(panel.path("description").asText()).as(where + " description").isNotBlank();
                assertThat(panel.path("datasource")).as(where + " datasource").isEqualTo(DATASOURCE);
                assertThat(panel.path("targets")).as(where + " targets").isNotEmpty();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
                    assertThat(target.path("datasource")).as(where + " target datasource").isEqualTo(DATASOURCE);
                    assertThat(refIds.add(target.path("refId").asText())).as(where + " refId " + target.path("refId") + " unique").isTrue();
                }
            }
            for (JsonNode variable : dashboard.variables()) {
                if ("query".equals(variable.path("type").asText())) {
                    assertThat(variable.path("datasource")).as(dashboard.file().getFileName() + " variable " + variable.path("name"))
                            .isEqualTo(DATASOURCE);
                }
            }
        }
    }

    @Test
    void everyVariableAnExpressionUsesIsDefinedAndEveryDefinedOneIsUsed() {
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            String where = dashboard.file().getFileName().toString();
            Set<String> defined = dashboard.variables().stream().map(v -> v.path("name").asText()).collect(Collectors.toSet());
            Set<String> used = new LinkedHashSet<>();
            dashboard.expressions().forEach(expr -> used.addAll(GrafanaDashboards.variablesIn(expr)));
            Set<String> undefined = new LinkedHashSet<>(used);
            undefined.removeAll(defined);
            undefined.removeAll(GrafanaDashboards.GLOBAL_VARIABLES.keySet());
            assertThat(undefined).as(where + ": variables used but not defined").isEmpty();

            Set<String> unused = new LinkedHashSet<>(defined);
            unused.removeAll(used);
            // The datasource variable is used by every panel's datasource reference, not in expressions.
            unused.remove("datasource");
            assertThat(unused).as(where + ": variables defined but used by no expression").isEmpty();

            for (JsonNode variable : dashboard.variables()) {
                if (!"query".equals(variable.path("type").asText())) {
                    continue;
                }
                String name = variable.path("name").asText();
                assertThat(GrafanaDashboards.variableQuery(variable)).as(where + " variable " + name)
                        .matches("label_values\\(\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*,\\s*\\w+\\s*\\)");
                assertThat(variable.path("multi").asBoolean()).as(where + " variable " + name + " multi").isTrue();
                assertThat(variable.path("includeAll").asBoolean()).as(where + " variable " + name + " includeAll").isTrue();
                // Multi-value variables expand to a regex alternation: only a =~ or !~ matcher takes them.
                dashboard.expressions().stream().filter(expr -> GrafanaDashboards.variablesIn(expr).contains(name))
                        .forEach(expr -> assertThat(expr).as(where + ": " + name + " in a regex matcher")
                                .containsPattern("\\w+\\s*[=!]~\\s*\"\\$\\{?" + name + "\\b"));
            }
        }
    }

    @Test
    void everyMetricAnExpressionReadsIsExposedByAServiceOrRecordedByARule() {
        Set<String> meterNames = meterNamesInSources();
        Set<String> recorded = recordingRules();
        // The source scan must find meters at all, or every name would fail for a reason the message hides.
        assertThat(meterNames).contains("outbox.pending.events", "sla.breaches", "routing.queue.depth");
        assertThat(recorded).isNotEmpty();

        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            for (String expr : dashboard.expressions()) {
                for (String metric : GrafanaDashboards.metricNames(expr)) {
                    boolean known = recorded.contains(metric) || PROMETHEUS_SERIES.contains(metric)
                            || FRAMEWORK_PREFIXES.stream().anyMatch(metric::startsWith)
                            || meterCandidates(metric).stream().anyMatch(meterNames::contains);
                    if (!known) {
                        unknown.computeIfAbsent(dashboard.file().getFileName().toString(), f -> new LinkedHashSet<>()).add(metric);
                    }
                }
            }
        }
        assertThat(unknown).as("metrics that no service registers and no recording rule records").isEmpty();
    }

    @Test
    void theMetricNameReaderFindsMetricsAndNothingElse() {
        assertThat(GrafanaDashboards.metricNames("""
                sum by (job, le) (rate(outbox_publish_lag_seconds_bucket{job=~"$service", le!="+Inf"}[$__rate_interval]))
                / on (job) group_left max(up offset 5m) or on() vector(0) > bool 1e3"""))
                .containsExactly("outbox_publish_lag_seconds_bucket", "up");
        assertThat(GrafanaDashboards.metricNames("label_values(sla_open_clocks, priority)")).containsExactly("sla_open_clocks");
        assertThat(GrafanaDashboards.metricNames("priority_tier_clock:sla_met:rate1d{clock=\"RESOLUTION\"} - time()"))
                .containsExactly("priority_tier_clock:sla_met:rate1d");
        assertThat(meterCandidates("sla_first_response_duration_seconds_bucket")).contains("sla.first.response.duration");
        assertThat(meterCandidates("routing_queue_oldest_seconds")).contains("routing.queue.oldest.seconds");
    }

    @Test
    void promtoolParsesEveryExpressionWithItsVariablesSubstituted() throws Exception {
        Path promtool = Tools.require("promtool");
        ObjectNode file = YAML.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject().put("name", "grafana-panels");
        var rules = group.putArray("rules");
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            String prefix = "grafana_panel:" + dashboard.uid().replace('-', '_') + ":";
            for (JsonNode panel : dashboard.queryPanels()) {
                for (JsonNode target : panel.path("targets")) {
                    rules.addObject()
                            .put("record", prefix + "panel" + panel.path("id").asInt() + "_" + target.path("refId").asText())
                            .put("expr", GrafanaDashboards.substitute(target.path("expr").asText()));
                }
            }
        }
        assertThat(rules).hasSizeGreaterThan(10);
        Path generated = Path.of("target", "grafana", "panel-expressions.yml").toAbsolutePath();
        Files.createDirectories(generated.getParent());
        YAML.writeValue(generated.toFile(), file);

        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", generated.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool check rules " + generated + ":\n" + output).isZero();
    }

    @Test
    void theProvisioningLoadsTheDashboardsDirectoryAndAPrometheusDatasourceWithAFixedUid() {
        JsonNode datasource = provisionedDatasource();
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("uid").asText()).isNotBlank();
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");

        JsonNode providers = readYaml(GrafanaDashboards.GRAFANA.resolve("provisioning/dashboards/exdesk.yml"))
                .path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.get(0).path("options").path("path").asText()).isEqualTo(DASHBOARDS_MOUNT);
    }

    @Test
    void dockerComposeMountsTheDashboardsAndProvisioningWhereGrafanaReadsThem() {
        JsonNode compose = readYaml(ROOT.resolve("docker-compose.yml"));
        JsonNode grafana = compose.path("services").path("grafana");
        assertThat(grafana.isMissingNode()).as("docker-compose.yml has a grafana service").isFalse();
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : grafana.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2) {
                mounts.put(parts[1], ROOT.resolve(parts[0]).normalize().toString());
            }
        }
        assertThat(mounts).containsEntry(DASHBOARDS_MOUNT, GrafanaDashboards.DASHBOARDS.toString())
                .containsEntry(PROVISIONING_MOUNT, GrafanaDashboards.GRAFANA.resolve("provisioning").toString());
        JsonNode prometheus = compose.path("services").path("prometheus");
        assertThat(prometheus.isMissingNode()).as("docker-compose.yml has a prometheus service, the datasource's host").isFalse();
    }

    @Test
    void operationsDocsDescribeEveryPanel() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/operations.md"));
        Matcher section = Pattern.compile("(?ms)^## Dashboards\\s*$(.*?)(?=^## |\\z)").matcher(docs);
        assertThat(section.find()).as("docs/operations.md has a section \"## Dashboards\"").isTrue();
        String text = section.group(1);
        List<String> missing = new ArrayList<>();
        for (Dashboard dashboard : GrafanaDashboards.all()) {
            if (!text.contains(dashboard.json().path("title").asText())) {
                missing.add(dashboard.json().path("title").asText());
            }
            for (JsonNode panel : dashboard.queryPanels()) {
                if (!text.contains(panel.path("title").asText())) {
                    missing.add(dashboard.uid() + ": " + panel.path("title").asText());
                }
            }
        }
        assertThat(missing).as("dashboards and panels the Dashboards section does not name").isEmpty();
    }

    /** The series the recording rules in deploy/prometheus/rules record. */
    private static Set<String> recordingRules() {
        Set<String> records = new HashSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                for (JsonNode group : readYaml(file).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        if (rule.hasNonNull("record")) {
                            records.add(rule.get("record").asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the recording rules", e);
        }
        return records;
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static JsonNode variable(Dashboard dashboard, String name) {
        return dashboard.variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst().orElse(null);
    }

    private static JsonNode provisionedDatasource() {
        JsonNode datasources = readYaml(GrafanaDashboards.GRAFANA.resolve("provisioning/datasources/prometheus.yml"))
                .path("datasources");
        assertThat(datasources).as("provisioned datasources").hasSize(1);
        return datasources.get(0);
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    /** The Micrometer names (dotted) a Prometheus series name may come from. */
    private static Set<String> meterCandidates(String metric) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(metric.replace('_', '.'));
        for (String suffix : METER_SUFFIXES) {
            if (metric.endsWith(suffix)) {
                candidates.add(metric.substring(0, metric.length() - suffix.length()).replace('_', '.'));
            }
        }
        return candidates;
    }

    /**
     * The meter names in ExDesk's own code: the dotted string literals of every main source file that uses
     * Micrometer. Read from the sources rather than listed here, so a renamed meter fails this test.
     */
    private static Set<String> meterNamesInSources() {
        Set<String> names = new HashSet<>();
        for (String module : METERING_MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (source.contains("io.micrometer")) {
                        Matcher literal = METER_NAME_LITERAL.matcher(source);
                        while (literal.find()) {
                            names.add(literal.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the sources of " + module, e);
            }
        }
        return names;
    }
}
