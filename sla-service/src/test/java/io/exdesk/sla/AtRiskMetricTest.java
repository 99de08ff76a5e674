package io.exdesk.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketResponded;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.Metrics;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sla_at_risk_due_timestamp_seconds}, the SLA dashboard's table of tickets at risk: a clock is listed
 * with its due time from its first warning until it is met.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class AtRiskMetricTest {

    private TestEventPublisher publisher;
    private TopicProbe probe;

    @BeforeEach
    void setUp() {
        // LOW/STANDARD first response: warned after 1.2 s, due after 60 s, so the clock stays at risk while the test
        // looks (a warning whose instant passed before the ticket was read still fires: only one past due does not).
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json")
                .body("{\"firstResponse\":\"PT60S\",\"resolution\":\"PT1H\",\"warningFractions\":[0.02]}")
                .put("/api/v1/sla/policies/LOW/STANDARD").then().statusCode(200);
        publisher = new TestEventPublisher();
        probe = new TopicProbe(Topics.SLA_EVENTS);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        probe.close();
    }

    @Test
    void aWarnedClockIsListedWithItsDueTimeUntilItIsMet() {
        TicketCreated ticket = new TicketCreated(UUID.randomUUID(), 1, Instant.now(), "EXD-R" + System.nanoTime() % 1_000_000,
                Priority.LOW, Category.DEPOSIT, Channel.WEB, "en", "customer-1", CustomerTier.STANDARD, "Deposit missing",
                false, Instant.now());
        publisher.publish(ticket);
        String[] series = {"ticket", ticket.ticketNumber(), "priority", "LOW", "tier", "STANDARD", "clock", "FIRST_RESPONSE"};
        await().atMost(Duration.ofSeconds(20)).until(() -> firstResponseScheduled(ticket) != null);
        Instant due = firstResponseScheduled(ticket).dueAt();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Metrics.scrape().value("sla_at_risk_due_timestamp_seconds", series))
                        .isCloseTo(due.toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.001)));

        publisher.publish(new TicketResponded(ticket.ticketId(), 2, Instant.now(), ticket.ticketNumber(), "agent-1", true));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Metrics.scrape().value("sla_at_risk_due_timestamp_seconds", series)).isZero());
    }

    @Test
    void theAtRiskListShowsAWarnedClockAndTheBreachListABreachedOne() {
        Instant start = Instant.now().minusSeconds(1);
        TicketCreated warned = ticket(Priority.LOW, CustomerTier.STANDARD);
        publisher.publish(warned);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR))
                .get("/api/v1/sla/at-risk?limit=500").then().statusCode(200)
                .body("find { it.ticketNumber == '" + warned.ticketNumber() + "' }.warningLevel", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.ticketNumber == '" + warned.ticketNumber() + "' }.breached", org.hamcrest.Matchers.equalTo(false))
                .body("find { it.ticketNumber == '" + warned.ticketNumber() + "' }.clock", org.hamcrest.Matchers.equalTo("FIRST_RESPONSE")));

        // LOW/VIP first response in 1 s: breached at once, for the breach list.
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json")
                .body("{\"firstResponse\":\"PT1S\",\"resolution\":\"PT1H\",\"warningFractions\":[0.5]}")
                .put("/api/v1/sla/policies/LOW/VIP").then().statusCode(200);
        try {
            TicketCreated breached = ticket(Priority.LOW, CustomerTier.VIP);
            publisher.publish(breached);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole(Roles.OPS))
                    .get("/api/v1/sla/breaches?since=" + start).then().statusCode(200)
                    .body("find { it.ticketNumber == '" + breached.ticketNumber() + "' }.breached", org.hamcrest.Matchers.equalTo(true)));
            // Breaches before 'since' are not listed; the warned ticket never breached.
            given().auth().oauth2(TestTokens.forRole(Roles.OPS)).get("/api/v1/sla/breaches?since=" + Instant.now().plusSeconds(60))
                    .then().statusCode(200).body("ticketNumber", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(breached.ticketNumber())));
            given().auth().oauth2(TestTokens.forRole(Roles.OPS)).get("/api/v1/sla/breaches?since=" + start)
                    .then().statusCode(200).body("ticketNumber", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(warned.ticketNumber())));
        } finally {
            given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json")
                    .body("{\"firstResponse\":\"PT2H\",\"resolution\":\"PT36H\"}")
                    .put("/api/v1/sla/policies/LOW/VIP").then().statusCode(200);
        }
        // Agents do not see the lists; a bad 'since' is a 400 naming it.
        given().auth().oauth2(TestTokens.forRole(Roles.AGENT)).get("/api/v1/sla/at-risk").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.SUPERVISOR)).get("/api/v1/sla/breaches?since=yesterday")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("since"));
    }

    private static TicketCreated ticket(Priority priority, CustomerTier tier) {
        return new TicketCreated(UUID.randomUUID(), 1, Instant.now(), "EXD-R" + System.nanoTime() % 1_000_000,
                priority, Category.DEPOSIT, Channel.WEB, "en", "customer-1", tier, "Deposit missing", false, Instant.now());
    }

    private SlaScheduled firstResponseScheduled(TicketCreated ticket) {
        return probe.poll().stream()
                .filter(r -> r.key().equals(ticket.ticketId().toString()))
                .map(r -> (ExDeskEvent) TestEventPublisher.decode(r.value(),
                        EventType.fromCeType(TopicProbe.header(r, "ce_type")).payloadType()))
                .filter(e -> e instanceof SlaScheduled s && s.clock() == SlaClock.FIRST_RESPONSE)
                .map(SlaScheduled.class::cast)
                .findFirst().orElse(null);
    }
}
