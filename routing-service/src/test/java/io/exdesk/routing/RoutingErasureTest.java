package io.exdesk.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerErased;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.ErasureConfirmed;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.TicketErased;
import io.exdesk.events.TicketStatus;
import io.exdesk.events.Topics;
import io.exdesk.testkit.DatabaseSearch;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestEventPublisher;
import io.exdesk.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Routing keeps nothing of a customer, and says so for every erasure: its tickets are routed from events that
 * carry the customer's id (and, as ticket-service published them before it withheld it, the subject), yet no
 * column of any table of routing's database ever holds either; every erased ticket and the customer are
 * confirmed, a repeated erasure changes nothing, and routing carries on.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class RoutingErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** ticket-service's key is a deployment secret routing never has; any key derives the pseudonym the same way. */
    private static final byte[] TICKET_SERVICE_KEY = "ticket-service's key, which routing never sees"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void routingHoldsNothingOfTheCustomerAndConfirmsTheirErasure() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + tag;
        String words = "Zorblax" + tag + " drained my wallet";
        try (RoutingFixture fixture = new RoutingFixture();
             TopicProbe confirmations = new TopicProbe(Topics.ERASURE_CONFIRMATIONS)) {
            String agent = fixture.agent("erasure-" + tag, "capacity", 10);
            // As ticket-service publishes a creation now (subject withheld), and as it did before (with the subject).
            TicketCreated current = fixture.publish(created(fixture, customer, ""));
            TicketCreated older = fixture.publish(created(fixture, customer, words));
            TicketCreated othersTicket = fixture.publish(created(fixture, "cust-other-" + tag, ""));
            for (TicketCreated ticket : List.of(current, older, othersTicket)) {
                assertThat(fixture.assigned(ticket).agentId()).isEqualTo(agent);
            }
            List<String> theirs = List.of(customer, words);
            assertThat(DatabaseSearch.inTestDatabase(theirs)).as("routing never stores them").isEmpty();
            assertThat(DatabaseSearch.inTestDatabase(List.of(current.ticketNumber(), agent)))
                    .as("the search sees routing's tables").isNotEmpty();

            String pseudonym = TicketErased.pseudonymOf(customer, TICKET_SERVICE_KEY);
            UUID erasure = UUID.randomUUID();
            Map<UUID, Long> erased = new LinkedHashMap<>();
            erased.put(current.ticketId(), 2L);
            erased.put(older.ticketId(), 2L);
            List<ExDeskEvent> events = CustomerErased.announce(pseudonym, erasure, erased, Instant.now());
            try (TestEventPublisher publisher = new TestEventPublisher()) {
                events.forEach(publisher::publish);
            }

            await().atMost(WAIT).until(() -> confirmed(confirmations, pseudonym).equals(
                    Set.of(current.ticketId().toString(), older.ticketId().toString(), "customer")));
            assertThat(DatabaseSearch.inTestDatabase(theirs)).isEmpty();

            // The same erasure again (redelivered, or published anew): nothing changes, routing carries on.
            try (TestEventPublisher publisher = new TestEventPublisher()) {
                events.forEach(publisher::publish);
            }
            await().atMost(WAIT).until(() -> confirmations.withHeader("ce_subject", pseudonym).size() == 6);
            fixture.status(othersTicket, 2, TicketStatus.ASSIGNED, TicketStatus.CLOSED);
            await().atMost(WAIT).until(() -> fixture.openTickets(agent) == 2);
            assertThat(fixture.state(current.ticketId())).isEqualTo("ASSIGNED");
            assertThat(DatabaseSearch.inTestDatabase(theirs)).isEmpty();
        }
    }

    private static TicketCreated created(RoutingFixture fixture, String customer, String subject) {
        TicketCreated template = fixture.ticket(Priority.NORMAL, Category.GENERAL);
        return new TicketCreated(template.ticketId(), 1, template.occurredAt(), template.ticketNumber(),
                template.priority(), template.category(), Channel.WEB, template.language(), customer,
                CustomerTier.STANDARD, subject, false, template.createdAt());
    }

    /** The tickets (or "customer") routing-service confirmed for this pseudonym. */
    private static Set<String> confirmed(TopicProbe probe, String pseudonym) {
        return probe.withHeader("ce_subject", pseudonym).stream()
                .map(r -> TestEventPublisher.decode(r.value(), ErasureConfirmed.class))
                .filter(c -> c.service().equals("routing-service"))
                .map(c -> c.ticketId() == null ? "customer" : c.ticketId().toString())
                .collect(Collectors.toSet());
    }
}
