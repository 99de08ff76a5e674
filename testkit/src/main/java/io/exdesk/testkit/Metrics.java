package io.exdesk.testkit;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of the application's {@code /q/metrics}, read by series. Tests share one application, so
 * a counter is asserted by its increase: read it before the action, then await
 * {@code Metrics.scrape().value(...) - before >= n}.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** Scrapes the application under test (RestAssured's base URI and port). */
    public static Metrics scrape() {
        return new Metrics(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Scrapes the service at {@code baseUri}, e.g. one the test started as a process. */
    public static Metrics scrape(String baseUri) {
        return new Metrics(given().baseUri(baseUri).get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the series with exactly these labels, or 0 when the series does not exist yet
     * (a Micrometer counter appears on its first increment).
     *
     * @param labels alternating label names and values, e.g. {@code "priority", "HIGH"}
     */
    public double value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            if (parseLabels(sample.group(3)).equals(wanted)) {
                return Double.parseDouble(sample.group(4));
            }
        }
        return 0;
    }

    private static Map<String, String> parseLabels(String labels) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (labels == null) {
            return parsed;
        }
        Matcher label = LABEL.matcher(labels);
        while (label.find()) {
            parsed.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return parsed;
    }
}
