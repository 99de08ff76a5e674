package io.exdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ProcessWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real Prometheus server (the {@code prometheus} binary) on a free loopback port, scraping the given
 * targets every second and evaluating ExDesk's rules from {@code deploy/prometheus/rules/} every second,
 * its storage under {@code target/}. Queried through its HTTP API.
 */
final class LivePrometheus implements AutoCloseable {

    /** One series of an instant query's answer. */
    record Sample(Map<String, String> labels, double value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final ProcessWatchdog watchdog;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LivePrometheus(Process process, String baseUrl) {
        this.process = process;
        this.watchdog = ProcessWatchdog.guard(process.pid(), "TERM");
        this.baseUrl = baseUrl;
    }

    /**
     * Starts Prometheus in {@code home} (emptied first) scraping {@code /q/metrics} of each job's
     * {@code 127.0.0.1:port}, and waits until it is ready.
     */
    static LivePrometheus start(Path binary, Path home, Map<String, Integer> jobPorts) {
        try {
            deleteRecursively(home);
            Files.createDirectories(home);
            StringBuilder config = new StringBuilder("""
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s
                    scrape_configs:
                    """.formatted(PrometheusRules.directory().resolve("rules").resolve("*.yml")));
            jobPorts.forEach((job, port) -> config.append("""
                      - job_name: %s
                        metrics_path: %s
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(job, ServiceSettings.METRICS, port)));
            Path configFile = home.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            int port = FreePorts.next();
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("prometheus.log").toFile())
                    .start();
            LivePrometheus prometheus = new LivePrometheus(process, "http://127.0.0.1:" + port);
            Awaitility.await("Prometheus ready (log: " + home.resolve("prometheus.log") + ")")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(prometheus::ready);
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Prometheus in " + home, e);
        }
    }

    /** The answer of an instant query now; fails on a query Prometheus rejects. */
    List<Sample> query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus rejects " + promql + ": " + answer.path("error").asText());
        }
        JsonNode data = answer.path("data");
        List<Sample> samples = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            samples.add(new Sample(Map.of(), parse(data.path("result").get(1).asText())));
            return samples;
        }
        for (JsonNode series : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            samples.add(new Sample(labels, parse(series.path("value").get(1).asText())));
        }
        return samples;
    }

    /**
     * A range query from {@code start} to now, as a Grafana time-series panel sends it: one sample per
     * series, its last finite value over the range (NaN if it has none).
     */
    List<Sample> queryRange(String promql, Instant start, Duration step) {
        JsonNode answer = get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start.getEpochSecond() + "&end=" + Instant.now().getEpochSecond()
                + "&step=" + step.toSeconds());
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus rejects " + promql + ": " + answer.path("error").asText());
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : answer.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            double last = Double.NaN;
            for (JsonNode point : series.path("values")) {
                double value = parse(point.get(1).asText());
                if (Double.isFinite(value)) {
                    last = value;
                }
            }
            samples.add(new Sample(labels, last));
        }
        return samples;
    }

    /** The values of a label known to Prometheus (what Grafana's {@code label_values(label)} lists). */
    List<String> labelValues(String label) {
        List<String> values = new ArrayList<>();
        get("/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values").path("data")
                .forEach(value -> values.add(value.asText()));
        return values;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.close();
    }
}
