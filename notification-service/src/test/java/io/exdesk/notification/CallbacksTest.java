package io.exdesk.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.CsatSubmitted;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.TicketStatus;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestClock;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Callbacks to the exchange platform, end to end: subscriptions through the API, events on the real
 * Kafka, callbacks received by a real HTTP server and checked as the platform would check them (the
 * signature recomputed here, independently of the service's code). Per-ticket order while the head
 * is retried, a receiver down for a minute of the application's clock, dead letters and replay,
 * rotation with two valid secrets, and bad input.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class CallbacksTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALL_TYPES_JSON = "[\"agent-replied\",\"status-changed\",\"assigned\",\"sla-breached\",\"scam-warning\",\"csat-submitted\"]";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    private final List<String[]> created = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        clock.unfreeze();
        // Subscriptions outlive a test class in the shared application: later tests' events must not owe them.
        for (String[] subscription : created) {
            platform(subscription[0]).delete("/api/v1/callbacks/subscriptions/" + subscription[1]);
        }
        created.clear();
    }

    @Test
    void callbacksAreSignedCloudEventsInOrderPerTicketWhileTheFirstIsRetried() throws Exception {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, ALL_TYPES_JSON);
        hooks.script(path, new WebhookReceiver.Answer(503, null), new WebhookReceiver.Answer(500, null));
        double sentBefore = Metrics.scrape().value("notification_callbacks_total", "type", "status-changed", "outcome", "sent");
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        // One topic, one partition per ticket: consumed in this order.
        publisher.publish(created(ticket, number, CustomerTier.STANDARD, true, "customer-" + UUID.randomUUID(), "zh-CN"));
        publisher.publish(new TicketResponded(ticket, 2, now(), number, agent, true));
        publisher.publish(status(ticket, number, 3, TicketStatus.ASSIGNED, TicketStatus.PENDING_CUSTOMER, agent));
        publisher.publish(status(ticket, number, 4, TicketStatus.PENDING_CUSTOMER, TicketStatus.RESOLVED, "customer"));

        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 4);
        List<WebhookReceiver.Call> calls = hooks.calls(path);
        // The first callback failed twice; nothing of its ticket was sent meanwhile.
        assertThat(calls).extracting(WebhookReceiver.Call::answered).containsExactly(503, 500, 200, 200, 200, 200);
        assertThat(calls.subList(0, 3)).extracting(call -> call.header("ce-id")).containsOnly(calls.get(0).header("ce-id"));
        assertThat(hooks.successfulCalls(path)).extracting(call -> call.header("ce-type")).containsExactly(
                "io.exdesk.ticket.scam-warning", "io.exdesk.ticket.agent-replied", "io.exdesk.ticket.status-changed",
                "io.exdesk.ticket.status-changed");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (WebhookReceiver.Call call : hooks.successfulCalls(path)) {
            assertThat(verify(call, List.of(subscription.secret()))).as("signature of %s", call.header("ce-id")).isEqualTo(1);
            assertThat(call.header("ce-specversion")).isEqualTo("1.0");
            assertThat(call.header("ce-source")).isEqualTo("/exdesk/notification-service");
            assertThat(call.header("ce-subject")).isEqualTo(ticket.toString());
            assertThat(Instant.parse(call.header("ce-time"))).isBefore(clock.instant().plusSeconds(1));
            assertThat(call.header("Idempotency-Key")).isEqualTo(call.header("ce-id"));
            assertThat(call.header("Content-Type")).isEqualTo("application/json");
            // No agent's id, no customer's: references and the facts the app shows.
            assertThat(call.body()).doesNotContain(agent).doesNotContain("customer-");
            bodies.add(JSON.readValue(call.body(), Map.class));
        }
        assertThat(bodies).extracting(body -> body.get("ticketNumber")).containsOnly(number);
        assertThat(bodies.get(0)).containsEntry("secretsRedacted", true).containsEntry("language", "zh-CN");
        assertThat(bodies.get(1)).containsEntry("firstResponse", true).containsEntry("version", 2);
        assertThat(bodies.get(2)).containsEntry("status", "PENDING_CUSTOMER").containsEntry("changedBy", "agent");
        assertThat(bodies.get(3)).containsEntry("status", "RESOLVED").containsEntry("changedBy", "customer");
        keepForTheDocsExample(hooks.successfulCalls(path).get(1), subscription.secret());

        // The receiver has each call before the worker records it sent.
        await().atMost(WAIT).untilAsserted(() -> assertThat(platform(client).queryParam("subscription", subscription.id())
                .get("/api/v1/callbacks/deliveries").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items"))
                .extracting(entry -> entry.get("status")).containsOnly("SENT"));
        List<Map<String, Object>> log = platform(client).queryParam("subscription", subscription.id())
                .get("/api/v1/callbacks/deliveries").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(log).extracting(entry -> entry.get("id")).containsExactlyElementsOf(
                hooks.successfulCalls(path).stream().map(call -> call.header("ce-id")).toList());
        assertThat(log.get(0)).containsEntry("attempts", 3).containsEntry("type", "io.exdesk.ticket.scam-warning");
        await().atMost(WAIT).until(() -> Metrics.scrape().value("notification_callbacks_total", "type", "status-changed",
                "outcome", "sent") - sentBefore >= 2);
    }

    @Test
    void assignmentsAndBreachesNameNoAgent() throws Exception {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, "[\"assigned\",\"sla-breached\"]");
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String team = team();
        publisher.publish(assigned(ticket, number, agent, team, "en"));
        publisher.publish(breached(ticket, number, agent, now()));
        // Not subscribed: owes nothing.
        publisher.publish(new TicketResponded(ticket, 2, now(), number, agent, true));

        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 2);
        for (WebhookReceiver.Call call : hooks.successfulCalls(path)) {
            assertThat(verify(call, List.of(subscription.secret()))).isEqualTo(1);
            assertThat(call.body()).doesNotContain(agent).doesNotContain(team);
            assertThat(call.headers().toString()).doesNotContain(agent);
        }
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        for (WebhookReceiver.Call call : hooks.successfulCalls(path)) {
            byType.put(call.header("ce-type"), JSON.readValue(call.body(), Map.class));
        }
        assertThat(byType.get("io.exdesk.ticket.assigned")).containsEntry("agentTier", "L1").containsEntry("reason", "ROUTED");
        assertThat(byType.get("io.exdesk.ticket.sla-breached")).containsEntry("clock", "FIRST_RESPONSE")
                .containsEntry("ticketNumber", number);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> hooks.calls(path).size() == 2);
    }

    /**
     * A customer's rating reaches every subscription that wants it once, even when the event comes twice (a
     * redelivery under the same ce_id), in its ticket's order after the resolution: the rating and references,
     * never the comment (the event does not carry it) nor the rated agent.
     */
    @Test
    void aRatingIsCalledBackOncePerSubscriptionWithoutTheAgent() throws Exception {
        String client = client();
        String lifecyclePath = path();
        String ratingsPath = path();
        String repliesPath = path();
        Subscription lifecycle = subscribe(client, lifecyclePath, "[\"status-changed\",\"csat-submitted\"]");
        Subscription ratings = subscribe(client, ratingsPath, "[\"csat-submitted\"]");
        Subscription replies = subscribe(client, repliesPath, "[\"agent-replied\"]");
        double sentBefore = Metrics.scrape().value("notification_callbacks_total", "type", "csat-submitted", "outcome", "sent");
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        Instant ratedAt = now();
        CsatSubmitted rated = new CsatSubmitted(ticket, 5, ratedAt, number, 2, true, true, Category.WITHDRAWAL,
                Priority.HIGH, CustomerTier.VIP, agent, AgentTier.L2);
        UUID ratingEvent = UUID.randomUUID();
        publisher.publish(status(ticket, number, 4, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, agent));
        publisher.publish(rated, ratingEvent);
        publisher.publish(rated, ratingEvent); // redelivered
        // Behind both copies on the ticket's partition: once it is recorded, so is whatever they owed.
        publisher.publish(status(ticket, number, 6, TicketStatus.RESOLVED, TicketStatus.CLOSED, "system"));

        await().atMost(WAIT).until(() -> hooks.successfulCalls(lifecyclePath).size() == 3);
        assertThat(hooks.successfulCalls(lifecyclePath)).extracting(call -> call.header("ce-type")).containsExactly(
                "io.exdesk.ticket.status-changed", "io.exdesk.ticket.csat-submitted", "io.exdesk.ticket.status-changed");
        await().atMost(WAIT).untilAsserted(() -> assertThat(log(client, ratings)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("status", "SENT")
                        .containsEntry("type", "io.exdesk.ticket.csat-submitted").containsEntry("ticketNumber", number)));
        assertThat(hooks.calls(ratingsPath)).hasSize(1);
        assertThat(log(client, lifecycle)).extracting(entry -> entry.get("type")).containsExactly(
                "io.exdesk.ticket.status-changed", "io.exdesk.ticket.csat-submitted", "io.exdesk.ticket.status-changed");
        assertThat(log(client, replies)).isEmpty();
        assertThat(hooks.calls(repliesPath)).isEmpty();

        WebhookReceiver.Call call = hooks.calls(ratingsPath).get(0);
        assertThat(hooks.successfulCalls(lifecyclePath).get(1).header("ce-id")).isNotEqualTo(call.header("ce-id"));
        assertThat(verify(call, List.of(ratings.secret()))).isEqualTo(1);
        assertThat(call.header("ce-subject")).isEqualTo(ticket.toString());
        assertThat(Instant.parse(call.header("ce-time"))).isEqualTo(ratedAt);
        assertThat(call.body()).doesNotContain(agent);
        assertThat(call.headers().toString()).doesNotContain(agent);
        Map<String, Object> body = JSON.readValue(call.body(), Map.class);
        assertThat(body).containsOnlyKeys("ticketId", "ticketNumber", "version", "rating", "commented", "occurredAt")
                .containsEntry("ticketId", ticket.toString()).containsEntry("ticketNumber", number)
                .containsEntry("version", 5).containsEntry("rating", 2).containsEntry("commented", true)
                .containsEntry("occurredAt", ratedAt.toString());
        await().atMost(WAIT).until(() -> Metrics.scrape().value("notification_callbacks_total", "type", "csat-submitted",
                "outcome", "sent") - sentBefore >= 2);
    }

    @Test
    void aReceiverDownForAMinuteLosesNothingAndKeepsEachTicketsOrder() {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, "[\"agent-replied\",\"status-changed\"]");
        clock.freeze();
        hooks.fail(path, 503);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String firstNumber = ticketNumber();
        String secondNumber = ticketNumber();
        publisher.publish(new TicketResponded(first, 2, now(), firstNumber, "agent-x", true));
        publisher.publish(status(first, firstNumber, 3, TicketStatus.IN_PROGRESS, TicketStatus.PENDING_CUSTOMER, "agent-x"));
        publisher.publish(status(first, firstNumber, 4, TicketStatus.PENDING_CUSTOMER, TicketStatus.RESOLVED, "system"));
        publisher.publish(new TicketResponded(second, 2, now(), secondNumber, "agent-y", true));
        publisher.publish(status(second, secondNumber, 3, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "agent-y"));
        // Only the head of each ticket is tried while the receiver is down.
        await().atMost(WAIT).until(() -> hooks.calls(path).size() >= 2);

        Instant down = clock.instant();
        while (Duration.between(down, clock.instant()).compareTo(Duration.ofMinutes(1)) < 0) {
            int before = hooks.calls(path).size();
            clock.advance(Duration.ofSeconds(5));
            await().atMost(WAIT).until(() -> hooks.calls(path).size() >= before + 2);
        }
        assertThat(hooks.calls(path)).extracting(call -> call.header("ce-subject")).hasSizeGreaterThanOrEqualTo(26);
        assertThat(hooks.calls(path).stream().map(call -> call.header("ce-type")).distinct())
                .containsOnly("io.exdesk.ticket.agent-replied");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Metrics.scrape()
                .value("notification_callbacks_oldest_pending_seconds")).isGreaterThanOrEqualTo(60));

        hooks.heal(path);
        clock.advance(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 5);
        assertThat(typesOf(path, first)).containsExactly("agent-replied", "status-changed", "status-changed");
        assertThat(typesOf(path, second)).containsExactly("agent-replied", "status-changed");
        // The receiver has each call before the worker records it sent.
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> log = platform(client).queryParam("subscription", subscription.id())
                    .get("/api/v1/callbacks/deliveries").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(log).hasSize(5).extracting(entry -> entry.get("status")).containsOnly("SENT");
        });
    }

    /**
     * Head-of-line blocking is per ticket only: while one ticket's first callback is failing (and backing off, the
     * clock frozen so it is not tried again), its later callbacks, also one recorded after the failure, are not
     * sent; another ticket's callbacks to the same subscription go meanwhile. Then the head goes, and its followers
     * after it, in order.
     */
    @Test
    void aFailingCallbackHoldsBackOnlyItsOwnTicket() {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, "[\"status-changed\"]");
        clock.freeze();
        hooks.script(path, new WebhookReceiver.Answer(503, null));
        UUID stuck = UUID.randomUUID();
        UUID flowing = UUID.randomUUID();
        String stuckNumber = ticketNumber();
        String flowingNumber = ticketNumber();
        publisher.publish(status(stuck, stuckNumber, 2, TicketStatus.NEW, TicketStatus.ASSIGNED, "system"));
        publisher.publish(status(stuck, stuckNumber, 3, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, "agent-h"));
        await().atMost(WAIT).until(() -> hooks.calls(path).size() == 1);
        assertThat(hooks.calls(path).get(0).answered()).isEqualTo(503);

        publisher.publish(status(stuck, stuckNumber, 4, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "agent-h"));
        publisher.publish(status(flowing, flowingNumber, 2, TicketStatus.NEW, TicketStatus.ASSIGNED, "system"));
        publisher.publish(status(flowing, flowingNumber, 3, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, "agent-f"));
        publisher.publish(status(flowing, flowingNumber, 4, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "agent-f"));
        await().atMost(WAIT).until(() -> callsFor(path, flowing).size() == 3);
        assertThat(callsFor(path, flowing)).extracting(call -> (Object) statusOf(call))
                .containsExactly("ASSIGNED", "IN_PROGRESS", "RESOLVED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(log(client, subscription).stream()
                .filter(entry -> flowing.toString().equals(entry.get("ticketId"))))
                .extracting(entry -> entry.get("status")).containsOnly("SENT"));
        // All three of the stuck ticket recorded (the third after the head failed), none but the head tried.
        List<Map<String, Object>> held = log(client, subscription).stream()
                .filter(entry -> stuck.toString().equals(entry.get("ticketId"))).toList();
        assertThat(held).extracting(entry -> entry.get("status")).containsExactly("PENDING", "PENDING", "PENDING");
        assertThat(held).extracting(entry -> entry.get("attempts")).containsExactly(1, 0, 0);
        assertThat(callsFor(path, stuck)).hasSize(1);

        clock.advance(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).stream()
                .filter(call -> call.header("ce-subject").equals(stuck.toString())).count() == 3);
        assertThat(hooks.successfulCalls(path).stream().filter(call -> call.header("ce-subject").equals(stuck.toString())))
                .extracting(call -> (Object) statusOf(call)).containsExactly("ASSIGNED", "IN_PROGRESS", "RESOLVED");
        assertThat(callsFor(path, stuck).get(0).header("ce-id")).isEqualTo(callsFor(path, stuck).get(1).header("ce-id"));
    }

    /**
     * A slow receiver holds at most {@code notification.callbacks.max-in-flight} (8) of the worker's 32 slots: with
     * twelve callbacks due to a subscription whose receiver does not answer, it gets eight calls and no more, and
     * another subscription's twelve callbacks all arrive meanwhile (the slow one's other four are leased ahead and
     * wait without a slot). Released, the slow one gets the rest, sent by the threads of its finished calls.
     */
    @Test
    void aSlowReceiverHoldsOnlyItsShareOfTheDeliverySlots() {
        String client = client();
        String slowPath = path();
        String fastPath = path();
        subscribe(client, slowPath, "[\"status-changed\"]");
        subscribe(client, fastPath, "[\"status-changed\"]");
        hooks.hold(slowPath);
        clock.freeze(); // a call that times out is not tried again: the slow receiver's share stays what it is
        try {
            List<UUID> tickets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                UUID ticket = UUID.randomUUID();
                tickets.add(ticket);
                publisher.publish(status(ticket, ticketNumber(), 2, TicketStatus.NEW, TicketStatus.ASSIGNED, "system"));
            }
            await().atMost(WAIT).until(() -> hooks.successfulCalls(fastPath).size() == 12);
            assertThat(hooks.held(slowPath)).as("calls the slow receiver holds").isEqualTo(8);
            assertThat(hooks.successfulCalls(fastPath)).extracting(call -> UUID.fromString(call.header("ce-subject")))
                    .containsExactlyInAnyOrderElementsOf(tickets);
        } finally {
            hooks.release(slowPath);
        }
        clock.advance(Duration.ofSeconds(5)); // the held calls may have timed out meanwhile on a slow machine
        await().atMost(WAIT).until(() -> hooks.successfulCalls(slowPath).stream().map(call -> call.header("ce-subject"))
                .distinct().count() == 12);
    }

    @Test
    void callbacksToAnEndpointThatRefusesConnectionsWaitThenFollowTheSubscriptionToItsNewUrl() {
        String client = client();
        String path = path();
        Subscription subscription = subscribeTo(client, "http://127.0.0.1:" + FreePorts.next() + "/nobody-listens",
                "[\"status-changed\"]");
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(status(ticket, number, 2, TicketStatus.NEW, TicketStatus.ASSIGNED, "system"));
        publisher.publish(status(ticket, number, 3, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, "agent-c"));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> log = platform(client).queryParam("subscription", subscription.id())
                    .get("/api/v1/callbacks/deliveries").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(log).hasSize(2).extracting(entry -> entry.get("status")).containsOnly("PENDING");
            assertThat((Integer) log.get(0).get("attempts")).isGreaterThanOrEqualTo(2);
            assertThat((String) log.get(0).get("lastError")).isNotBlank();
            assertThat(log.get(1)).containsEntry("attempts", 0); // waits behind the first of its ticket
        });

        platform(client).body("{\"url\":\"" + hooks.url(path) + "\",\"eventTypes\":[\"status-changed\"]}")
                .put("/api/v1/callbacks/subscriptions/" + subscription.id()).then().statusCode(200);
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 2);
        assertThat(hooks.successfulCalls(path)).extracting(call -> (Object) statusOf(call))
                .containsExactly("ASSIGNED", "IN_PROGRESS");
    }

    @Test
    void deadCallbacksAreReplayedSinceAnInstantUnderTheirOriginalIds() {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, "[\"status-changed\"]");
        Instant since = clock.instant();
        hooks.fail(path, 410); // final: dead at once
        double deadBefore = Metrics.scrape().value("notification_callbacks_total", "type", "status-changed", "outcome", "dead");
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        publisher.publish(status(ticket, number, 2, TicketStatus.NEW, TicketStatus.ASSIGNED, "system"));
        publisher.publish(status(ticket, number, 3, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, "agent-z"));
        publisher.publish(status(ticket, number, 4, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "agent-z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(platform(client).queryParam("subscription", subscription.id())
                .queryParam("status", "DEAD").get("/api/v1/callbacks/deliveries").then().statusCode(200).extract()
                .jsonPath().getList("items")).hasSize(3));
        List<String> deadIds = hooks.calls(path).stream().map(call -> call.header("ce-id")).toList();
        assertThat(deadIds).hasSize(3).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> Metrics.scrape().value("notification_callbacks_total", "type", "status-changed",
                "outcome", "dead") - deadBefore >= 3);

        hooks.heal(path);
        platform(client).queryParam("since", since.toString())
                .post("/api/v1/callbacks/subscriptions/" + subscription.id() + "/replay")
                .then().statusCode(202).body("replayed", org.hamcrest.Matchers.is(3));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 3);
        assertThat(hooks.successfulCalls(path)).extracting(call -> call.header("ce-id")).containsExactlyElementsOf(deadIds);
        assertThat(hooks.successfulCalls(path)).extracting(call -> (Object) statusOf(call))
                .containsExactly("ASSIGNED", "IN_PROGRESS", "RESOLVED");

        // Replaying what was sent sends it again, same ids (the receiver de-duplicates); since now: nothing.
        platform(client).queryParam("since", since.toString())
                .post("/api/v1/callbacks/subscriptions/" + subscription.id() + "/replay")
                .then().statusCode(202).body("replayed", org.hamcrest.Matchers.is(3));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 6);
        assertThat(hooks.successfulCalls(path).subList(3, 6)).extracting(call -> call.header("ce-id"))
                .containsExactlyElementsOf(deadIds);
        platform(client).queryParam("since", clock.instant().toString())
                .post("/api/v1/callbacks/subscriptions/" + subscription.id() + "/replay")
                .then().statusCode(202).body("replayed", org.hamcrest.Matchers.is(0));
    }

    @Test
    void aRotatedSecretSignsNextToTheOldOneUntilTheOldIsRetiredOrExpires() throws Exception {
        String client = client();
        String path = path();
        Subscription subscription = subscribe(client, path, "[\"agent-replied\"]");
        String rotated = platform(client).queryParam("previousValidFor", "PT1H")
                .post("/api/v1/callbacks/subscriptions/" + subscription.id() + "/secret/rotate")
                .then().statusCode(200).extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(subscription.secret());
        platform(client).get("/api/v1/callbacks/subscriptions/" + subscription.id()).then().statusCode(200)
                .body("secret", nullValue()).body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue());

        UUID ticket = UUID.randomUUID();
        publisher.publish(new TicketResponded(ticket, 2, now(), ticketNumber(), "agent-r", true));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 1);
        WebhookReceiver.Call duringRotation = hooks.successfulCalls(path).get(0);
        assertThat(verify(duringRotation, List.of(rotated))).isEqualTo(1);
        assertThat(verify(duringRotation, List.of(subscription.secret()))).isEqualTo(1);
        assertThat(verify(duringRotation, List.of("whsec_someone-else"))).isZero();

        platform(client).delete("/api/v1/callbacks/subscriptions/" + subscription.id() + "/secret/previous")
                .then().statusCode(200).body("previousSecretExpiresAt", nullValue());
        publisher.publish(new TicketResponded(ticket, 3, now(), ticketNumber(), "agent-r", false));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 2);
        WebhookReceiver.Call retired = hooks.successfulCalls(path).get(1);
        assertThat(verify(retired, List.of(rotated))).isEqualTo(1);
        assertThat(verify(retired, List.of(subscription.secret()))).isZero();

        // A rotation that runs out on its own: after its overlap only the newest secret signs.
        String third = platform(client).queryParam("previousValidFor", "PT1M")
                .post("/api/v1/callbacks/subscriptions/" + subscription.id() + "/secret/rotate")
                .then().statusCode(200).extract().path("secret");
        clock.advance(Duration.ofMinutes(2));
        publisher.publish(new TicketResponded(ticket, 4, now(), ticketNumber(), "agent-r", false));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(path).size() == 3);
        WebhookReceiver.Call expired = hooks.successfulCalls(path).get(2);
        assertThat(signatures(expired)).hasSize(1);
        assertThat(verify(expired, List.of(third))).isEqualTo(1);
        assertThat(verify(expired, List.of(rotated))).isZero();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        String client = client();
        String good = "{\"url\":\"" + hooks.url(path()) + "\",\"eventTypes\":[\"agent-replied\"]}";
        for (String[] bad : new String[][] {
                {"{\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"ftp://127.0.0.1/x\",\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"http://callbacks.example.com/x\",\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"https://10.1.2.3/x\",\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"https://169.254.169.254/latest\",\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"https://user:pw@callbacks.example.com/x\",\"eventTypes\":[\"agent-replied\"]}", "url"},
                {"{\"url\":\"https://callbacks.example.com/x\",\"eventTypes\":[]}", "eventTypes"},
                {"{\"url\":\"https://callbacks.example.com/x\",\"eventTypes\":[\"agent-replied\",\"ticket-created\"]}", "eventTypes[1]"},
                {"{\"url\":\"https://callbacks.example.com/x\",\"eventTypes\":\"agent-replied\"}", "eventTypes"},
                {"{\"url\":\"https://callbacks.example.com/x\"", null}}) { // not JSON: no field to name
            var answer = platform(client).body(bad[0]).post("/api/v1/callbacks/subscriptions").then().statusCode(400)
                    .contentType("application/problem+json");
            if (bad[1] != null) {
                answer.body("errors.field", hasItem(bad[1]));
            }
        }
        platform(client).get("/api/v1/callbacks/subscriptions").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));

        Subscription subscription = subscribe(client, path(), "[\"agent-replied\"]");
        String base = "/api/v1/callbacks/subscriptions/" + subscription.id();
        // A create retried after its answer was lost does not double the callbacks.
        platform(client).body("{\"url\":\"" + subscription.url() + "\",\"eventTypes\":[\"status-changed\"]}")
                .post("/api/v1/callbacks/subscriptions").then().statusCode(409).contentType("application/problem+json");
        platform(client).body("{\"url\":\"https://callbacks.example.com/x\",\"eventTypes\":[\"nope\"]}").put(base)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("eventTypes[0]"));
        platform(client).post(base + "/replay").then().statusCode(400).body("errors.field", hasItem("since"));
        platform(client).queryParam("since", "yesterday").post(base + "/replay").then().statusCode(400)
                .body("errors.field", hasItem("since"));
        platform(client).queryParam("previousValidFor", "P30D").post(base + "/secret/rotate").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("previousValidFor"));
        platform(client).get("/api/v1/callbacks/deliveries").then().statusCode(400).body("errors.field", hasItem("subscription"));
        platform(client).queryParam("subscription", "x").get("/api/v1/callbacks/deliveries").then().statusCode(400)
                .body("errors.field", hasItem("subscription"));
        platform(client).get("/api/v1/callbacks/subscriptions/not-a-uuid").then().statusCode(400);
        // Unchanged by all of the above: the URL, the types, and the one secret (no rotation happened).
        platform(client).get(base).then().statusCode(200)
                .body("url", org.hamcrest.Matchers.is(subscription.url())).body("eventTypes", hasItems("agent-replied"))
                .body("secret", nullValue()).body("previousSecretExpiresAt", nullValue());

        // Another client's subscription does not exist for this one; agents have no access; the admin sees all.
        platform(client()).get(base).then().statusCode(404).contentType("application/problem+json");
        platform(client()).queryParam("subscription", subscription.id()).get("/api/v1/callbacks/deliveries")
                .then().statusCode(404);
        platform(client()).delete(base).then().statusCode(404);
        as(Roles.AGENT).get("/api/v1/callbacks/subscriptions").then().statusCode(403);
        given().get("/api/v1/callbacks/subscriptions").then().statusCode(401);
        as(Roles.ADMIN).get(base).then().statusCode(200).body("clientId", org.hamcrest.Matchers.is(client));
        String second = platform(client).body(good).post("/api/v1/callbacks/subscriptions").then().statusCode(201)
                .extract().path("id");
        created.add(new String[] {client, second});
        platform(client).get("/api/v1/callbacks/subscriptions").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.contains(subscription.id(), second)).body("secret", everyItem(nullValue()));
    }

    /** A subscription as created, with its secret (shown only then). */
    record Subscription(String id, String url, String secret) {
    }

    private Subscription subscribe(String client, String path, String typesJson) {
        return subscribeTo(client, hooks.url(path), typesJson);
    }

    private Subscription subscribeTo(String client, String url, String typesJson) {
        var response = platform(client).body("{\"url\":\"" + url + "\",\"eventTypes\":" + typesJson + "}")
                .post("/api/v1/callbacks/subscriptions").then().statusCode(201).extract();
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/callbacks/subscriptions/" + id);
        created.add(new String[] {client, id});
        String secret = response.path("secret");
        assertThat(secret).startsWith("whsec_");
        return new Subscription(id, url, secret);
    }

    /**
     * How many of the call's signatures verify under the given secrets, recomputed as a receiver would:
     * HMAC-SHA256 over "timestamp.body", hex, compared in constant time; the timestamp within 5 minutes.
     */
    private int verify(WebhookReceiver.Call call, List<String> secrets) throws Exception {
        String timestamp = call.header("X-ExDesk-Timestamp");
        assertThat(Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        int valid = 0;
        for (String secret : secrets) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures(call)) {
                byte[] given = java.util.HexFormat.of().parseHex(signature.substring("v1=".length()));
                if (MessageDigest.isEqual(expected, given)) {
                    valid++;
                }
            }
        }
        return valid;
    }

    private static List<String> signatures(WebhookReceiver.Call call) {
        List<String> signatures = Arrays.asList(call.header("X-ExDesk-Signature").split(" "));
        assertThat(signatures).allSatisfy(signature -> assertThat(signature).matches("v1=[0-9a-f]{64}"));
        return signatures;
    }

    /** One real signed callback, for checking the Python example of docs/api.md against it by hand. */
    private static void keepForTheDocsExample(WebhookReceiver.Call call, String secret) throws Exception {
        Map<String, String> sample = new LinkedHashMap<>();
        sample.put("secret", secret);
        sample.put("timestamp", call.header("X-ExDesk-Timestamp"));
        sample.put("signature", call.header("X-ExDesk-Signature"));
        sample.put("body", call.body());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "callback-sample.json"), JSON.writeValueAsString(sample));
    }

    private List<WebhookReceiver.Call> callsFor(String path, UUID ticket) {
        return hooks.calls(path).stream().filter(call -> call.header("ce-subject").equals(ticket.toString())).toList();
    }

    private static List<Map<String, Object>> log(String client, Subscription subscription) {
        return platform(client).queryParam("subscription", subscription.id()).get("/api/v1/callbacks/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private List<String> typesOf(String path, UUID ticket) {
        return hooks.successfulCalls(path).stream().filter(call -> call.header("ce-subject").equals(ticket.toString()))
                .map(call -> call.header("ce-type").substring("io.exdesk.ticket.".length())).toList();
    }

    private static String statusOf(WebhookReceiver.Call call) {
        try {
            return (String) JSON.readValue(call.body(), Map.class).get("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static StatusChanged status(UUID ticket, String number, long version, TicketStatus from, TicketStatus to,
                                        String by) {
        return new StatusChanged(ticket, version, now(), number, from, to, Priority.HIGH, CustomerTier.STANDARD, by);
    }

    private static RequestSpecification platform(String client) {
        return given().auth().oauth2(TestTokens.of(client, Roles.PLATFORM)).contentType("application/json");
    }

    private static String client() {
        return "exchange-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String path() {
        return "/callbacks/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
