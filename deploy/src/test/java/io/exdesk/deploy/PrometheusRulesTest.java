package io.exdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.deploy.PrometheusRules.Coverage;
import io.exdesk.deploy.PrometheusRules.Rule;
import io.exdesk.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration and rules are valid for promtool, every alert has promtool unit tests that
 * expect it both to fire and to stay silent, and every alert carries what the person it reaches needs: a
 * severity, a summary, a description and a runbook section that exists in docs/operations.md.
 */
class PrometheusRulesTest {

    private static final Set<String> SEVERITIES = Set.of("page", "ticket");
    private static final Pattern RUNBOOK = Pattern.compile("docs/operations\\.md#([a-z0-9_-]+)");
    private static final Pattern ERROR_BUDGET = Pattern.compile("\\(1 - (0\\.\\d+)\\)");

    @Test
    void promtoolAcceptsTheConfigurationAndItsRuleFiles() {
        // prometheus.yml names its rule files relative to itself (rules/*.yml), as compose mounts the directory.
        String output = promtool("check", "config", PrometheusRules.config().toString());
        assertThat(output).contains(PrometheusRules.ruleFiles().size() + " rule files found");
    }

    @Test
    void promtoolAcceptsEveryRuleFile() {
        List<String> command = new ArrayList<>(List.of("check", "rules"));
        PrometheusRules.ruleFiles().forEach(file -> command.add(file.toString()));
        promtool(command.toArray(String[]::new));
    }

    @Test
    void everyUnitTestPasses() {
        List<String> command = new ArrayList<>(List.of("test", "rules"));
        PrometheusRules.testFiles().forEach(file -> command.add(file.toString()));
        promtool(command.toArray(String[]::new));
    }

    @Test
    void everyAlertHasUnitTestsThatExpectItToFireAndToStaySilent() {
        Map<String, Coverage> coverage = PrometheusRules.unitTestCoverage();
        Map<String, String> untested = new LinkedHashMap<>();
        for (Rule alert : PrometheusRules.alerts()) {
            Coverage tested = coverage.getOrDefault(alert.alert(), new Coverage(0, 0));
            if (tested.firing() == 0 || tested.silent() == 0) {
                untested.put(alert.alert(), tested.firing() + " firing and " + tested.silent() + " silent evaluations");
            }
        }
        assertThat(untested).as("alerts without a unit test that expects them to fire and one that expects silence")
                .isEmpty();
        Set<String> alertNames = PrometheusRules.alerts().stream().map(Rule::alert).collect(Collectors.toSet());
        assertThat(coverage.keySet()).as("unit tests of alerts that no rule defines").isSubsetOf(alertNames);
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists() {
        Set<String> anchors = headingAnchors(ServiceSettings.repositoryRoot().resolve("docs").resolve("operations.md"));
        List<String> problems = new ArrayList<>();
        for (Rule alert : PrometheusRules.alerts()) {
            if (!SEVERITIES.contains(alert.labels().get("severity"))) {
                problems.add(alert.alert() + ": severity " + alert.labels().get("severity") + " is not one of " + SEVERITIES);
            }
            for (String annotation : List.of("summary", "description")) {
                if (alert.annotations().getOrDefault(annotation, "").isBlank()) {
                    problems.add(alert.alert() + ": no " + annotation);
                }
            }
            Matcher runbook = RUNBOOK.matcher(alert.annotations().getOrDefault("runbook_url", ""));
            if (!runbook.matches()) {
                problems.add(alert.alert() + ": runbook_url is not docs/operations.md#<section>");
            } else if (!anchors.contains(runbook.group(1))) {
                problems.add(alert.alert() + ": docs/operations.md has no section #" + runbook.group(1));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBurnRateThresholdsShareOneSlo() {
        Set<String> slos = new TreeSet<>();
        for (Rule alert : PrometheusRules.alerts()) {
            Matcher budget = ERROR_BUDGET.matcher(alert.expr());
            while (budget.find()) {
                slos.add(budget.group(1));
            }
        }
        assertThat(slos).as("the SLO in every (1 - SLO) of the alerts").hasSize(1);
    }

    @Test
    void theScrapeConfigurationReadsEveryServiceOnItsPortAndMetricsPath() {
        JsonNode config = PrometheusRules.read(PrometheusRules.config());
        Map<String, String> scraped = new LinkedHashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            List<String> targets = new ArrayList<>();
            job.path("static_configs").forEach(group -> group.path("targets").forEach(t -> targets.add(t.asText())));
            scraped.put(job.path("job_name").asText(), job.path("metrics_path").asText() + " " + targets);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        List<ServiceSettings> exdesk = new ArrayList<>(ServiceSettings.all());
        exdesk.add(ServiceSettings.of(ServiceSettings.CONSOLE)); // it serves /q/metrics too (its HTTP server and JVM)
        for (ServiceSettings service : exdesk) {
            expected.put(service.name(), ServiceSettings.METRICS + " [" + service.name() + ":" + service.httpPort() + "]");
        }
        assertThat(scraped).isEqualTo(expected);
        assertThat(config.path("rule_files").toString()).isEqualTo("[\"rules/*.yml\"]");
    }

    @Test
    void theLiveCheckMakesEveryComparisonNonFilteringButLeavesLabelMatchersAlone() {
        assertThat(PrometheusRules.withBoolComparisons(
                "up{job!=\"a\", uri=~\"/x>y\"} == 0 and on (job) rate(x[5m]) >= bool 1 or y < 2 unless z != 3"))
                .isEqualTo("up{job!=\"a\", uri=~\"/x>y\"} == bool 0 and on (job) rate(x[5m]) >= bool 1"
                        + " or y < bool 2 unless z != bool 3");
        assertThat(PrometheusRules.withBoolComparisons("ratio > 14.4 * (1 - 0.99)"))
                .isEqualTo("ratio > bool 14.4 * (1 - 0.99)");
    }

    @Test
    void theLiveCheckFillsInGrafanaVariablesAsGrafanaWould() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree("""
                {"time": {"from": "now-6h", "to": "now"},
                 "templating": {"list": [
                   {"name": "service", "type": "query", "includeAll": true, "current": {"value": ["$__all"]}},
                   {"name": "serviceTier", "type": "query", "allValue": "L1|L2", "current": {"value": "$__all"}},
                   {"name": "q", "type": "custom", "current": {"value": "0.99"}}]}}""");
        Map<String, String> variables = LiveDashboards.variables(dashboard);
        assertThat(LiveDashboards.substitute("histogram_quantile($q, rate(x{job=~\"$service\", tier=~\"${serviceTier}\"}"
                + "[$__rate_interval])) + increase(y{job=~\"[[service]]\"}[$__range]) / $__range_s", variables))
                .isEqualTo("histogram_quantile(0.99, rate(x{job=~\".*\", tier=~\"L1|L2\"}[1m]))"
                        + " + increase(y{job=~\".*\"}[6h]) / 21600");
    }

    /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> headingAnchors(Path markdown) {
        try {
            return Files.readAllLines(markdown, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("#"))
                    .map(line -> line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs promtool; returns its output, failing the test with that output unless it exits 0. */
    private static String promtool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Tools.require("promtool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes:\n" + output);
            }
            assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
