package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.PLATFORM;
import static io.exdesk.systemtests.Users.TICKETS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.CloudEvents;
import io.exdesk.events.EventType;
import io.exdesk.events.Topics;
import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.KafkaBroker;
import io.exdesk.testkit.PostgresServer;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Scenario 7: faults in the middle of a burst of tickets. The exchange platform keeps opening tickets,
 * retrying each with the same {@code Idempotency-Key} until it gets its 201, as a real client would,
 * while each service in turn is killed (SIGKILL: nothing drained, nothing flushed) and started again,
 * then while the Kafka broker is stopped and started again, and then while PostgreSQL is stopped and
 * started again under the running services: while it is down clients are told 503 with
 * {@code Retry-After} (never 500) and every service reports itself not ready, and once it is back every
 * service is ready again and its consumers, outbox relay and workers carry on, none restarted.
 * Afterwards every ticket exists once, was assigned exactly once (one {@code ticket-assigned} event id),
 * has both SLA clocks, and every notification it owes (the assignee's e-mail and chat) is recorded
 * exactly once and sent.
 *
 * <p>Runs alone ({@link Isolated}): it takes the whole system down piece by piece.
 */
@Order(10)
@Isolated
class FaultsTest {

    private static final int TICKETS_PER_FAULT = 12;
    private static final int CLIENTS = 4;
    private static final Duration CLIENT_PATIENCE = Duration.ofMinutes(3);
    private static final String CUSTOMER = "s7-customer";
    /** Between one client's tickets: a steady stream rather than one instant, so the fault lands among requests. */
    private static final Duration PACE = Duration.ofMillis(150);
    /**
     * The same while PostgreSQL is stopped, which takes a moment (a fast shutdown) where a SIGKILL takes
     * none: slow enough that the burst is still going when the database is gone.
     */
    private static final Duration DATABASE_PACE = Duration.ofSeconds(1);
    private static final String DATABASE_CHECK = "Database connections health check";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every ticket the burst opened: Idempotency-Key to the id of the 201. */
    private final Map<String, String> opened = new ConcurrentHashMap<>();
    /** Answers other than 201 the client saw, by status (0: no answer, the connection failed). */
    private final Map<Integer, AtomicInteger> otherAnswers = new ConcurrentHashMap<>();
    /** 503s with {@code Retry-After} the clients saw: "retry later". */
    private final AtomicInteger toldToRetryLater = new AtomicInteger();
    private final List<String> unexpected = new ArrayList<>();

    @Test
    void killedServicesAStoppedBrokerAndAStoppedDatabaseLoseNoTicketAssignmentClockOrNotification() throws Exception {
        ExDeskProcesses exdesk = RunningExDesk.get();
        // Swedish: no other scenario's agent can take these tickets; room for all of them.
        Agent first = Users.register(new Agent("s7-agent-1", "L1", "s7-team", List.of("GENERAL"), List.of("sv"), 200,
                false, "ONLINE"));
        Agent second = Users.register(new Agent("s7-agent-2", "L1", "s7-team", List.of("GENERAL"), List.of("sv"), 200,
                false, "ONLINE"));
        Set<String> agents = Set.of(first.id(), second.id());

        int faults = 0;
        for (String service : exdesk.names()) {
            long started = System.nanoTime();
            burstWhile(PACE, () -> {
                exdesk.kill(service);
                exdesk.restart(service);
            });
            faults++;
            System.out.printf("FaultsTest: %s killed and restarted mid-burst in %.1f s%n", service,
                    (System.nanoTime() - started) / 1e9);
        }
        KafkaBroker broker = TestServers.get().embeddedKafka().orElse(null);
        if (broker != null) {
            long started = System.nanoTime();
            burstWhile(PACE, () -> {
                broker.stop();
                // Long enough for every producer, consumer and outbox relay to notice.
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
                broker.start();
            });
            faults++;
            System.out.printf("FaultsTest: Kafka stopped and restarted mid-burst in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        PostgresServer postgres = TestServers.get().postgres();
        if (postgres.isEmbedded()) {
            long started = System.nanoTime();
            int retryLaterBefore = toldToRetryLater.get();
            burstWhile(DATABASE_PACE, () -> stopPostgresWhileTheServicesRun(exdesk, postgres));
            faults++;
            assertThat(toldToRetryLater.get() - retryLaterBefore)
                    .as("clients told 503 with Retry-After while PostgreSQL was down").isPositive();
            assertThat(exdesk.names()).as("services still running, none restarted").allMatch(exdesk::isAlive);
            System.out.printf("FaultsTest: PostgreSQL stopped and restarted mid-burst in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        assertThat(unexpected).as("answers a client must never see").isEmpty();
        System.out.println("FaultsTest: answers other than 201 while services were down: " + otherAnswers);

        int expected = TICKETS_PER_FAULT * faults;
        assertThat(opened).hasSize(expected);
        Set<String> ids = Set.copyOf(opened.values());
        assertThat(ids).as("one ticket per Idempotency-Key").hasSize(expected);
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var request = Users.as(Users.SUPERVISOR, TICKETS).queryParam("customer", CUSTOMER).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(listed).as("the customer's tickets: each once, none extra").containsExactlyInAnyOrderElementsOf(ids);

        // Checked at once, polled only while not yet so: a poll interval alone also delays the first check by
        // as much, half a second per ticket and check (72 s of the 168 s this scenario took).
        for (String id : ids) {
            await("ticket " + id + " assigned with both clocks").atMost(Duration.ofSeconds(90))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> Users.ticketView(id), view ->
                            view.getString("assigneeId") != null && agents.contains(view.getString("assigneeId"))
                                    && "RUNNING".equals(view.getString("sla.FIRST_RESPONSE.state"))
                                    && "RUNNING".equals(view.getString("sla.RESOLUTION.state")));
        }
        try (TopicProbe assignments = new TopicProbe(Topics.ASSIGNMENT_EVENTS)) {
            Map<String, Set<String>> eventIds = await("every ticket's assignment read back").atMost(Duration.ofSeconds(60))
                    .until(() -> assignmentEventIds(assignments.poll(), ids), found -> found.keySet().containsAll(ids));
            assertThat(eventIds).as("ticket-assigned event ids per ticket")
                    .allSatisfy((ticket, events) -> assertThat(events).as(ticket).hasSize(1));
        }
        for (String id : ids) {
            List<Map<String, Object>> deliveries = await("ticket " + id + "'s notifications sent")
                    .atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> Users.deliveries(id), all -> all.size() >= 2
                            && all.stream().allMatch(d -> "SENT".equals(d.get("status"))));
            assertThat(deliveries).as("owed to " + id + ": the assignee's e-mail and chat, once each")
                    .extracting(d -> d.get("rule") + " " + d.get("channel"))
                    .containsExactlyInAnyOrder("ticket-assigned EMAIL", "ticket-assigned CHAT");
        }
    }

    /**
     * Stops PostgreSQL under the running services until each of them says it is not ready (its database
     * check DOWN) and a client has been told to retry later, then starts it again on its port and data,
     * and waits until each service is ready again by itself.
     */
    private void stopPostgresWhileTheServicesRun(ExDeskProcesses exdesk, PostgresServer postgres) {
        int retryLaterBefore = toldToRetryLater.get();
        long stopping = System.nanoTime();
        postgres.stop();
        double stopped = (System.nanoTime() - stopping) / 1e9;
        Set<String> unready = ConcurrentHashMap.newKeySet();
        try {
            await("every service unready, its database check DOWN").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        health(exdesk, exdesk.names().stream().filter(s -> !unready.contains(s)).toList(), "ready")
                                .forEach((service, ready) -> {
                                    if (ready.statusCode() == 503 && "DOWN".equals(new JsonPath(ready.body())
                                            .getString("checks.find { it.name == '" + DATABASE_CHECK + "' }.status"))) {
                                        unready.add(service);
                                    }
                                });
                        return unready.containsAll(exdesk.names());
                    });
            await("a client told to retry later").atMost(Duration.ofSeconds(30))
                    .until(() -> toldToRetryLater.get() > retryLaterBefore);
            // Alive all the same: an orchestrator must not restart a service for its database's outage.
            assertThat(health(exdesk, exdesk.names(), "live").values()).as("liveness while PostgreSQL is down")
                    .allSatisfy(live -> assertThat(live.statusCode()).isEqualTo(200));
        } finally {
            System.out.printf("FaultsTest: PostgreSQL stopped in %.1f s; every service unready and a client told to"
                    + " retry later %.1f s after the stop (unready: %s)%n", stopped,
                    (System.nanoTime() - stopping) / 1e9, unready);
            postgres.start();
        }
        long starting = System.nanoTime();
        await("every service ready again without a restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> health(exdesk, exdesk.names(), "ready").values().stream().allMatch(r -> r.statusCode() == 200));
        System.out.printf("FaultsTest: PostgreSQL down for %.1f s; every service ready %.1f s after its start%n",
                (starting - stopping) / 1e9, (System.nanoTime() - starting) / 1e9);
    }

    /** The services' answers to a health check ("ready", "live"), asked at once: while the database is away each takes seconds. */
    private static Map<String, HttpResponse<String>> health(ExDeskProcesses exdesk, List<String> services, String check) {
        Map<String, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        for (String service : services) {
            asked.put(service, HTTP.sendAsync(HttpRequest.newBuilder(URI.create(exdesk.url(service) + "/q/health/" + check))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        asked.forEach((service, answer) -> answers.put(service, answer.join()));
        return answers;
    }

    /** Opens a burst of tickets with retrying clients; the fault strikes once a third of them is open. */
    private void burstWhile(Duration pace, Runnable fault) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < TICKETS_PER_FAULT; i++) {
            keys.add("s7-" + UUID.randomUUID());
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(keys);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (String key = queue.poll(); key != null; key = queue.poll()) {
                        opened.put(key, openWithRetries(key));
                        done.incrementAndGet();
                        LockSupport.parkNanos(pace.toNanos());
                    }
                    return null;
                }));
            }
            await("a third of the burst open").atMost(Duration.ofSeconds(60))
                    .until(() -> done.get() >= TICKETS_PER_FAULT / 3);
            fault.run();
            for (Future<?> client : running) {
                client.get(CLIENT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** What a real client does: the same request with the same key until it gets an answer that is final. */
    private String openWithRetries(String key) {
        Map<String, Object> request = Users.ticket(CUSTOMER, "STANDARD", "sv", "Fråga om konto " + key,
                "Jag har en fråga om mitt konto.");
        request.put("category", "GENERAL");
        request.put("priority", "NORMAL");
        long deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Duration wait = Duration.ofMillis(300);
            try {
                Response response = given().baseUri(RunningExDesk.get().url(TICKETS)).auth().oauth2(PLATFORM)
                        .contentType(ContentType.JSON).header("Idempotency-Key", key).body(request)
                        .post("/api/v1/tickets");
                int status = response.statusCode();
                if (status == 201 || status == 200 && response.header("Idempotent-Replayed") != null) {
                    return response.jsonPath().getString("id");
                }
                otherAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status == 503 && response.header("Retry-After") != null) {
                    toldToRetryLater.incrementAndGet();
                    wait = Duration.ofSeconds(Math.min(5, Long.parseLong(response.header("Retry-After"))));
                } else if (status != 409) { // 409: the first attempt with this key is still being saved
                    synchronized (unexpected) {
                        unexpected.add(status + " " + response.asString());
                    }
                }
            } catch (Exception connectionFailed) { // refused or reset while ticket-service is down
                otherAnswers.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
            }
            LockSupport.parkNanos(wait.toNanos());
        }
        throw new AssertionError("No ticket for " + key + " within " + CLIENT_PATIENCE);
    }

    private static Map<String, Set<String>> assignmentEventIds(List<ConsumerRecord<String, String>> records,
                                                                Set<String> tickets) {
        return records.stream()
                .filter(r -> tickets.contains(r.key())
                        && EventType.TICKET_ASSIGNED.ceType().equals(TopicProbe.header(r, CloudEvents.TYPE)))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> TopicProbe.header(r, CloudEvents.ID), Collectors.toSet())));
    }
}
