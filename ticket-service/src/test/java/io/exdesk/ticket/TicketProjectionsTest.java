package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.as;
import static io.exdesk.ticket.TicketApi.body;
import static io.exdesk.ticket.TicketApi.createId;
import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaPolicyUpdated;
import io.exdesk.events.SlaScheduled;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketQueued;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assignment and SLA events from the other services show on the ticket, once, and decide who sees it. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketProjectionsTest {

    @Inject
    AgroalDataSource dataSource;

    private TestEventPublisher events;

    @BeforeEach
    void connect() {
        events = new TestEventPublisher();
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void anAssignmentSetsTheAssigneeOnceAndOnlyTheAssigneeAgentSeesTheTicket() {
        String id = createId(body("Assign me", "need an agent", "\"category\":\"KYC\",\"priority\":\"NORMAL\""));
        as("agent-7", Roles.AGENT).get("/api/v1/tickets/" + id).then().statusCode(404);

        TicketAssigned assigned = new TicketAssigned(UUID.fromString(id), Instant.now(), "EXD-1", "agent-7", null,
                AssignmentReason.ROUTED, AgentTier.L1, "kyc-team", Priority.NORMAL, Category.KYC, "en");
        UUID eventId = UUID.randomUUID();
        events.publish(assigned, eventId);
        events.publish(assigned, eventId); // redelivered

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("agent-7", Roles.AGENT)
                .get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("assigneeId", equalTo("agent-7"))
                .body("status", equalTo("ASSIGNED")));
        as("agent-8", Roles.AGENT).get("/api/v1/tickets/" + id).then().statusCode(404);
        as("agent-7", Roles.AGENT).get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));

        // A later event with the same key, so on the same partition of the same topic, proves the
        // duplicate was consumed before it, and ignored.
        UUID marker = events.publish(new TicketQueued(UUID.fromString(id), Instant.now(), "EXD-1", Priority.NORMAL,
                Category.KYC, "en", CustomerTier.STANDARD));
        awaitConsumed(marker);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket_history WHERE ticket_id = ? AND action = 'ASSIGNED'",
                UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void slaWarningsAndBreachesShowOnTheTicket() {
        String id = createId(body("SLA", "clock is ticking", "\"category\":\"DEPOSIT\",\"priority\":\"HIGH\""));
        UUID ticket = UUID.fromString(id);
        Instant due = Instant.parse("2030-01-01T00:15:00Z");
        events.publish(new SlaScheduled(ticket, 1, Instant.now(), SlaClock.FIRST_RESPONSE, due, false,
                Priority.HIGH, CustomerTier.STANDARD));
        events.publish(new SlaWarning(ticket, Instant.now(), SlaClock.FIRST_RESPONSE, 2, 0.75, due, 225,
                Priority.HIGH, CustomerTier.STANDARD, null, "EXD-1", Category.DEPOSIT));
        events.publish(new SlaBreached(ticket, Instant.now(), SlaClock.FIRST_RESPONSE, due, due, false,
                Priority.HIGH, CustomerTier.STANDARD, null, "EXD-1", Category.DEPOSIT));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> platform().get("/api/v1/tickets/" + id)
                .then().statusCode(200)
                .body("sla.FIRST_RESPONSE.state", equalTo("BREACHED"))
                .body("sla.FIRST_RESPONSE.warningLevel", equalTo(2))
                .body("sla.FIRST_RESPONSE.dueAt", equalTo("2030-01-01T00:15:00Z")));
    }

    @Test
    void aNewSlaPolicyChangesTheExpectedFirstResponseTime() {
        events.publish(new SlaPolicyUpdated(Priority.LOW, CustomerTier.VIP, 7, 42, 4200, List.of(0.5, 0.75, 0.9),
                "24x7", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT first_response_seconds FROM sla_policy_view WHERE priority = 'LOW' AND customer_tier = 'VIP'") == 42);

        String vip = body("VIP question", "how do I", "\"category\":\"GENERAL\",\"priority\":\"LOW\"")
                .replace("\"STANDARD\"", "\"VIP\"");
        var created = TicketApi.create(vip).statusCode(201).extract();
        assertThat(Instant.parse(created.path("expectedFirstResponseAt")))
                .isEqualTo(Instant.parse(created.<String>path("createdAt")).plusSeconds(42));

        // An older policy version replayed from the compacted topic does not win.
        UUID older = events.publish(new SlaPolicyUpdated(Priority.LOW, CustomerTier.VIP, 6, 999, 9999, List.of(0.5),
                "24x7", Instant.now()));
        awaitConsumed(older);
        assertThat(Db.count(dataSource,
                "SELECT first_response_seconds FROM sla_policy_view WHERE priority = 'LOW' AND customer_tier = 'VIP'"))
                .isEqualTo(42);
    }

    /** Waits until ticket-service has consumed the event (its transaction recorded it as processed). */
    private void awaitConsumed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM processed_event WHERE consumer = 'ticket-service' AND event_id = ?", eventId) == 1);
    }

    @Test
    void platformsSeeOnlyTheirOwnTicketsAndRolesAreEnforced() {
        String id = createId(body("Mine", "platform A's ticket", "\"category\":\"GENERAL\",\"priority\":\"LOW\""));
        as("exchange-b", Roles.PLATFORM).get("/api/v1/tickets/" + id).then().statusCode(404);
        as("exchange-b", Roles.PLATFORM).get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        as("admin-1", Roles.ADMIN).get("/api/v1/tickets/" + id).then().statusCode(200);
        as("ops-1", Roles.OPS).get("/api/v1/tickets/" + id).then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/tickets/" + id).then().statusCode(401);
        as("agent-1", Roles.AGENT).body(body("x", "y", "")).post("/api/v1/tickets").then().statusCode(403);
        platform().body("{\"priority\":\"HIGH\"}").patch("/api/v1/tickets/" + id).then().statusCode(403);
    }
}
