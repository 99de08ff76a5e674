package io.exdesk.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketAssigned;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketQueued;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TestTokens;
import io.exdesk.testkit.TopicProbe;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What routing tests share: agents created through the API, tickets published to the real broker, and the
 * routing decisions read back from {@code assignment-events}. Each test works in a language of its own, so
 * its agents and tickets never meet another test's.
 */
final class RoutingFixture implements AutoCloseable {

    static final String SUPERVISOR_TOKEN = TestTokens.of("lead-test", Roles.SUPERVISOR);
    private static final AtomicLong NUMBERS = new AtomicLong(ThreadLocalRandom.current().nextInt(1_000_000));

    final String language = uniqueLanguage();
    final String prefix = language + "-";
    final TestEventPublisher publisher = new TestEventPublisher();
    final TopicProbe assignments = new TopicProbe(Topics.ASSIGNMENT_EVENTS);

    /** A language tag no other test uses (a private-use-looking primary subtag of 8 letters). */
    static String uniqueLanguage() {
        StringBuilder tag = new StringBuilder("q");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }

    /** An agent body with this test's language; {@code with} overrides or adds fields. */
    Map<String, Object> agentBody(String name, Object... with) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", prefix + name);
        body.put("name", "Agent " + name);
        body.put("tier", "L1");
        body.put("skills", List.of("GENERAL"));
        body.put("languages", List.of(language));
        body.put("capacity", 3);
        body.put("status", "ONLINE");
        for (int i = 0; i < with.length; i += 2) {
            body.put((String) with[i], with[i + 1]);
        }
        return body;
    }

    /** Creates an agent (see {@link #agentBody}); returns its id. */
    String agent(String name, Object... with) {
        Map<String, Object> body = agentBody(name, with);
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/agents").then().statusCode(201);
        return (String) body.get("id");
    }

    void status(String agentId, String status) {
        given().auth().oauth2(SUPERVISOR_TOKEN).contentType(ContentType.JSON).body(Map.of("status", status))
                .put("/api/v1/agents/" + agentId + "/status").then().statusCode(200);
    }

    int openTickets(String agentId) {
        return given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/agents/" + agentId)
                .then().statusCode(200).extract().path("openTickets");
    }

    TicketCreated ticket(Priority priority, Category category) {
        return ticket(priority, category, CustomerTier.STANDARD, language, Instant.now());
    }

    TicketCreated ticket(Priority priority, Category category, CustomerTier tier, String language, Instant createdAt) {
        return new TicketCreated(UUID.randomUUID(), 1, Instant.now(), "EXD-" + NUMBERS.incrementAndGet(), priority,
                category, Channel.CHAT, language, "customer-1", tier, "Help", false, createdAt);
    }

    /** Publishes a new ticket to ticket-events. */
    TicketCreated publish(TicketCreated ticket) {
        publisher.publish(ticket);
        return ticket;
    }

    /** Publishes a status change of the ticket with the given version. */
    void status(TicketCreated ticket, long version, TicketStatus from, TicketStatus to) {
        publisher.publish(new StatusChanged(ticket.ticketId(), version, Instant.now(), ticket.ticketNumber(), from, to,
                ticket.priority(), ticket.customerTier(), "agent"));
    }

    /** The routing events of a ticket published so far, in order. */
    List<ExDeskEvent> decisions(UUID ticketId) {
        List<ExDeskEvent> events = new ArrayList<>();
        assignments.poll().stream().filter(r -> ticketId.toString().equals(r.key())).forEach(r -> {
            EventType type = EventType.fromCeType(TopicProbe.header(r, "ce_type"));
            events.add(TestEventPublisher.decode(r.value(), type.payloadType()));
        });
        return events;
    }

    List<TicketAssigned> assignmentsOf(UUID ticketId) {
        return decisions(ticketId).stream().filter(TicketAssigned.class::isInstance).map(TicketAssigned.class::cast)
                .toList();
    }

    /** Waits for the ticket's {@code n}-th ticket-assigned (1-based) and returns it. */
    TicketAssigned assigned(UUID ticketId, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> assignmentsOf(ticketId).size() >= n);
        return assignmentsOf(ticketId).get(n - 1);
    }

    TicketAssigned assigned(TicketCreated ticket) {
        return assigned(ticket.ticketId(), 1);
    }

    /** Waits for the ticket's ticket-queued and returns it. */
    TicketQueued queued(TicketCreated ticket) {
        await().atMost(Duration.ofSeconds(20)).until(() -> decisions(ticket.ticketId()).stream()
                .anyMatch(TicketQueued.class::isInstance));
        return decisions(ticket.ticketId()).stream().filter(TicketQueued.class::isInstance)
                .map(TicketQueued.class::cast).findFirst().orElseThrow();
    }

    /** The ticket's routing state as the supervisor API shows it, once routing has seen it. */
    String state(UUID ticketId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(SUPERVISOR_TOKEN)
                .get("/api/v1/routing/tickets/" + ticketId).statusCode() == 200);
        return given().auth().oauth2(SUPERVISOR_TOKEN).get("/api/v1/routing/tickets/" + ticketId)
                .then().extract().path("state");
    }

    static void assertReason(TicketAssigned assigned, String agentId, AssignmentReason reason) {
        org.assertj.core.api.Assertions.assertThat(assigned.agentId()).isEqualTo(agentId);
        org.assertj.core.api.Assertions.assertThat(assigned.reason()).isEqualTo(reason);
    }

    @Override
    public void close() {
        publisher.close();
        assignments.close();
    }
}
