package io.exdesk.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exdesk.deploy.LiveDashboards.Query;
import io.exdesk.deploy.LiveDashboards.VariableQuery;
import io.exdesk.deploy.LivePrometheus.Sample;
import io.exdesk.deploy.PrometheusRules.Rule;
import io.exdesk.events.Category;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.Priority;
import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.Tools;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The monitoring, checked against the real thing: the four services from their packaged jars with real
 * Kafka, PostgreSQL, SMTP and webhook receivers, traffic from the sample tickets with SLA targets of
 * seconds, and a real Prometheus scraping them every second and evaluating {@code deploy/prometheus/rules}
 * every second. One system serves every test; the last one stops a service.
 *
 * <p><b>What "returns data" means.</b> A recording rule's expression, queried as written, must return a
 * series with a finite value. An alert's expression is queried with every comparison made non-filtering
 * ({@code > bool}, {@link PrometheusRules#withBoolComparisons}): it then answers 0 or 1 for each label set
 * its inputs have, so it is empty only when an input has no data, whether or not the alert fires now
 * ({@code up == 0} does not fire while everything runs, yet {@code up == bool 0} proves it sees the
 * targets). The windows of hours and days need no waiting: {@code rate(x[3d])} has a value as soon as two
 * samples of {@code x} fall inside the window, so a two-minute run fills them all. A Grafana panel's query
 * (variables at All, {@code $__rate_interval} = 1m, {@code $__range} = the dashboard's default range) must
 * have a finite point over the run (instant queries: now), as a panel that shows something would.
 *
 * <p><b>Alerts.</b> URGENT tickets left unanswered breach their 3-second first-response target and a
 * record nobody can decode is dead-lettered by the three consumers of {@code ticket-events}: their alerts
 * must fire. A stopped service must be seen down ({@code up == 0}) with {@code ExDeskServiceDown} at
 * least pending: the production rule's {@code for: 1m} is kept rather than shortened for the test, and
 * promtool's unit tests cover when it turns to firing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMonitoringTest {

    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\)");
    private static final Pattern QUERY_RESULT = Pattern.compile("query_result\\((.*)\\)");

    private static ExDeskProcesses exdesk;
    private static LivePrometheus prometheus;
    private static Instant scrapingSince;
    /** The CSAT ratings the traffic gave, as ticket-service stored them. */
    private static List<Rating> ratings = List.of();

    @BeforeAll
    static void startExDeskAndPrometheusThenSendTraffic() {
        Path binary = Tools.require("prometheus");
        Path home = Path.of("target", "live-monitoring").toAbsolutePath();
        long started = System.nanoTime();
        exdesk = ExDeskProcesses.start(home.resolve("logs"));
        System.out.printf("LiveMonitoringTest: four services ready in %.1f s (logs in %s)%n", seconds(started),
                home.resolve("logs"));
        prometheus = LivePrometheus.start(binary, home.resolve("prometheus"), exdesk.ports());
        scrapingSince = Instant.now();
        // Every counter must be scraped at its starting value first: increase() counts from a sample.
        await("every service scraped").atMost(Duration.ofSeconds(30))
                .until(() -> prometheus.query("up == 1").size() == exdesk.names().size());
        long traffic = System.nanoTime();
        sendTraffic();
        System.out.printf("LiveMonitoringTest: traffic sent in %.1f s%n", seconds(traffic));
    }

    /** Killed, not stopped: nothing is checked after the tests, and a graceful stop takes each service seconds. */
    @AfterAll
    static void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exdesk != null) {
            exdesk.names().forEach(exdesk::kill);
        }
    }

    @Test
    @Order(1)
    void everyServiceAnswersItsHealthAndMetricsEndpoints() {
        for (String service : exdesk.names()) {
            for (String endpoint : ServiceSettings.ENDPOINTS) {
                given().baseUri(exdesk.url(service)).get(endpoint).then().statusCode(200);
            }
        }
    }

    @Test
    @Order(2)
    void everyRecordingAndAlertingRuleExpressionReturnsData() {
        Map<String, Supplier<List<Sample>>> checks = new LinkedHashMap<>();
        for (Rule rule : PrometheusRules.rules()) {
            String promql = rule.isAlert() ? PrometheusRules.withBoolComparisons(rule.expr()) : rule.expr();
            checks.put((rule.isAlert() ? "alert " : "record ") + rule.name() + ": " + oneLine(promql),
                    () -> prometheus.query(promql));
        }
        report("rule expressions", awaitData(checks));
    }

    @Test
    @Order(3)
    void everyDashboardPanelAndVariableQueryReturnsData() {
        List<Path> dashboards = LiveDashboards.files();
        if (dashboards.isEmpty()) {
            System.out.println("LiveMonitoringTest: no dashboards in " + LiveDashboards.directory() + " to check");
            return;
        }
        Map<String, Supplier<List<Sample>>> checks = new LinkedHashMap<>();
        for (Path dashboard : dashboards) {
            List<Query> queries = LiveDashboards.panelQueries(dashboard);
            assertThat(queries).as(dashboard + " has panel queries").isNotEmpty();
            for (int i = 0; i < queries.size(); i++) {
                Query query = queries.get(i);
                checks.put(query.dashboard() + " #" + (i + 1) + " \"" + query.panel() + "\"" + (query.instant() ? " (instant)" : "")
                        + ": " + oneLine(query.expr()), query.instant() ? () -> prometheus.query(query.expr())
                        : () -> prometheus.queryRange(query.expr(), scrapingSince, Duration.ofSeconds(2)));
            }
        }
        report("dashboard panel queries", awaitData(checks));

        Map<String, String> variables = new LinkedHashMap<>();
        for (Path dashboard : dashboards) {
            for (VariableQuery variable : LiveDashboards.variableQueries(dashboard)) {
                variables.put(variable.dashboard() + " $" + variable.variable(), variable.query());
            }
        }
        Map<String, Integer> listed = new LinkedHashMap<>();
        variables.forEach((name, query) -> {
            int values = variableValues(query);
            assertThat(values).as(name + ": " + query + " lists no value").isPositive();
            listed.put(name + ": " + query, values);
        });
        report("dashboard variable queries (values listed)", listed);
    }

    /**
     * The CSAT panels show the ratings given, not just some data: each query that reads {@code csat_rating}
     * answers, overall or per the label it groups by, the average of the ratings when it reads their sum, else
     * their number. Every series is born with a rating in it, which a plain {@code increase()} would not count.
     */
    @Test
    @Order(3)
    void theCsatPanelsShowTheRatingsGiven() {
        assertThat(ratings).as("ratings given").isNotEmpty();
        List<Query> queries = LiveDashboards.files().stream().flatMap(file -> LiveDashboards.panelQueries(file).stream())
                .filter(query -> query.expr().contains("csat_rating")).toList();
        assertThat(queries).as("CSAT panel queries").isNotEmpty();
        await("the CSAT panels show the ratings given").atMost(DATA_TIMEOUT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (Query query : queries) {
                        Matcher by = Pattern.compile("\\bby \\((\\w+)\\)").matcher(query.expr());
                        String label = by.find() ? by.group(1) : null;
                        Map<String, Double> expected = ratings.stream().collect(Collectors.groupingBy(
                                rating -> label == null ? "all" : rating.label(label), Collectors.collectingAndThen(
                                        Collectors.toList(), group -> rounded(query.expr().contains("csat_rating_sum")
                                                ? group.stream().mapToInt(Rating::rating).average().orElseThrow()
                                                : group.size()))));
                        Map<String, Double> shown = new LinkedHashMap<>();
                        for (Sample sample : query.instant() ? prometheus.query(query.expr())
                                : prometheus.queryRange(query.expr(), scrapingSince, Duration.ofSeconds(2))) {
                            shown.put(label == null ? "all" : sample.labels().get(label), rounded(sample.value()));
                        }
                        assertThat(shown).as(query.panel() + ": " + oneLine(query.expr())).isEqualTo(expected);
                    }
                });
        System.out.println("LiveMonitoringTest: " + queries.size() + " CSAT panel queries show the " + ratings.size()
                + " ratings given");
    }

    @Test
    @Order(4)
    void theInducedBreachesAndDeadLettersFireTheirAlerts() {
        await("URGENT tickets of VIP and STANDARD customers breached, SlaBreachedVipOrUrgent firing")
                .atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(firing("SlaBreachedVipOrUrgent", "priority", "tier", "clock"))
                                .contains("URGENT/VIP/FIRST_RESPONSE", "URGENT/STANDARD/FIRST_RESPONSE"));
        await("the undecodable record dead-lettered by each consumer of ticket-events, MessagingDeadLetters firing")
                .atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(firing("MessagingDeadLetters", "job", "topic"))
                                .contains("routing-service/ticket-events", "sla-service/ticket-events",
                                        "notification-service/ticket-events"));
        System.out.println("LiveMonitoringTest: firing " + firing("SlaBreachedVipOrUrgent", "priority", "tier", "clock")
                + " and " + firing("MessagingDeadLetters", "job", "topic", "consumer"));
    }

    @Test
    @Order(5)
    void aStoppedServiceIsSeenDown() {
        String victim = "notification-service";
        // Killed: Prometheus sees a crash as it sees a stop, and a graceful stop would take seconds first.
        exdesk.kill(victim);
        await(victim + " down and ExDeskServiceDown pending").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(prometheus.query("up{job=\"" + victim + "\"} == 0")).hasSize(1);
                    assertThat(prometheus.query("ALERTS{alertname=\"ExDeskServiceDown\", job=\"" + victim
                            + "\", alertstate=~\"pending|firing\"}")).hasSize(1);
                });
        assertThat(prometheus.query("up == 0")).as("only the stopped service is down")
                .extracting(sample -> sample.labels().get("job")).containsExactly(victim);
        System.out.println("LiveMonitoringTest: " + victim + " stopped; up == 0 and ExDeskServiceDown "
                + prometheus.query("ALERTS{alertname=\"ExDeskServiceDown\"}").get(0).labels().get("alertstate"));
    }

    // ---- traffic

    /**
     * SLA targets of seconds for URGENT first responses, an hour for the others, and a first warning after
     * 0.5 % of each target (so resolution clocks are at risk after 36 s); three agents for 44 tickets, so
     * most wait in the queue; every ticket but the URGENT ones answered, half of those resolved; and one
     * record on ticket-events that no consumer can decode.
     */
    private static void sendTraffic() {
        phaseStart = System.nanoTime();
        String admin = ExDeskProcesses.token("admin-live", "admin");
        String supervisor = ExDeskProcesses.token("supervisor-live", "supervisor");
        String platform = ExDeskProcesses.token("platform-live", "platform");
        String sla = exdesk.url("sla-service");
        String routing = exdesk.url("routing-service");
        String tickets = exdesk.url("ticket-service");
        // In parallel, as the tickets below: one after another, a just-started sla-service took about 1 s each.
        List<String> policies = Arrays.stream(Priority.values())
                .flatMap(priority -> Arrays.stream(CustomerTier.values()).map(tier -> priority + "/" + tier)).toList();
        inParallel(policies, policy -> {
            String firstResponse = policy.startsWith(Priority.URGENT + "/") ? "PT3S" : "PT1H";
            return given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("firstResponse", firstResponse, "resolution", "PT2H", "warningFractions", List.of(0.005)))
                    .put(sla + "/api/v1/sla/policies/" + policy).then().statusCode(200);
        });
        phase("policies");
        List<String> skills = Arrays.stream(Category.values()).map(Enum::name).toList();
        for (String[] agent : new String[][] {{"live-agent-1", "L1", "ONLINE"}, {"live-agent-2", "L2", "ONLINE"},
                {"live-agent-3", "L1", "AWAY"}}) {
            given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                    .body(Map.of("id", agent[0], "name", agent[0], "tier", agent[1], "skills", skills,
                            "languages", List.of("zh-CN", "en"), "capacity", 3, "vipCapable", true, "status", agent[2]))
                    .post(routing + "/api/v1/agents").then().statusCode(201);
        }
        phase("agents");
        List<JsonNode> samples = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (JsonNode sample : sampleTickets()) {
                samples.add(((ObjectNode) sample.deepCopy()).put("round", round));
            }
        }
        List<String> answered = inParallel(samples, sample -> {
            String id = sample.path("id").asText();
            Map<String, Object> customer = Map.of("id", "live-" + sample.path("round").asInt() + "-" + id,
                    "tier", sample.path("tier").asText(), "language", sample.path("language").asText(),
                    "contact", Map.of("email", id + "@customers.test"));
            var created = given().auth().oauth2(platform).contentType(ContentType.JSON)
                    .body(Map.of("customer", customer, "channel", sample.path("channel").asText(),
                            "subject", sample.path("subject").asText(), "description", sample.path("body").asText()))
                    .post(tickets + "/api/v1/tickets").then().statusCode(201).extract();
            return "URGENT".equals(created.path("priority")) ? null : created.<String>path("id");
        }).stream().filter(Objects::nonNull).toList();
        phase("tickets");
        inParallel(answered, ticket -> given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("body", "We are on it.")).post(tickets + "/api/v1/tickets/" + ticket + "/replies")
                .then().statusCode(201));
        phase("replies");
        List<String> resolved = answered.subList(0, answered.size() / 2);
        inParallel(resolved, ticket -> given().auth().oauth2(supervisor)
                .contentType(ContentType.JSON).body(Map.of("status", "RESOLVED")).patch(tickets + "/api/v1/tickets/" + ticket)
                .then().statusCode(200));
        phase("resolutions");
        // Each resolved ticket rated, 1 to 5 in turn. A rating without a tier is one of a ticket never assigned
        // (ticket-service learns the assignee and its tier from the same event), agent_tier NONE in the metric.
        ratings = inParallel(IntStream.range(0, resolved.size()).boxed().toList(), i -> {
            var stored = given().auth().oauth2(platform).contentType(ContentType.JSON).body(Map.of("rating", 1 + i % 5))
                    .post(tickets + "/api/v1/tickets/" + resolved.get(i) + "/csat").then().statusCode(201).extract();
            return new Rating(stored.path("category"), Objects.requireNonNullElse(stored.path("agentTier"), "NONE"),
                    stored.path("rating"));
        });
        phase("ratings");
        try (TestEventPublisher publisher = new TestEventPublisher()) {
            String key = UUID.randomUUID().toString();
            publisher.publishRaw(EventType.TICKET_CREATED.topic(), key, "{not json".getBytes(StandardCharsets.UTF_8),
                    new CloudEventHeaders(UUID.randomUUID(), EventType.TICKET_CREATED.ceType(), "/exdesk/live-monitoring-test",
                            Instant.now(), key));
        }
        phase("dead letter");
        // notification-service's own API is part of its HTTP metrics too.
        given().auth().oauth2(ExDeskProcesses.token("ops-live", "ops")).queryParam("status", "DEAD")
                .get(exdesk.url("notification-service") + "/api/v1/notifications").then().statusCode(200);
    }

    /** A rating as ticket-service stored it, with the labels its {@code csat_rating} sample has. */
    private record Rating(String category, String agentTier, int rating) {

        String label(String name) {
            return switch (name) {
                case "category" -> category;
                case "agent_tier" -> agentTier;
                default -> throw new AssertionError("csat_rating is not counted by " + name);
            };
        }
    }

    private static long phaseStart = System.nanoTime();

    private static void phase(String done) {
        System.out.printf("LiveMonitoringTest: traffic: %s %.1f s%n", done, seconds(phaseStart));
        phaseStart = System.nanoTime();
    }

    /** Calls {@code action} for every item, eight at a time (as many clients would); the results in item order. */
    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> action) {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<R>> results = new ArrayList<>();
            items.forEach(item -> results.add(clients.submit(() -> action.apply(item))));
            List<R> done = new ArrayList<>();
            for (Future<R> result : results) {
                done.add(result.get(1, TimeUnit.MINUTES));
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error; // a failed RestAssured expectation
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    /** The product's sample tickets (a copy of shared/data/sample-tickets.jsonl kept in ticket-service's tests). */
    private static List<JsonNode> sampleTickets() {
        Path file = ServiceSettings.repositoryRoot()
                .resolve("ticket-service/src/test/resources/intake/sample-tickets.jsonl");
        try {
            List<JsonNode> samples = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    samples.add(JSON.readTree(line));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- checks

    /**
     * Waits until every query returns a series with a finite value; fails naming those that still do not.
     * Returns how many such series each returned.
     */
    private static Map<String, Integer> awaitData(Map<String, Supplier<List<Sample>>> checks) {
        Map<String, Integer> answered = new LinkedHashMap<>();
        Supplier<List<String>> withoutData = () -> {
            List<String> missing = new ArrayList<>();
            answered.clear();
            checks.forEach((name, query) -> {
                List<Sample> samples = query.get();
                long finite = samples.stream().filter(sample -> Double.isFinite(sample.value())).count();
                if (finite == 0) {
                    missing.add(name + " -> " + samples);
                } else {
                    answered.put(name, (int) finite);
                }
            });
            return missing;
        };
        // The first try at once: after the traffic and the previous tests, most runs need no second.
        await("every query returns data").atMost(DATA_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(withoutData.get()).as("queries without data").isEmpty());
        return answered;
    }

    private static double rounded(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static String oneLine(String promql) {
        return promql.replaceAll("\\s+", " ").trim();
    }

    private static int variableValues(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query.trim());
        if (labelValues.matches()) {
            return labelValues.group(1) == null ? prometheus.labelValues(labelValues.group(2)).size()
                    : prometheus.query("count by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")").size();
        }
        Matcher queryResult = QUERY_RESULT.matcher(query.trim());
        if (queryResult.matches()) {
            return prometheus.query(queryResult.group(1)).size();
        }
        throw new AssertionError("A variable query this check does not know: " + query);
    }

    /** The firing instances of an alert, each as its label values joined by "/". */
    private static List<String> firing(String alert, String... labels) {
        return prometheus.query("ALERTS{alertname=\"" + alert + "\", alertstate=\"firing\"}").stream()
                .map(sample -> String.join("/", Arrays.stream(labels).map(l -> sample.labels().get(l)).toList()))
                .toList();
    }

    private static void report(String what, Map<String, Integer> answered) {
        System.out.println("LiveMonitoringTest: " + answered.size() + " " + what + " returned data:");
        answered.forEach((name, series) -> System.out.println("  " + name + ": " + series + " series"));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
