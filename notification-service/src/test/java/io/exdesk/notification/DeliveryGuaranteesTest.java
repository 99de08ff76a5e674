package io.exdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketAssigned;
import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.notification.service.DeliveryStore;
import io.exdesk.notification.service.DeliveryWorkers;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestClock;
import io.exdesk.testkit.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries with backoff, dead letters, at most one delivery per (event, recipient, channel) across
 * redeliveries and restarts, and channels that do not wait for each other. Test configuration:
 * backoff from 100 ms, 3 attempts, 10 s lease, 3 s webhook timeout.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class DeliveryGuaranteesTest extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** notification.delivery.lease in the test configuration. */
    private static final Duration LEASE = Duration.ofSeconds(10);

    @Inject
    DeliveryWorkers workers;

    @Inject
    DeliveryStore store;

    @Inject
    TestClock clock;

    @AfterEach
    void restoreServers() {
        clock.unfreeze();
        workers.start();
        mail.startIfStopped();
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffThenSent() {
        String team = team();
        String agent = agent("en", team, false);
        hooks.script(hookPath(agent), new WebhookReceiver.Answer(503, null), new WebhookReceiver.Answer(500, null));
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));

        await().atMost(WAIT).until(() -> hooks.successfulCalls(hookPath(agent)).size() == 1);
        List<WebhookReceiver.Call> calls = hooks.calls(hookPath(agent));
        assertThat(calls).extracting(WebhookReceiver.Call::answered).containsExactly(503, 500, 200);
        // Backoff: at least half the nominal 100 ms, then 200 ms (equal jitter).
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(Duration.between(calls.get(1).receivedAt(), calls.get(2).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "SENT").containsEntry("attempts", 3));
        assertThat(calls).extracting(call -> call.header("Idempotency-Key")).containsOnly(calls.get(0).header("Idempotency-Key"));
    }

    @Test
    void aWebhookThatKeepsFailingIsDeadLetteredVisiblyAndCanBeRetried() {
        String team = team();
        String agent = agent("en", team, false);
        hooks.fail(hookPath(agent), 503);
        double deadBefore = deadChats();
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "DEAD").containsEntry("attempts", 3));
        assertThat(hooks.calls(hookPath(agent))).hasSize(3);
        String id = (String) delivery(ticket, "agent:" + agent, "CHAT").get("id");
        assertThat((String) delivery(ticket, "agent:" + agent, "CHAT").get("lastError")).contains("503");
        assertThat(as(Roles.OPS).queryParam("status", "DEAD").queryParam("limit", 200).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items.id")).contains(id);
        await().atMost(WAIT).until(() -> deadChats() - deadBefore >= 1);

        hooks.heal(hookPath(agent));
        as(Roles.SUPERVISOR).post("/api/v1/notifications/" + id + "/retry").then().statusCode(200);
        await().atMost(WAIT).until(() -> hooks.successfulCalls(hookPath(agent)).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "SENT"));
    }

    @Test
    void aClientErrorIsNotRetriedButATimeoutIs() {
        String team = team();
        String agent = agent("en", team, false);
        hooks.fail(hookPath(agent), 404);
        String other = agent("en", team, false);
        hooks.script(hookPath(other), new WebhookReceiver.Answer(408, null));
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));
        UUID otherTicket = UUID.randomUUID();
        publisher.publish(assigned(otherTicket, ticketNumber(), other, team, "en"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "DEAD").containsEntry("attempts", 1));
        assertThat(hooks.calls(hookPath(agent))).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(otherTicket, "agent:" + other, "CHAT"))
                .containsEntry("status", "SENT").containsEntry("attempts", 2));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        String team = team();
        String agent = agent("en", team, false);
        hooks.script(hookPath(agent), new WebhookReceiver.Answer(429, "3600"));
        clock.freeze();
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));

        // The backoff alone would retry after 50-100 ms; the receiver asked for an hour.
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> chat = delivery(ticket, "agent:" + agent, "CHAT");
            assertThat(chat).containsEntry("status", "PENDING").containsEntry("attempts", 1);
            assertThat(Instant.parse((String) chat.get("nextAttemptAt")))
                    .isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        });
        // The e-mail is not in flight when the hour passes, so its lease does not run out with it.
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "EMAIL"))
                .containsEntry("status", "SENT"));
        assertThat(hooks.calls(hookPath(agent))).extracting(WebhookReceiver.Call::answered).containsExactly(429);

        clock.advance(Duration.ofHours(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "SENT").containsEntry("attempts", 2));
        assertThat(hooks.calls(hookPath(agent))).extracting(WebhookReceiver.Call::answered).containsExactly(429, 200);
    }

    @Test
    void anSmtpOutageIsRetriedThenSent() {
        String team = team();
        String agent = agent("en", team, false);
        mail.stop();
        UUID ticket = UUID.randomUUID();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> email = delivery(ticket, "agent:" + agent, "EMAIL");
            assertThat(email).containsEntry("status", "PENDING");
            assertThat((Integer) email.get("attempts")).isGreaterThanOrEqualTo(1);
            assertThat(email.get("lastError")).isNotNull();
        });
        mail.start();
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "EMAIL"))
                .containsEntry("status", "SENT"));
    }

    @Test
    void aRedeliveredEventIsDeliveredOnce() {
        String team = team();
        String agent = agent("en", team, false);
        String next = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        TicketAssigned event = assigned(ticket, number, agent, team, "en");
        UUID eventId = publisher.publish(event);
        publisher.publish(event, eventId);
        // Same ticket, same topic, later: once its messages arrive, the redelivery was consumed.
        publisher.publish(reassigned(ticket, number, next, agent, team));

        await().atMost(WAIT).until(() -> mail.to(email(next)).size() == 1 && hooks.successfulCalls(hookPath(next)).size() == 1);
        await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1 && hooks.successfulCalls(hookPath(agent)).size() == 1);
        assertThat(deliveries(ticket).stream().filter(d -> d.get("eventId").equals(eventId.toString()))).hasSize(2);
    }

    @Test
    void aRestartDeliversWhatWasOwedOnceEvenWhenTheEventComesAgain() {
        String team = team();
        String agent = agent("en", team, false);
        String next = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        String number = ticketNumber();
        workers.stop(); // the service is down: what is owed stays recorded, nothing is sent
        TicketAssigned event = assigned(ticket, number, agent, team, "en");
        UUID eventId = publisher.publish(event);
        await().atMost(WAIT).until(() -> deliveries(ticket).size() == 2);
        assertThat(deliveries(ticket)).allSatisfy(d -> assertThat(d).containsEntry("status", "PENDING"));
        publisher.publish(event, eventId);
        publisher.publish(reassigned(ticket, number, next, agent, team));
        await().atMost(WAIT).until(() -> deliveries(ticket).size() == 4);

        workers.start();
        await().atMost(WAIT).until(() -> mail.to(email(next)).size() == 1 && mail.to(email(agent)).size() == 1
                && hooks.successfulCalls(hookPath(agent)).size() == 1);
        assertThat(deliveries(ticket)).hasSize(4).allSatisfy(d -> assertThat(d).containsEntry("status", "SENT"));
        assertThat(hooks.calls(hookPath(agent))).hasSize(1);
    }

    @Test
    void aDeliveryLeasedByAWorkerThatDiedIsTakenAgainAfterItsLease() {
        String team = team();
        String agent = agent("en", team, false);
        String other = agent("en", team, false);
        UUID ticket = UUID.randomUUID();
        workers.stop();
        publisher.publish(assigned(ticket, ticketNumber(), agent, team, "en"));
        await().atMost(WAIT).until(() -> deliveries(ticket).size() == 2);
        clock.freeze(); // the lease runs out only when the test says so

        // A worker claims the chat delivery and dies before sending or recording anything.
        Instant claimedAt = clock.instant();
        List<Delivery> claimed = store.claim(DeliveryChannel.CHAT, 1000);
        assertThat(claimed).extracting(d -> d.ticketId).contains(ticket);
        workers.start();

        // A later chat sent by the restarted worker: it has claimed what was due, and the leased one was not.
        publisher.publish(assigned(UUID.randomUUID(), ticketNumber(), other, team, "en"));
        await().atMost(WAIT).until(() -> hooks.successfulCalls(hookPath(other)).size() == 1);
        assertThat(hooks.calls(hookPath(agent))).isEmpty();
        Map<String, Object> leased = delivery(ticket, "agent:" + agent, "CHAT");
        assertThat(leased).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat(Instant.parse((String) leased.get("nextAttemptAt"))).isAfterOrEqualTo(claimedAt.plus(LEASE));

        clock.advance(LEASE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivery(ticket, "agent:" + agent, "CHAT"))
                .containsEntry("status", "SENT").containsEntry("attempts", 2));
        assertThat(Instant.parse((String) delivery(ticket, "agent:" + agent, "CHAT").get("sentAt")))
                .isAfterOrEqualTo(claimedAt.plus(LEASE));
        assertThat(hooks.calls(hookPath(agent))).hasSize(1);
    }

    @Test
    void aSlowChannelDoesNotDelayAnother() {
        String team = team();
        String agent = agent("en", team, false);
        hooks.hold(hookPath(agent));
        try {
            publisher.publish(assigned(UUID.randomUUID(), ticketNumber(), agent, team, "en"));

            // The e-mail goes out while the chat call is still waiting for its answer.
            await().atMost(WAIT).until(() -> mail.to(email(agent)).size() == 1 && hooks.held(hookPath(agent)) == 1);
            assertThat(hooks.successfulCalls(hookPath(agent))).isEmpty();
        } finally {
            hooks.release(hookPath(agent));
        }
        await().atMost(WAIT).until(() -> hooks.successfulCalls(hookPath(agent)).size() == 1);
    }

    private static TicketAssigned reassigned(UUID ticket, String number, String agent, String previous, String team) {
        return new TicketAssigned(ticket, now(), number, agent, previous, AssignmentReason.REASSIGNED, AgentTier.L2, team,
                Priority.HIGH, Category.WITHDRAWAL, "en");
    }

    private static double deadChats() {
        return Metrics.scrape().value("notification_deliveries_total", "channel", "chat", "outcome", "dead");
    }
}
